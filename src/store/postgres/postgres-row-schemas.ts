// zod schemas for rows only PostgreSQL reads back in its own form (schedules, slots: arrays and
// booleans natively); articles, feeds and events share src/store/row-schemas.ts with SQLite.
import { z } from "zod";
import { PlatformSchema } from "../../briefing/feed.js";
import { SLOT_STATUSES, type SlotRecord } from "../../briefing/ports.js";
import { ScheduleSchema } from "../../briefing/schedule.js";

const int = z.number().int();
const text = z.string();

export {
  ArticleRowSchema as PgArticleRowSchema,
  EventRowSchema as PgEventRowSchema,
  FeedRowSchema as PgFeedRowSchema,
  originColumnsOf,
  RelevanceRowSchema as PgRelevanceRowSchema,
} from "../row-schemas.js";

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
