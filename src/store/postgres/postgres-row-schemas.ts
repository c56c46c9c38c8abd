// zod schemas for rows read back from PostgreSQL: bigint columns arrive as numbers (the pool's type
// parsers), booleans and arrays natively; snake_case becomes the core's shapes, checked by its schemas.
import { z } from "zod";
import { ArticleSchema, ExtractionStatusSchema } from "../../briefing/article.js";
import { FeedSchema, FulltextModeSchema, type Origin, OriginSchema, PlatformSchema } from "../../briefing/feed.js";
import { EVENT_KINDS, SLOT_STATUSES, type SlotRecord } from "../../briefing/ports.js";
import { ScheduleSchema } from "../../briefing/schedule.js";

const int = z.number().int();
const text = z.string();

const originColumns = {
  origin_platform: text.nullable(),
  origin_workspace_id: text.nullable(),
  origin_channel_id: text.nullable(),
  origin_user_id: text.nullable(),
};

function originOf(row: {
  origin_platform: string | null;
  origin_workspace_id: string | null;
  origin_channel_id: string | null;
  origin_user_id: string | null;
}): unknown {
  if (row.origin_platform === null) return null;
  return {
    platform: row.origin_platform,
    workspaceId: row.origin_workspace_id,
    channelId: row.origin_channel_id,
    userId: row.origin_user_id,
  };
}

/** Origin as the four nullable columns feeds and events store it in. */
export function originColumnsOf(origin: Origin | null): [string | null, string | null, string | null, string | null] {
  if (origin === null) return [null, null, null, null];
  return [origin.platform, origin.workspaceId, origin.channelId, origin.userId];
}

export const PgFeedRowSchema = z
  .object({
    id: int,
    url: text,
    title: text.nullable(),
    site_link: text.nullable(),
    ...originColumns,
    etag: text.nullable(),
    last_modified: text.nullable(),
    created_at: int,
    last_attempt_at: int.nullable(),
    last_success_at: int.nullable(),
    last_error: text.nullable(),
    consecutive_failures: int,
    next_fetch_at: int,
    refresh_minutes: int,
    disabled_reason: text.nullable(),
    fulltext: FulltextModeSchema,
  })
  .transform((r) => ({
    id: r.id,
    url: r.url,
    title: r.title,
    siteLink: r.site_link,
    origin: originOf(r),
    etag: r.etag,
    lastModified: r.last_modified,
    createdAt: r.created_at,
    lastAttemptAt: r.last_attempt_at,
    lastSuccessAt: r.last_success_at,
    lastError: r.last_error,
    consecutiveFailures: r.consecutive_failures,
    nextFetchAt: r.next_fetch_at,
    refreshMinutes: r.refresh_minutes,
    disabledReason: r.disabled_reason,
    fulltext: r.fulltext,
  }))
  .pipe(FeedSchema);

export const PgArticleRowSchema = z
  .object({
    id: int,
    feed_id: int,
    url: text.nullable(),
    guid: text.nullable(),
    title: text,
    author: text.nullable(),
    published_at: int,
    published_at_estimated: z.boolean(),
    fetched_at: int,
    summary: text.nullable(),
    text: text,
    content_hash: text,
    language: text.nullable(),
    backlog: z.boolean(),
    byline: text.nullable(),
    image_url: text.nullable(),
    canonical_url: text.nullable(),
    extraction_status: ExtractionStatusSchema,
    extraction_attempts: int,
    extraction_next_at: int.nullable(),
    extraction_error: text.nullable(),
    duplicate_of: int.nullable(),
  })
  .transform((r) => ({
    id: r.id,
    feedId: r.feed_id,
    url: r.url,
    guid: r.guid,
    title: r.title,
    author: r.author,
    publishedAt: r.published_at,
    publishedAtEstimated: r.published_at_estimated,
    fetchedAt: r.fetched_at,
    summary: r.summary,
    text: r.text,
    contentHash: r.content_hash,
    language: r.language,
    backlog: r.backlog,
    byline: r.byline,
    imageUrl: r.image_url,
    canonicalUrl: r.canonical_url,
    extractionStatus: r.extraction_status,
    extractionAttempts: r.extraction_attempts,
    extractionNextAt: r.extraction_next_at,
    extractionError: r.extraction_error,
    duplicateOf: r.duplicate_of,
  }))
  .pipe(ArticleSchema);

export const PgRelevanceRowSchema = z.object({ relevance: z.number() });

const BotEventSchema = z.object({
  id: int.positive(),
  kind: z.enum(EVENT_KINDS),
  feedId: int.positive().nullable(),
  origin: OriginSchema.nullable(),
  message: text,
  createdAt: int,
  deliveredAt: int.nullable(),
});

export const PgEventRowSchema = z
  .object({
    id: int,
    kind: z.enum(EVENT_KINDS),
    feed_id: int.nullable(),
    ...originColumns,
    message: text,
    created_at: int,
    delivered_at: int.nullable(),
  })
  .transform((r) => ({
    id: r.id,
    kind: r.kind,
    feedId: r.feed_id,
    origin: originOf(r),
    message: r.message,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
  }))
  .pipe(BotEventSchema);

export const PgScheduleRowSchema = z
  .object({
    id: int,
    platform: text,
    workspace_id: text,
    channel_id: text,
    created_by: text.nullable(),
    minute_of_day: int,
    days: z.array(int),
    time_zone: text,
    topic: text.nullable(),
    max_stories: int,
    quiet: z.boolean(),
    created_at: int,
    active_from: int,
    paused_at: int.nullable(),
    paused_reason: text.nullable(),
    consecutive_failures: int,
  })
  .transform((r) => ({
    id: r.id,
    target: { platform: r.platform, workspaceId: r.workspace_id, channelId: r.channel_id },
    createdBy: r.created_by,
    minuteOfDay: r.minute_of_day,
    days: r.days,
    timeZone: r.time_zone,
    topic: r.topic,
    maxStories: r.max_stories,
    quiet: r.quiet,
    createdAt: r.created_at,
    activeFrom: r.active_from,
    pausedAt: r.paused_at,
    pausedReason: r.paused_reason,
    consecutiveFailures: r.consecutive_failures,
  }))
  .pipe(ScheduleSchema);

const slotColumns = {
  schedule_id: int,
  slot_at: int,
  status: z.enum(SLOT_STATUSES),
  attempts: int,
  lease_until: int.nullable(),
  message_id: text.nullable(),
  reason: text.nullable(),
  updated_at: int,
};

export const PgSlotRowSchema = z.object(slotColumns).transform(
  (r): SlotRecord => ({
    scheduleId: r.schedule_id,
    slotAt: r.slot_at,
    status: r.status,
    attempts: r.attempts,
    leaseUntil: r.lease_until,
    messageId: r.message_id,
    reason: r.reason,
    updatedAt: r.updated_at,
  }),
);

/** A ledger row with its claim token, for export only (the ports never hand tokens out). */
export const PgSlotDumpRowSchema = z
  .object({ ...slotColumns, claim_token: text.nullable() })
  .transform((r) => ({ ...PgSlotRowSchema.parse(r), claimToken: r.claim_token }));

export const PgSlotHistoryRowSchema = z
  .object({ id: int, latest_slot_at: int.nullable(), latest_delivered_at: int.nullable() })
  .transform((r) => ({
    scheduleId: r.id,
    latestSlotAt: r.latest_slot_at,
    latestDeliveredAt: r.latest_delivered_at,
  }));

export const PgWorkspaceRowSchema = z.object({
  platform: PlatformSchema,
  workspace_id: text,
  time_zone: text.nullable(),
  updated_at: int,
});

export const PgPostedRowSchema = z.object({
  platform: PlatformSchema,
  workspace_id: text,
  channel_id: text,
  posted_at: int,
  article_ids: z.array(int),
});

export const PgCountRowSchema = z.object({ count: int });
