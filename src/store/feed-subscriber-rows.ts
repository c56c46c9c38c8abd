// zod schemas for feed_subscribers rows, shared by the SQLite and PostgreSQL stores: the channel
// columns become a ChannelRef, checked by the core's schema on the way out.
import { z } from "zod";
import type { FeedSubscriber } from "../briefing/ports.js";
import { ChannelRefSchema } from "../briefing/schedule.js";

const int = z.number().int();

export const FeedSubscriberRowSchema = z
  .object({
    feed_id: int,
    platform: z.string(),
    workspace_id: z.string(),
    channel_id: z.string(),
    added_by: z.string().nullable(),
    added_at: int,
  })
  .transform(
    (row): FeedSubscriber => ({
      feedId: row.feed_id,
      channel: ChannelRefSchema.parse({
        platform: row.platform,
        workspaceId: row.workspace_id,
        channelId: row.channel_id,
      }),
      addedBy: row.added_by,
      addedAt: row.added_at,
    }),
  );

export const FeedIdRowSchema = z.object({ feed_id: int }).transform((row) => row.feed_id);

export const SubscriberCountRowSchema = z.object({ count: int }).transform((row) => row.count);

/** A feed_subscribers row as its export record. */
export const SubscriberDumpRowSchema = FeedSubscriberRowSchema.transform((s) => ({
  type: "subscriber" as const,
  feedId: s.feedId,
  channel: s.channel,
  addedBy: s.addedBy,
  addedAt: s.addedAt,
}));

export const SUBSCRIBER_DUMP_SQL =
  "SELECT * FROM feed_subscribers ORDER BY feed_id, platform, workspace_id, channel_id";
