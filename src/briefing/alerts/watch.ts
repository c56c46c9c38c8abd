// A watch: a channel's standing order to post each new story that matches (issue 17), with its
// filters; and a channel's flood-control settings. Types and zod schemas together, as schedule.ts.
import { z } from "zod";
import { ChannelRefSchema } from "../schedule.js";

/** Most words or phrases in one include or exclude list, and most sources named. */
export const MAX_PATTERNS = 20;
/** More sources than this to wait for would never post anything. */
export const MAX_MIN_SOURCES = 10;

export const WatchSchema = z.object({
  id: z.number().int().positive(),
  channel: ChannelRefSchema,
  /** Who made it; null from the command line. */
  createdBy: z.string().nullable(),
  /** Null: the stories of the feeds added in this channel. */
  topic: z.string().nullable(),
  /** Only these outlets' reports count (names or parts of names, lowercase); empty: every outlet. */
  sources: z.array(z.string().min(1)).max(MAX_PATTERNS),
  /** Independent outlets a story needs before it is posted (1: post at the first report). */
  minSources: z.number().int().min(1).max(MAX_MIN_SOURCES),
  /** Words, "quoted phrases" and prefixes (`elect*`): at least one must occur, when any are given. */
  include: z.array(z.string().min(1)).max(MAX_PATTERNS),
  /** Words, phrases and prefixes that keep a story out. */
  exclude: z.array(z.string().min(1)).max(MAX_PATTERNS),
  /** False: opinion pieces take no part (a story of opinion only is never posted). */
  opinion: z.boolean(),
  pausedAt: z.number().int().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Watch = z.infer<typeof WatchSchema>;

export type NewWatch = Omit<Watch, "id" | "pausedAt" | "updatedAt">;

export type WatchPatch = Partial<Pick<Watch, "pausedAt">>;

/** A channel's flood control. Quiet hours are local minutes after midnight, [start, end). */
export const AlertSettingsSchema = z.object({
  channel: ChannelRefSchema,
  perMinute: z.number().int().min(1).max(60),
  perDay: z.number().int().min(1).max(1000),
  quietStart: z.number().int().min(0).max(1439).nullable(),
  quietEnd: z.number().int().min(0).max(1439).nullable(),
  /** Canonical IANA name the quiet hours are read in. */
  timeZone: z.string().min(1),
  updatedAt: z.number().int(),
});
export type AlertSettings = z.infer<typeof AlertSettingsSchema>;

/** The issue's defaults: at most one post a minute and 30 a day, no quiet hours. */
export const DEFAULT_ALERT_LIMITS = { perMinute: 1, perDay: 30 } as const;

export function defaultAlertSettings(channel: AlertSettings["channel"], timeZone: string): AlertSettings {
  return { channel, ...DEFAULT_ALERT_LIMITS, quietStart: null, quietEnd: null, timeZone, updatedAt: 0 };
}

/** "#3 "volcano" (sources: reuters; min 2 sources; exclude "sport"; no opinion)". */
export function describeWatch(watch: Watch): string {
  const parts: string[] = [];
  if (watch.sources.length > 0) parts.push(`sources: ${watch.sources.join(", ")}`);
  if (watch.minSources > 1) parts.push(`waits for ${watch.minSources} sources`);
  if (watch.include.length > 0) parts.push(`include ${watch.include.join(" ")}`);
  if (watch.exclude.length > 0) parts.push(`exclude ${watch.exclude.join(" ")}`);
  if (!watch.opinion) parts.push("no opinion");
  const what = watch.topic === null ? "this channel's feeds" : `"${watch.topic}"`;
  return `#${watch.id} ${what}${parts.length > 0 ? ` (${parts.join("; ")})` : ""}${watch.pausedAt !== null ? " — PAUSED" : ""}`;
}
