// `/feed remove`: in a channel, ends that channel's subscription, and removes the feed (with its
// articles, which have no other owner) only when no channel follows it any more; the CLI, or an
// admin's `/feed remove <id> everywhere`, removes it for every channel at once.
import { UserError } from "../errors.js";
import type { Feed } from "../feed.js";
import type { FeedStore } from "../ports.js";
import type { ChannelRef } from "../schedule.js";
import { resolveFeedRef } from "./feed-ref.js";

export async function removeFeed(deps: { feeds: FeedStore }, ref: string): Promise<Feed> {
  const feed = await resolveFeedRef(deps.feeds, ref);
  await deps.feeds.removeFeed(feed.id);
  return feed;
}

export interface ChannelRemoval {
  feed: Feed;
  /** The feed and its articles are gone; otherwise only this channel stopped following it. */
  feedRemoved: boolean;
  /** Channels that still follow it. */
  remaining: number;
}

/**
 * Removes `ref` as seen from `channel` (see the file's opening). A channel that does not follow a
 * feed other channels follow gets UserError `feed_followed_elsewhere` naming the explicit form.
 */
export async function removeFeedFromChannel(
  deps: { feeds: FeedStore },
  ref: string,
  channel: ChannelRef | null,
  everywhere: boolean,
): Promise<ChannelRemoval> {
  const feed = await resolveFeedRef(deps.feeds, ref);
  if (channel === null || everywhere) {
    await deps.feeds.removeFeed(feed.id);
    return { feed, feedRemoved: true, remaining: 0 };
  }
  const result = await deps.feeds.unsubscribeChannel(feed.id, channel);
  if (!result.unsubscribed && !result.feedRemoved) {
    if (result.remaining === 0) throw new UserError("feed_not_found", `Feed #${feed.id} was removed meanwhile.`);
    const others = result.remaining === 1 ? "1 other channel follows" : `${result.remaining} other channels follow`;
    throw new UserError(
      "feed_followed_elsewhere",
      `This channel does not follow feed #${feed.id}; ${others} it, so nothing was removed. ` +
        `To delete it and its articles for every channel, use \`/feed remove ${feed.id} everywhere\`.`,
    );
  }
  return { feed, feedRemoved: result.feedRemoved, remaining: result.remaining };
}
