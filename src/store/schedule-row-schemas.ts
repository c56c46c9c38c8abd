// zod schemas for digest rows read back from either store (schedules, ledger slots): snake_case
// columns, booleans (SQLite's 0/1, PostgreSQL's true/false) and weekdays (SQLite's "1,2,3",
// PostgreSQL's smallint[]) become the core's shapes, then its schemas check them.
import { z } from "zod";
import { SLOT_STATUSES, type SlotRecord } from "../briefing/ports.js";
import { type SchedulePatch, ScheduleSchema } from "../briefing/schedule.js";

const int = z.number().int();
const text = z.string();

export const ScheduleRowSchema = z
  .object({
    id: int,
    platform: text,
    workspace_id: text,
    channel_id: text,
    created_by: text.nullable(),
    minute_of_day: int,
    days: z.union([text, z.array(int)]),
    time_zone: text,
    topic: text.nullable(),
    max_stories: int,
    quiet: z.union([z.boolean(), z.literal(0), z.literal(1)]),
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
    days: Array.isArray(r.days) ? r.days : r.days === "" ? [] : r.days.split(",").map(Number),
    timeZone: r.time_zone,
    topic: r.topic,
    maxStories: r.max_stories,
    quiet: r.quiet === true || r.quiet === 1,
    createdAt: r.created_at,
    activeFrom: r.active_from,
    pausedAt: r.paused_at,
    pausedReason: r.paused_reason,
    consecutiveFailures: r.consecutive_failures,
  }))
  .pipe(ScheduleSchema);

export const SLOT_COLUMNS = {
  schedule_id: int,
  slot_at: int,
  status: z.enum(SLOT_STATUSES),
  attempts: int,
  lease_until: int.nullable(),
  message_id: text.nullable(),
  reason: text.nullable(),
  updated_at: int,
};

export const SlotRowSchema = z.object(SLOT_COLUMNS).transform(
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

export const SlotHistoryRowSchema = z
  .object({ id: int, latest_slot_at: int.nullable(), latest_delivered_at: int.nullable() })
  .transform((r) => ({
    scheduleId: r.id,
    latestSlotAt: r.latest_slot_at,
    latestDeliveredAt: r.latest_delivered_at,
  }));

export const TimeZoneRowSchema = z.object({ time_zone: text.nullable() });

const SCHEDULE_PATCH_COLUMNS = {
  activeFrom: "active_from",
  pausedAt: "paused_at",
  pausedReason: "paused_reason",
  consecutiveFailures: "consecutive_failures",
} as const satisfies Record<keyof SchedulePatch, string>;

/**
 * The columns a schedule patch writes and their values, in the same order, for either store's
 * UPDATE. Column names come from the fixed map above, never from the caller; absent keys (or an
 * explicit undefined) are left alone.
 */
export function schedulePatchAssignments(patch: SchedulePatch): { columns: string[]; values: unknown[] } {
  const keys = (Object.keys(SCHEDULE_PATCH_COLUMNS) as Array<keyof SchedulePatch>).filter(
    (k) => patch[k] !== undefined,
  );
  return { columns: keys.map((k) => SCHEDULE_PATCH_COLUMNS[k]), values: keys.map((k) => patch[k]) };
}
