// zod schemas for rows read back from either store: they check the row (unknown at the boundary),
// turn snake_case columns and booleans (SQLite's 0/1, PostgreSQL's true/false) into the core's
// shapes, then validate with the core's schemas. One set, so the two stores cannot drift apart.
import { z } from "zod";
import { ArticleKindSchema, ArticleSchema, ExtractionStatusSchema } from "../briefing/article.js";
import {
  FeedKindSchema,
  type FeedPatch,
  FeedSchema,
  FulltextModeSchema,
  type Origin,
  OriginSchema,
} from "../briefing/feed.js";
import { EVENT_KINDS } from "../briefing/ports.js";

const int = z.number().int();
const text = z.string();
/** SQLite stores booleans as 0/1, PostgreSQL as booleans. */
const bool = z.union([z.boolean(), z.literal(0), z.literal(1)]).transform((v) => v === true || v === 1);

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

export const FeedRowSchema = z
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
    last_parse_lenient: bool,
    kind: FeedKindSchema,
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
    lastParseLenient: r.last_parse_lenient,
    kind: r.kind,
  }))
  .pipe(FeedSchema);

export const ArticleRowSchema = z
  .object({
    id: int,
    feed_id: int,
    url: text.nullable(),
    guid: text.nullable(),
    title: text,
    author: text.nullable(),
    published_at: int,
    published_at_estimated: bool,
    fetched_at: int,
    summary: text.nullable(),
    text: text,
    content_hash: text,
    language: text.nullable(),
    backlog: bool,
    byline: text.nullable(),
    image_url: text.nullable(),
    canonical_url: text.nullable(),
    extraction_status: ExtractionStatusSchema,
    extraction_attempts: int,
    extraction_next_at: int.nullable(),
    extraction_error: text.nullable(),
    duplicate_of: int.nullable(),
    kind: ArticleKindSchema,
    kind_reason: text.nullable(),
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
    kind: r.kind,
    kindReason: r.kind_reason,
  }))
  .pipe(ArticleSchema);

/** The extra column of a search row (the article columns are parsed by ArticleRowSchema). */
export const RelevanceRowSchema = z.object({ relevance: z.number() });

// Not annotated as ZodType<BotEvent>: the event stores returning it as BotEvent check the shape.
const BotEventSchema = z.object({
  id: int.positive(),
  kind: z.enum(EVENT_KINDS),
  feedId: int.positive().nullable(),
  origin: OriginSchema.nullable(),
  message: text,
  createdAt: int,
  deliveredAt: int.nullable(),
});

export const EventRowSchema = z
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

/** FeedPatch keys and the columns they write; origin spreads over four columns. */
const FEED_PATCH_COLUMNS = {
  title: "title",
  siteLink: "site_link",
  etag: "etag",
  lastModified: "last_modified",
  lastAttemptAt: "last_attempt_at",
  lastSuccessAt: "last_success_at",
  lastError: "last_error",
  consecutiveFailures: "consecutive_failures",
  nextFetchAt: "next_fetch_at",
  refreshMinutes: "refresh_minutes",
  disabledReason: "disabled_reason",
  fulltext: "fulltext",
  lastParseLenient: "last_parse_lenient",
  kind: "kind",
} as const satisfies Record<Exclude<keyof FeedPatch, "origin">, string>;

const ORIGIN_COLUMNS = ["origin_platform", "origin_workspace_id", "origin_channel_id", "origin_user_id"];

/**
 * The columns a feed patch writes and their values, in the same order, for either store's UPDATE.
 * Absent keys are left alone, and an explicit undefined counts as absent; null clears.
 */
export function feedPatchAssignments(patch: FeedPatch): { columns: string[]; values: unknown[] } {
  const columns: string[] = [];
  const values: unknown[] = [];
  for (const [key, column] of Object.entries(FEED_PATCH_COLUMNS)) {
    const value = patch[key as keyof typeof FEED_PATCH_COLUMNS];
    if (value === undefined) continue;
    columns.push(column);
    // SQLite binds no booleans; PostgreSQL reads 1 and 0 as boolean input too.
    values.push(typeof value === "boolean" ? Number(value) : value);
  }
  if (patch.origin !== undefined) {
    columns.push(...ORIGIN_COLUMNS);
    values.push(...originColumnsOf(patch.origin));
  }
  return { columns, values };
}
