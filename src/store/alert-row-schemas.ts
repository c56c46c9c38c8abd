// zod schemas for story-alert rows read back from either store (watches, channel settings, ledger,
// replies, outcomes): SQLite's JSON-text lists and 0/1 booleans, PostgreSQL's arrays and booleans.
import { z } from "zod";
import {
  ALERT_OUTCOMES,
  ALERT_REPLY_STATUSES,
  ALERT_STORY_STATUSES,
  type AlertOutcome,
  type AlertReplyRecord,
  type AlertStoryRecord,
} from "../briefing/alerts/alert-ports.js";
import { type AlertSettings, AlertSettingsSchema, type Watch, WatchSchema } from "../briefing/alerts/watch.js";
import { type Platform, PlatformSchema } from "../briefing/feed.js";

const int = z.number().int();
const text = z.string();
const bool = z.union([z.boolean(), z.literal(0), z.literal(1)]).transform((b) => b === true || b === 1);

/** A list column: a JSON array in SQLite, a native array in PostgreSQL. */
function list<T extends z.ZodTypeAny>(item: T) {
  return z.union([text, z.array(item)]).transform((value, ctx): z.infer<T>[] => {
    if (Array.isArray(value)) return value;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "not a JSON array" });
      return z.NEVER;
    }
    const checked = z.array(item).safeParse(parsed);
    if (!checked.success) {
      ctx.addIssue({ code: "custom", message: "not an array of the expected items" });
      return z.NEVER;
    }
    return checked.data;
  });
}

const channelColumns = { platform: PlatformSchema, workspace_id: text, channel_id: text };
const channelOf = (r: { platform: Platform; workspace_id: string; channel_id: string }) => ({
  platform: r.platform,
  workspaceId: r.workspace_id,
  channelId: r.channel_id,
});

export const WatchRowSchema = z
  .object({
    id: int,
    ...channelColumns,
    created_by: text.nullable(),
    topic: text.nullable(),
    sources: list(text),
    min_sources: int,
    include_words: list(text),
    exclude_words: list(text),
    opinion: bool,
    paused_at: int.nullable(),
    created_at: int,
    updated_at: int,
  })
  .transform(
    (r): Watch =>
      WatchSchema.parse({
        id: r.id,
        channel: channelOf(r),
        createdBy: r.created_by,
        topic: r.topic,
        sources: r.sources,
        minSources: r.min_sources,
        include: r.include_words,
        exclude: r.exclude_words,
        opinion: r.opinion,
        pausedAt: r.paused_at,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      }),
  );

export const AlertSettingsRowSchema = z
  .object({
    ...channelColumns,
    per_minute: int,
    per_day: int,
    quiet_start: int.nullable(),
    quiet_end: int.nullable(),
    time_zone: text,
    updated_at: int,
  })
  .transform(
    (r): AlertSettings =>
      AlertSettingsSchema.parse({
        channel: channelOf(r),
        perMinute: r.per_minute,
        perDay: r.per_day,
        quietStart: r.quiet_start,
        quietEnd: r.quiet_end,
        timeZone: r.time_zone,
        updatedAt: r.updated_at,
      }),
  );

export const AlertStoryRowSchema = z
  .object({
    ...channelColumns,
    story_key: text,
    watch_id: int,
    status: z.enum(ALERT_STORY_STATUSES),
    attempts: int,
    lease_until: int.nullable(),
    message_id: text.nullable(),
    headline: text,
    article_ids: list(int),
    outlets: list(text),
    edited_sources: int,
    reason: text.nullable(),
    replies_stopped: text.nullable(),
    created_at: int,
    posted_at: int.nullable(),
    updated_at: int,
  })
  .transform(
    (r): AlertStoryRecord => ({
      channel: channelOf(r),
      storyKey: r.story_key,
      watchId: r.watch_id,
      status: r.status,
      attempts: r.attempts,
      leaseUntil: r.lease_until,
      messageId: r.message_id,
      headline: r.headline,
      articleIds: r.article_ids,
      outlets: r.outlets,
      editedSources: r.edited_sources,
      reason: r.reason,
      repliesStopped: r.replies_stopped,
      createdAt: r.created_at,
      postedAt: r.posted_at,
      updatedAt: r.updated_at,
    }),
  );

export const AlertReplyRowSchema = z
  .object({
    ...channelColumns,
    story_key: text,
    outlet: text,
    article_id: int,
    status: z.enum(ALERT_REPLY_STATUSES),
    attempts: int,
    lease_until: int.nullable(),
    message_id: text.nullable(),
    reason: text.nullable(),
    updated_at: int,
  })
  .transform(
    (r): AlertReplyRecord => ({
      channel: channelOf(r),
      storyKey: r.story_key,
      outlet: r.outlet,
      articleId: r.article_id,
      status: r.status,
      attempts: r.attempts,
      leaseUntil: r.lease_until,
      messageId: r.message_id,
      reason: r.reason,
      updatedAt: r.updated_at,
    }),
  );

export const AlertOutcomeRowSchema = z
  .object({
    article_id: int,
    watch_id: int,
    outcome: z.enum(ALERT_OUTCOMES),
    detail: text,
    story_key: text.nullable(),
    at: int,
  })
  .transform(
    (r): AlertOutcome => ({
      articleId: r.article_id,
      watchId: r.watch_id,
      outcome: r.outcome,
      detail: r.detail,
      storyKey: r.story_key,
      at: r.at,
    }),
  );

export const RoundupRowSchema = z
  .object({ ...channelColumns, message_id: text.nullable(), story_count: int, posted_at: int })
  .transform((r) => ({
    channel: channelOf(r),
    messageId: r.message_id,
    storyCount: r.story_count,
    postedAt: r.posted_at,
  }));
