// Export and import for PostgreSQL: reads every table page by page in id order as dump records, and
// writes records back with their ids (each batch one transaction), then moves the id sequences on.
import type pg from "pg";
import type { DumpRecord, DumpRecordType, StoreDump } from "../store-dump.js";
import { ARTICLE_COLUMNS } from "./postgres-article-store.js";
import { withTransaction } from "./postgres-pool.js";
import {
  originColumnsOf,
  PgArticleRowSchema,
  PgCountRowSchema,
  PgEventRowSchema,
  PgFeedRowSchema,
  PgPostedRowSchema,
  PgScheduleRowSchema,
  PgSlotDumpRowSchema,
  PgWorkspaceRowSchema,
} from "./postgres-row-schemas.js";
import { countTokens } from "./postgres-topic-query.js";

/** Rows per read; articles are the big ones (a page of 500 long texts is a few MB). */
const PAGE = 500;

type Counted = Exclude<DumpRecordType, "header">;

const TABLES: Record<Counted, string> = {
  feed: "feeds",
  article: "articles",
  schedule: "digest_schedules",
  workspace: "workspace_settings",
  slot: "digest_slots",
  posted: "digest_posted",
  event: "events",
};

export class PostgresStoreDump implements StoreDump {
  readonly #pool: pg.Pool;
  /** Articles imported as duplicates: linked in finish(), once every survivor exists. */
  readonly #duplicates: Array<[number, number]> = [];

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async counts(): Promise<Record<Counted, number>> {
    const out = {} as Record<Counted, number>;
    for (const [type, table] of Object.entries(TABLES) as Array<[Counted, string]>) {
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
      const r = PgWorkspaceRowSchema.parse(row);
      yield {
        type: "workspace",
        platform: r.platform,
        workspaceId: r.workspace_id,
        timeZone: r.time_zone,
        updatedAt: r.updated_at,
      };
    }
    for (const row of (await this.#pool.query("SELECT * FROM digest_slots ORDER BY schedule_id, slot_at")).rows) {
      yield { type: "slot", slot: PgSlotDumpRowSchema.parse(row) };
    }
    const posted = await this.#pool.query("SELECT * FROM digest_posted ORDER BY posted_at");
    for (const row of posted.rows) {
      const r = PgPostedRowSchema.parse(row);
      yield {
        type: "posted",
        platform: r.platform,
        workspaceId: r.workspace_id,
        channelId: r.channel_id,
        postedAt: r.posted_at,
        articleIds: r.article_ids,
      };
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
    switch (record.type) {
      case "header":
        return;
      case "feed": {
        const f = record.feed;
        await client.query(
          `INSERT INTO feeds (id, url, title, site_link, origin_platform, origin_workspace_id, origin_channel_id,
             origin_user_id, etag, last_modified, created_at, last_attempt_at, last_success_at, last_error,
             consecutive_failures, next_fetch_at, refresh_minutes, disabled_reason, fulltext)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
          [
            f.id,
            f.url,
            f.title,
            f.siteLink,
            ...originColumnsOf(f.origin),
            f.etag,
            f.lastModified,
            f.createdAt,
            f.lastAttemptAt,
            f.lastSuccessAt,
            f.lastError,
            f.consecutiveFailures,
            f.nextFetchAt,
            f.refreshMinutes,
            f.disabledReason,
            f.fulltext,
          ],
        );
        return;
      }
      case "article": {
        const a = record.article;
        if (a.duplicateOf !== null) this.#duplicates.push([a.id, a.duplicateOf]);
        await client.query(
          `INSERT INTO articles (id, feed_id, url, guid, title, author, published_at, published_at_estimated,
             fetched_at, summary, text, content_hash, language, backlog, byline, image_url, canonical_url,
             extraction_status, extraction_attempts, extraction_next_at, extraction_error, token_count)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
          [
            a.id,
            a.feedId,
            a.url,
            a.guid,
            a.title,
            a.author,
            a.publishedAt,
            a.publishedAtEstimated,
            a.fetchedAt,
            a.summary,
            a.text,
            a.contentHash,
            a.language,
            a.backlog,
            a.byline,
            a.imageUrl,
            a.canonicalUrl,
            a.extractionStatus,
            a.extractionAttempts,
            a.extractionNextAt,
            a.extractionError,
            countTokens(a.title, a.text),
          ],
        );
        return;
      }
      case "schedule": {
        const s = record.schedule;
        await client.query(
          `INSERT INTO digest_schedules (id, platform, workspace_id, channel_id, created_by, minute_of_day, days,
             time_zone, topic, max_stories, quiet, created_at, active_from, paused_at, paused_reason,
             consecutive_failures)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
          [
            s.id,
            s.target.platform,
            s.target.workspaceId,
            s.target.channelId,
            s.createdBy,
            s.minuteOfDay,
            s.days,
            s.timeZone,
            s.topic,
            s.maxStories,
            s.quiet,
            s.createdAt,
            s.activeFrom,
            s.pausedAt,
            s.pausedReason,
            s.consecutiveFailures,
          ],
        );
        return;
      }
      case "workspace":
        await client.query(
          "INSERT INTO workspace_settings (platform, workspace_id, time_zone, updated_at) VALUES ($1, $2, $3, $4)",
          [record.platform, record.workspaceId, record.timeZone, record.updatedAt],
        );
        return;
      case "slot": {
        const s = record.slot;
        await client.query(
          `INSERT INTO digest_slots (schedule_id, slot_at, status, attempts, claim_token, lease_until, message_id,
             reason, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            s.scheduleId,
            s.slotAt,
            s.status,
            s.attempts,
            s.claimToken,
            s.leaseUntil,
            s.messageId,
            s.reason,
            s.updatedAt,
          ],
        );
        return;
      }
      case "posted":
        await client.query(
          `INSERT INTO digest_posted (platform, workspace_id, channel_id, posted_at, article_ids)
           VALUES ($1, $2, $3, $4, $5::bigint[])`,
          [record.platform, record.workspaceId, record.channelId, record.postedAt, record.articleIds],
        );
        return;
      case "event": {
        const e = record.event;
        await client.query(
          `INSERT INTO events (id, kind, feed_id, origin_platform, origin_workspace_id, origin_channel_id,
             origin_user_id, message, created_at, delivered_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [e.id, e.kind, e.feedId, ...originColumnsOf(e.origin), e.message, e.createdAt, e.deliveredAt],
        );
        return;
      }
    }
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
