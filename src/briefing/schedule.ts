// A scheduled digest: a channel's card at a local time on chosen weekdays, in an IANA zone, on a
// topic (or all feeds). Type and zod schema together; stores persist it through ScheduleStore.
import { z } from "zod";
import { PlatformSchema } from "./feed.js";

/** Weekday numbers as Date#getUTCDay counts them: 0 is Sunday. */
export const WEEKDAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export const EVERY_DAY: readonly number[] = [0, 1, 2, 3, 4, 5, 6];

/** Where a digest goes: one channel of one workspace (Slack team, Discord guild). */
export const ChannelRefSchema = z.object({
  platform: PlatformSchema,
  workspaceId: z.string().min(1),
  channelId: z.string().min(1),
});
export type ChannelRef = z.infer<typeof ChannelRefSchema>;

export const ScheduleSchema = z.object({
  id: z.number().int().positive(),
  target: ChannelRefSchema,
  /** Who created it (told when it pauses); null from the command line. */
  createdBy: z.string().nullable(),
  /** Local wall time as minutes after midnight (07:30 is 450). */
  minuteOfDay: z.number().int().min(0).max(1439),
  /** Weekdays it runs on, ascending, at least one. */
  days: z.array(z.number().int().min(0).max(6)).min(1).max(7),
  /** Canonical IANA name. */
  timeZone: z.string().min(1),
  /** Null: the newest stories of every feed. */
  topic: z.string().nullable(),
  maxStories: z.number().int().min(1).max(10),
  /** True (the default): nothing new means nothing posted. False: a one-line "nothing new". */
  quiet: z.boolean(),
  createdAt: z.number().int(),
  /** Slots at or before this instant are never due: creation and resume do not back-fill. */
  activeFrom: z.number().int(),
  pausedAt: z.number().int().nullable(),
  pausedReason: z.string().nullable(),
  /** Failed slots in a row; reset by a posted one. */
  consecutiveFailures: z.number().int().nonnegative(),
});
export type Schedule = z.infer<typeof ScheduleSchema>;

export type NewSchedule = Omit<Schedule, "id" | "pausedAt" | "pausedReason" | "consecutiveFailures">;

export type SchedulePatch = Partial<Pick<Schedule, "activeFrom" | "pausedAt" | "pausedReason" | "consecutiveFailures">>;

/** 450 → "07:30". */
export function formatMinuteOfDay(minuteOfDay: number): string {
  const h = Math.floor(minuteOfDay / 60);
  const m = minuteOfDay % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** [1,2,3,4,5] → "mon-fri"; every day → "daily"; others as a list. */
export function formatDays(days: readonly number[]): string {
  const set = [...new Set(days)].sort((a, b) => a - b);
  if (set.length === 7) return "daily";
  if (set.join() === "1,2,3,4,5") return "mon-fri";
  if (set.join() === "0,6") return "sat,sun";
  return set.map((d) => WEEKDAY_NAMES[d] ?? "?").join(",");
}

export function channelKey(ref: ChannelRef): string {
  return `${ref.platform}:${ref.workspaceId}:${ref.channelId}`;
}
