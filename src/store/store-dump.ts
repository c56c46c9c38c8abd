// The export format shared by every store: one JSON object per line, a header first, then feeds,
// their channel subscribers, articles, schedules, workspace settings, ledger slots, posted-story records and events, each
// with its ids, so `briefbot import` rebuilds the same history on another engine.
import { z } from "zod";
import { ArticleSchema } from "../briefing/article.js";
import { FeedSchema, OriginSchema, PlatformSchema } from "../briefing/feed.js";
import { EVENT_KINDS, SLOT_STATUSES } from "../briefing/ports.js";
import { ChannelRefSchema, ScheduleSchema } from "../briefing/schedule.js";

export const DUMP_FORMAT = "briefbot-export";
/** Bumped when a record's shape changes incompatibly; import refuses versions it does not know. */
export const DUMP_VERSION = 1;

const int = z.number().int();

export const DumpRecordSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("header"),
    format: z.literal(DUMP_FORMAT),
    version: int,
    exportedAt: int,
    source: z.enum(["sqlite", "postgres"]),
  }),
  // Dumps written before lastParseLenient existed read as strictly parsed feeds.
  z.object({ type: z.literal("feed"), feed: FeedSchema.extend({ lastParseLenient: z.boolean().default(false) }) }),
  // A channel following a feed (issue 17); dumps from before have none.
  z.object({
    type: z.literal("subscriber"),
    feedId: int.positive(),
    channel: ChannelRefSchema,
    addedBy: z.string().nullable(),
    addedAt: int,
  }),
  z.object({ type: z.literal("article"), article: ArticleSchema }),
  z.object({ type: z.literal("schedule"), schedule: ScheduleSchema }),
  z.object({
    type: z.literal("workspace"),
    platform: PlatformSchema,
    workspaceId: z.string(),
    timeZone: z.string().nullable(),
    updatedAt: int,
  }),
  z.object({
    type: z.literal("slot"),
    slot: z.object({
      scheduleId: int,
      slotAt: int,
      status: z.enum(SLOT_STATUSES),
      attempts: int,
      claimToken: z.string().nullable(),
      leaseUntil: int.nullable(),
      messageId: z.string().nullable(),
      reason: z.string().nullable(),
      updatedAt: int,
    }),
  }),
  z.object({
    type: z.literal("posted"),
    platform: PlatformSchema,
    workspaceId: z.string(),
    channelId: z.string(),
    postedAt: int,
    articleIds: z.array(int),
  }),
  z.object({
    type: z.literal("event"),
    event: z.object({
      id: int.positive(),
      kind: z.enum(EVENT_KINDS),
      feedId: int.positive().nullable(),
      origin: OriginSchema.nullable(),
      message: z.string(),
      createdAt: int,
      deliveredAt: int.nullable(),
    }),
  }),
]);
export type DumpRecord = z.infer<typeof DumpRecordSchema>;
export type DumpRecordType = DumpRecord["type"];

/** Export order: a record only refers to records of earlier types (foreign keys hold during import). */
export const DUMP_ORDER: readonly DumpRecordType[] = [
  "header",
  "feed",
  "subscriber",
  "article",
  "schedule",
  "workspace",
  "slot",
  "posted",
  "event",
];

/** The record kinds a store holds (all but the header). */
export type Counted = Exclude<DumpRecordType, "header">;

/** The table each record kind lives in, the same in both stores. */
export const DUMP_TABLES: Record<Counted, string> = {
  feed: "feeds",
  subscriber: "feed_subscribers",
  article: "articles",
  schedule: "digest_schedules",
  workspace: "workspace_settings",
  slot: "digest_slots",
  posted: "digest_posted",
  event: "events",
};

export interface StoreDump {
  /** Every record in DUMP_ORDER (the header excepted), ids ascending, read page by page. */
  read(): AsyncIterable<DumpRecord>;
  /** How many records of each type the store holds (progress, and the import's emptiness check). */
  counts(): Promise<Record<Counted, number>>;
  /** Inserts a batch of records as they are, ids included; batches arrive in DUMP_ORDER. */
  write(records: DumpRecord[]): Promise<void>;
  /** After the last batch: id counters move past the imported ids. */
  finish(): Promise<void>;
}
