// What `briefbot import` inserts for each dump record, as a table, its columns and their values:
// one copy of the mapping for both stores, which differ only in how they spell booleans and lists.
import { z } from "zod";
import { PlatformSchema } from "../briefing/feed.js";
import { originColumnsOf } from "./row-schemas.js";
import type { DumpRecord } from "./store-dump.js";

/** A workspace_settings row, as export reads it in either store, turned into its record. */
export const WorkspaceDumpRowSchema = z
  .object({
    platform: PlatformSchema,
    workspace_id: z.string(),
    time_zone: z.string().nullable(),
    updated_at: z.number().int(),
  })
  .transform(
    (r): DumpRecord => ({
      type: "workspace",
      platform: r.platform,
      workspaceId: r.workspace_id,
      timeZone: r.time_zone,
      updatedAt: r.updated_at,
    }),
  );

/** A digest_posted row turned into its record; `articleIds` reads the store's spelling of the ids. */
export function postedDumpRowSchema(articleIds: z.ZodType<number[]>) {
  return z
    .object({
      platform: PlatformSchema,
      workspace_id: z.string(),
      channel_id: z.string(),
      posted_at: z.number().int(),
      article_ids: articleIds,
    })
    .transform(
      (r): DumpRecord => ({
        type: "posted",
        platform: r.platform,
        workspaceId: r.workspace_id,
        channelId: r.channel_id,
        postedAt: r.posted_at,
        articleIds: r.article_ids,
      }),
    );
}

/** How an engine stores the values SQL has no one spelling for. */
export interface DumpEncoding {
  bool(value: boolean): unknown;
  /** A schedule's weekdays, sorted. */
  days(values: number[]): unknown;
  /** The article ids of a posted digest. */
  ids(values: number[]): unknown;
}

export interface DumpRow {
  table: string;
  columns: string[];
  values: unknown[];
}

function row(table: string, pairs: Record<string, unknown>): DumpRow {
  return { table, columns: Object.keys(pairs), values: Object.values(pairs) };
}

function origin(prefix: "origin", value: Parameters<typeof originColumnsOf>[0]): Record<string, unknown> {
  const [platform, workspaceId, channelId, userId] = originColumnsOf(value);
  return {
    [`${prefix}_platform`]: platform,
    [`${prefix}_workspace_id`]: workspaceId,
    [`${prefix}_channel_id`]: channelId,
    [`${prefix}_user_id`]: userId,
  };
}

/** The row a record becomes, with its ids; null for the header, which is not stored. */
export function dumpRecordRow(record: DumpRecord, encode: DumpEncoding): DumpRow | null {
  switch (record.type) {
    case "header":
      return null;
    case "feed": {
      const f = record.feed;
      return row("feeds", {
        id: f.id,
        url: f.url,
        title: f.title,
        site_link: f.siteLink,
        ...origin("origin", f.origin),
        etag: f.etag,
        last_modified: f.lastModified,
        created_at: f.createdAt,
        last_attempt_at: f.lastAttemptAt,
        last_success_at: f.lastSuccessAt,
        last_error: f.lastError,
        consecutive_failures: f.consecutiveFailures,
        next_fetch_at: f.nextFetchAt,
        refresh_minutes: f.refreshMinutes,
        disabled_reason: f.disabledReason,
        fulltext: f.fulltext,
        last_parse_lenient: encode.bool(f.lastParseLenient),
        kind: f.kind,
      });
    }
    case "article": {
      const a = record.article;
      return row("articles", {
        id: a.id,
        feed_id: a.feedId,
        url: a.url,
        guid: a.guid,
        title: a.title,
        author: a.author,
        published_at: a.publishedAt,
        published_at_estimated: encode.bool(a.publishedAtEstimated),
        fetched_at: a.fetchedAt,
        summary: a.summary,
        text: a.text,
        content_hash: a.contentHash,
        language: a.language,
        backlog: encode.bool(a.backlog),
        byline: a.byline,
        image_url: a.imageUrl,
        canonical_url: a.canonicalUrl,
        extraction_status: a.extractionStatus,
        extraction_attempts: a.extractionAttempts,
        extraction_next_at: a.extractionNextAt,
        extraction_error: a.extractionError,
        duplicate_of: a.duplicateOf,
        kind: a.kind,
        kind_reason: a.kindReason,
        // Not in the dump: derived data, computed by the first brief that reads the article.
        features: null,
      });
    }
    case "schedule": {
      const s = record.schedule;
      return row("digest_schedules", {
        id: s.id,
        platform: s.target.platform,
        workspace_id: s.target.workspaceId,
        channel_id: s.target.channelId,
        created_by: s.createdBy,
        minute_of_day: s.minuteOfDay,
        days: encode.days([...s.days].sort((x, y) => x - y)),
        time_zone: s.timeZone,
        topic: s.topic,
        max_stories: s.maxStories,
        quiet: encode.bool(s.quiet),
        created_at: s.createdAt,
        active_from: s.activeFrom,
        paused_at: s.pausedAt,
        paused_reason: s.pausedReason,
        consecutive_failures: s.consecutiveFailures,
      });
    }
    case "workspace":
      return row("workspace_settings", {
        platform: record.platform,
        workspace_id: record.workspaceId,
        time_zone: record.timeZone,
        updated_at: record.updatedAt,
      });
    case "slot": {
      const s = record.slot;
      return row("digest_slots", {
        schedule_id: s.scheduleId,
        slot_at: s.slotAt,
        status: s.status,
        attempts: s.attempts,
        claim_token: s.claimToken,
        lease_until: s.leaseUntil,
        message_id: s.messageId,
        reason: s.reason,
        updated_at: s.updatedAt,
      });
    }
    case "subscriber":
      return row("feed_subscribers", {
        feed_id: record.feedId,
        platform: record.channel.platform,
        workspace_id: record.channel.workspaceId,
        channel_id: record.channel.channelId,
        added_by: record.addedBy,
        added_at: record.addedAt,
      });
    case "posted":
      return row("digest_posted", {
        platform: record.platform,
        workspace_id: record.workspaceId,
        channel_id: record.channelId,
        posted_at: record.postedAt,
        article_ids: encode.ids(record.articleIds),
      });
    case "event": {
      const e = record.event;
      return row("events", {
        id: e.id,
        kind: e.kind,
        feed_id: e.feedId,
        ...origin("origin", e.origin),
        message: e.message,
        created_at: e.createdAt,
        delivered_at: e.deliveredAt,
      });
    }
  }
}
