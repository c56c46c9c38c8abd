// Export and import for PostgreSQL: reads every table page by page in id order as dump records, and
// writes records back with their ids (each batch one transaction), then moves the id sequences on.
import type pg from "pg";
import { z } from "zod";
import { type DumpEncoding, dumpRecordRow, postedDumpRowSchema, WorkspaceDumpRowSchema } from "../dump-record-row.js";
import { SUBSCRIBER_DUMP_SQL, SubscriberDumpRowSchema } from "../feed-subscriber-rows.js";
import { type Counted, DUMP_TABLES, type DumpRecord, type StoreDump } from "../store-dump.js";
import { ARTICLE_COLUMNS } from "./postgres-article-store.js";
import { withTransaction } from "./postgres-pool.js";
import {
  PgArticleRowSchema,
  PgCountRowSchema,
  PgEventRowSchema,
  PgFeedRowSchema,
  PgScheduleRowSchema,
  PgSlotDumpRowSchema,
} from "./postgres-row-schemas.js";
import { countTokens } from "./postgres-topic-query.js";

/** Rows per read; articles are the big ones (a page of 500 long texts is a few MB). */
const PAGE = 500;

const PostedRowSchema = postedDumpRowSchema(z.array(z.number().int()));

/** Native booleans and arrays. */
const POSTGRES_ENCODING: DumpEncoding = { bool: (value) => value, days: (values) => values, ids: (values) => values };

export class PostgresStoreDump implements StoreDump {
  readonly #pool: pg.Pool;
  /** Articles imported as duplicates: linked in finish(), once every survivor exists. */
  readonly #duplicates: Array<[number, number]> = [];

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async counts(): Promise<Record<Counted, number>> {
    const out = {} as Record<Counted, number>;
    for (const [type, table] of Object.entries(DUMP_TABLES) as Array<[Counted, string]>) {
      const { rows } = await this.#pool.query(`SELECT count(*) AS count FROM ${table}`);
      out[type] = PgCountRowSchema.parse(rows[0]).count;
    }
    return out;
  }

  async *read(): AsyncIterable<DumpRecord> {
    yield* this.#pages("SELECT * FROM feeds WHERE id > $1 ORDER BY id LIMIT $2", (row) => ({
      type: "feed",
      feed: PgFeedRowSchema.parse(row),
    }));
    for (const row of (await this.#pool.query(SUBSCRIBER_DUMP_SQL)).rows) yield SubscriberDumpRowSchema.parse(row);
    yield* this.#pages(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id > $1 ORDER BY id LIMIT $2`, (row) => ({
      type: "article",
      article: PgArticleRowSchema.parse(row),
    }));
    yield* this.#pages("SELECT * FROM digest_schedules WHERE id > $1 ORDER BY id LIMIT $2", (row) => ({
      type: "schedule",
      schedule: PgScheduleRowSchema.parse(row),
    }));
    // The small tables are read whole: a workspace, slot or posted row per channel and day at most.
    for (const row of (await this.#pool.query("SELECT * FROM workspace_settings ORDER BY platform, workspace_id"))
      .rows) {
      yield WorkspaceDumpRowSchema.parse(row);
    }
    for (const row of (await this.#pool.query("SELECT * FROM digest_slots ORDER BY schedule_id, slot_at")).rows) {
      yield { type: "slot", slot: PgSlotDumpRowSchema.parse(row) };
    }
    const posted = await this.#pool.query("SELECT * FROM digest_posted ORDER BY posted_at");
    for (const row of posted.rows) {
      yield PostedRowSchema.parse(row);
    }
    yield* this.#pages("SELECT * FROM events WHERE id > $1 ORDER BY id LIMIT $2", (row) => ({
      type: "event",
      event: PgEventRowSchema.parse(row),
    }));
  }

  async *#pages(sql: string, toRecord: (row: Record<string, unknown>) => DumpRecord): AsyncIterable<DumpRecord> {
    let after = 0;
    for (;;) {
      const { rows } = await this.#pool.query(sql, [after, PAGE]);
      for (const row of rows) yield toRecord(row);
      const last = rows.at(-1) as { id?: number } | undefined;
      if (last?.id === undefined || rows.length < PAGE) return;
      after = last.id;
    }
  }

  async write(records: DumpRecord[]): Promise<void> {
    await withTransaction(this.#pool, async (client) => {
      for (const record of records) await this.#writeOne(client, record);
    });
  }

  async #writeOne(client: pg.PoolClient, record: DumpRecord): Promise<void> {
    const row = dumpRecordRow(record, POSTGRES_ENCODING);
    if (row === null) return;
    const { columns, values } = row;
    if (record.type === "article") {
      const a = record.article;
      // duplicate_of may name a later article: linked in finish(), once every survivor exists.
      if (a.duplicateOf !== null) this.#duplicates.push([a.id, a.duplicateOf]);
      values[columns.indexOf("duplicate_of")] = null;
      // The shared row's features (always null: derived data) live in article_features here (migration 12).
      const features = columns.indexOf("features");
      if (features >= 0) {
        columns.splice(features, 1);
        values.splice(features, 1);
      }
      columns.push("token_count");
      values.push(countTokens(a.title, a.text));
    }
    const placeholders = columns.map((_, i) => `$${i + 1}`).join(", ");
    await client.query(`INSERT INTO ${row.table} (${columns.join(", ")}) VALUES (${placeholders})`, values);
  }

  async finish(): Promise<void> {
    await withTransaction(this.#pool, async (client) => {
      if (this.#duplicates.length > 0) {
        await client.query(
          `UPDATE articles a SET duplicate_of = d.survivor
           FROM unnest($1::bigint[], $2::bigint[]) AS d (id, survivor) WHERE a.id = d.id`,
          [this.#duplicates.map(([id]) => id), this.#duplicates.map(([, survivor]) => survivor)],
        );
        this.#duplicates.length = 0;
      }
      // Identity columns hand out ids after the imported ones, not from 1 again.
      for (const table of ["feeds", "articles", "digest_schedules", "events"]) {
        await client.query(
          `SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce((SELECT max(id) FROM ${table}), 0) + 1, false)`,
        );
      }
    });
  }
}
