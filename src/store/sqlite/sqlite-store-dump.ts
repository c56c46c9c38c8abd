// Export and import for SQLite (issue 8): reads every table page by page in id order as dump
// records, and writes records back with their ids, one IMMEDIATE transaction per batch. A new file
// beside the SQLite store; it reads rows with the store's own row schemas.
import type { Database, Statement } from "better-sqlite3";
import { z } from "zod";
import { type DumpEncoding, dumpRecordRow, postedDumpRowSchema, WorkspaceDumpRowSchema } from "../dump-record-row.js";
import { SUBSCRIBER_DUMP_SQL, SubscriberDumpRowSchema } from "../feed-subscriber-rows.js";
import { ArticleRowSchema, EventRowSchema, FeedRowSchema } from "../row-schemas.js";
import { ScheduleRowSchema, SlotRowSchema } from "../schedule-row-schemas.js";
import { type Counted, DUMP_TABLES, type DumpRecord, type StoreDump } from "../store-dump.js";
import { INDEX_NEW_ARTICLE_SQL } from "./article-search-index.js";

const PAGE = 500;

const PostedRowSchema = postedDumpRowSchema(
  z.string().transform((json) => z.array(z.number().int()).parse(JSON.parse(json))),
);
const ClaimTokenSchema = z.object({ claim_token: z.string().nullable() });
const CountSchema = z.number().int();

/** Booleans as 0/1, weekdays as "1,3,5", posted ids as JSON, as the SQLite schema keeps them. */
const SQLITE_ENCODING: DumpEncoding = {
  bool: (value) => (value ? 1 : 0),
  days: (values) => values.join(","),
  ids: (values) => JSON.stringify(values),
};

export class SqliteStoreDump implements StoreDump {
  readonly #db: Database;
  readonly #statements = new Map<string, Statement>();

  constructor(db: Database) {
    this.#db = db;
  }

  async counts(): Promise<Record<Counted, number>> {
    const out = {} as Record<Counted, number>;
    for (const [type, table] of Object.entries(DUMP_TABLES) as Array<[Counted, string]>) {
      out[type] = CountSchema.parse(this.#db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
    }
    return out;
  }

  async *read(): AsyncIterable<DumpRecord> {
    for (const row of this.#pages("feeds")) yield { type: "feed", feed: FeedRowSchema.parse(row) };
    for (const row of this.#db.prepare(SUBSCRIBER_DUMP_SQL).all()) yield SubscriberDumpRowSchema.parse(row);
    for (const row of this.#pages("articles")) yield { type: "article", article: ArticleRowSchema.parse(row) };
    for (const row of this.#pages("digest_schedules")) {
      yield { type: "schedule", schedule: ScheduleRowSchema.parse(row) };
    }
    for (const row of this.#db.prepare("SELECT * FROM workspace_settings ORDER BY platform, workspace_id").all()) {
      yield WorkspaceDumpRowSchema.parse(row);
    }
    for (const row of this.#db.prepare("SELECT * FROM digest_slots ORDER BY schedule_id, slot_at").all()) {
      yield {
        type: "slot",
        slot: { ...SlotRowSchema.parse(row), claimToken: ClaimTokenSchema.parse(row).claim_token },
      };
    }
    for (const row of this.#db.prepare("SELECT * FROM digest_posted ORDER BY posted_at, rowid").all()) {
      yield PostedRowSchema.parse(row);
    }
    for (const row of this.#pages("events")) yield { type: "event", event: EventRowSchema.parse(row) };
  }

  /** Keyset pages by id, so a big table is never held in memory at once. */
  *#pages(table: string): Iterable<unknown> {
    const statement = this.#db.prepare(`SELECT * FROM ${table} WHERE id > ? ORDER BY id LIMIT ?`);
    let after = 0;
    for (;;) {
      const rows = statement.all(after, PAGE) as Array<{ id: number }>;
      yield* rows;
      const last = rows.at(-1);
      if (last === undefined || rows.length < PAGE) return;
      after = last.id;
    }
  }

  async write(records: DumpRecord[]): Promise<void> {
    const db = this.#db;
    db.transaction(() => {
      // duplicate_of may name a later article: checked at commit, not per row.
      db.pragma("defer_foreign_keys = ON");
      for (const record of records) this.#writeOne(record);
    }).immediate();
  }

  #writeOne(record: DumpRecord): void {
    const row = dumpRecordRow(record, SQLITE_ENCODING);
    if (row === null) return;
    this.#statement(
      `INSERT INTO ${row.table} (${row.columns.join(", ")}) VALUES (${row.columns.map(() => "?").join(", ")})`,
    ).run(...row.values);
    // No trigger indexes new articles (migration 4): the writer does, in this transaction.
    if (record.type === "article") {
      const { id, title, text } = record.article;
      this.#statement(INDEX_NEW_ARTICLE_SQL).run(id, title, text);
    }
  }

  /** Prepared once per SQL text: an import writes every row of a kind with the same statement. */
  #statement(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  async finish(): Promise<void> {
    // INTEGER PRIMARY KEY hands out max(id) + 1 by itself: nothing to move on.
  }
}
