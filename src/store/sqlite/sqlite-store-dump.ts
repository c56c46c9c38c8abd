// Export and import for SQLite (issue 8): reads every table page by page in id order as dump
// records, and writes records back with their ids, one IMMEDIATE transaction per batch. A new file
// beside the SQLite store; it reads rows with the store's own row schemas.
import type { Database } from "better-sqlite3";
import { z } from "zod";
import { PlatformSchema } from "../../briefing/feed.js";
import { ArticleRowSchema, EventRowSchema, FeedRowSchema, originColumnsOf } from "../row-schemas.js";
import { ScheduleRowSchema, SlotRowSchema } from "../schedule-row-schemas.js";
import type { DumpRecord, DumpRecordType, StoreDump } from "../store-dump.js";

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

const WorkspaceRowSchema = z.object({
  platform: PlatformSchema,
  workspace_id: z.string(),
  time_zone: z.string().nullable(),
  updated_at: z.number().int(),
});
const PostedRowSchema = z.object({
  platform: PlatformSchema,
  workspace_id: z.string(),
  channel_id: z.string(),
  posted_at: z.number().int(),
  article_ids: z.string().transform((json) => z.array(z.number().int()).parse(JSON.parse(json))),
});
const ClaimTokenSchema = z.object({ claim_token: z.string().nullable() });
const CountSchema = z.number().int();

export class SqliteStoreDump implements StoreDump {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async counts(): Promise<Record<Counted, number>> {
    const out = {} as Record<Counted, number>;
    for (const [type, table] of Object.entries(TABLES) as Array<[Counted, string]>) {
      out[type] = CountSchema.parse(this.#db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
    }
    return out;
  }

  async *read(): AsyncIterable<DumpRecord> {
    for (const row of this.#pages("feeds")) yield { type: "feed", feed: FeedRowSchema.parse(row) };
    for (const row of this.#pages("articles")) yield { type: "article", article: ArticleRowSchema.parse(row) };
    for (const row of this.#pages("digest_schedules")) {
      yield { type: "schedule", schedule: ScheduleRowSchema.parse(row) };
    }
    for (const row of this.#db.prepare("SELECT * FROM workspace_settings ORDER BY platform, workspace_id").all()) {
      const r = WorkspaceRowSchema.parse(row);
      yield {
        type: "workspace",
        platform: r.platform,
        workspaceId: r.workspace_id,
        timeZone: r.time_zone,
        updatedAt: r.updated_at,
      };
    }
    for (const row of this.#db.prepare("SELECT * FROM digest_slots ORDER BY schedule_id, slot_at").all()) {
      yield {
        type: "slot",
        slot: { ...SlotRowSchema.parse(row), claimToken: ClaimTokenSchema.parse(row).claim_token },
      };
    }
    for (const row of this.#db.prepare("SELECT * FROM digest_posted ORDER BY posted_at, rowid").all()) {
      const r = PostedRowSchema.parse(row);
      yield {
        type: "posted",
        platform: r.platform,
        workspaceId: r.workspace_id,
        channelId: r.channel_id,
        postedAt: r.posted_at,
        articleIds: r.article_ids,
      };
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
    const db = this.#db;
    switch (record.type) {
      case "header":
        return;
      case "feed": {
        const f = record.feed;
        db.prepare(
          `INSERT INTO feeds (id, url, title, site_link, origin_platform, origin_workspace_id, origin_channel_id,
             origin_user_id, etag, last_modified, created_at, last_attempt_at, last_success_at, last_error,
             consecutive_failures, next_fetch_at, refresh_minutes, disabled_reason, fulltext)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
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
        );
        return;
      }
      case "article": {
        const a = record.article;
        db.prepare(
          `INSERT INTO articles (id, feed_id, url, guid, title, author, published_at, published_at_estimated,
             fetched_at, summary, text, content_hash, language, backlog, byline, image_url, canonical_url,
             extraction_status, extraction_attempts, extraction_next_at, extraction_error, duplicate_of)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          a.id,
          a.feedId,
          a.url,
          a.guid,
          a.title,
          a.author,
          a.publishedAt,
          a.publishedAtEstimated ? 1 : 0,
          a.fetchedAt,
          a.summary,
          a.text,
          a.contentHash,
          a.language,
          a.backlog ? 1 : 0,
          a.byline,
          a.imageUrl,
          a.canonicalUrl,
          a.extractionStatus,
          a.extractionAttempts,
          a.extractionNextAt,
          a.extractionError,
          a.duplicateOf,
        );
        return;
      }
      case "schedule": {
        const s = record.schedule;
        db.prepare(
          `INSERT INTO digest_schedules (id, platform, workspace_id, channel_id, created_by, minute_of_day, days,
             time_zone, topic, max_stories, quiet, created_at, active_from, paused_at, paused_reason,
             consecutive_failures)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          s.id,
          s.target.platform,
          s.target.workspaceId,
          s.target.channelId,
          s.createdBy,
          s.minuteOfDay,
          [...s.days].sort((x, y) => x - y).join(","),
          s.timeZone,
          s.topic,
          s.maxStories,
          s.quiet ? 1 : 0,
          s.createdAt,
          s.activeFrom,
          s.pausedAt,
          s.pausedReason,
          s.consecutiveFailures,
        );
        return;
      }
      case "workspace":
        db.prepare(
          "INSERT INTO workspace_settings (platform, workspace_id, time_zone, updated_at) VALUES (?, ?, ?, ?)",
        ).run(record.platform, record.workspaceId, record.timeZone, record.updatedAt);
        return;
      case "slot": {
        const s = record.slot;
        db.prepare(
          `INSERT INTO digest_slots (schedule_id, slot_at, status, attempts, claim_token, lease_until, message_id,
             reason, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          s.scheduleId,
          s.slotAt,
          s.status,
          s.attempts,
          s.claimToken,
          s.leaseUntil,
          s.messageId,
          s.reason,
          s.updatedAt,
        );
        return;
      }
      case "posted":
        db.prepare(
          "INSERT INTO digest_posted (platform, workspace_id, channel_id, posted_at, article_ids) VALUES (?, ?, ?, ?, ?)",
        ).run(
          record.platform,
          record.workspaceId,
          record.channelId,
          record.postedAt,
          JSON.stringify(record.articleIds),
        );
        return;
      case "event": {
        const e = record.event;
        db.prepare(
          `INSERT INTO events (id, kind, feed_id, origin_platform, origin_workspace_id, origin_channel_id,
             origin_user_id, message, created_at, delivered_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(e.id, e.kind, e.feedId, ...originColumnsOf(e.origin), e.message, e.createdAt, e.deliveredAt);
        return;
      }
    }
  }

  async finish(): Promise<void> {
    // INTEGER PRIMARY KEY hands out max(id) + 1 by itself: nothing to move on.
  }
}
