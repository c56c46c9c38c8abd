// `/feed list` and `/feed status`: every feed (or one) with its health and article count; in a
// channel, the feeds that channel follows come first, then the rest of the install.

import type { ArticleStore, FeedStore } from "../ports.js";
import type { ChannelRef } from "../schedule.js";
import { type FeedStatus, feedHealth } from "./feed-health.js";
import { resolveFeedRef } from "./feed-ref.js";

export interface FeedQueryDeps {
  feeds: FeedStore;
  articles: ArticleStore;
}

export async function listFeeds(deps: FeedQueryDeps): Promise<FeedStatus[]> {
  const feeds = await deps.feeds.listFeeds();
  return Promise.all(
    feeds.map(async (feed) => ({
      feed,
      health: feedHealth(feed),
      articleCount: await deps.articles.countArticles(feed.id),
    })),
  );
}

export interface ChannelFeedList {
  /** The feeds this channel follows, oldest first. */
  here: FeedStatus[];
  /** Every other feed of the install, oldest first. */
  elsewhere: FeedStatus[];
}

export async function listChannelFeeds(deps: FeedQueryDeps, channel: ChannelRef | null): Promise<ChannelFeedList> {
  const all = await listFeeds(deps);
  const mine = new Set(channel === null ? [] : await deps.feeds.channelFeedIds(channel));
  return {
    here: all.filter((s) => mine.has(s.feed.id)),
    elsewhere: all.filter((s) => !mine.has(s.feed.id)),
  };
}

export async function feedStatus(deps: FeedQueryDeps, ref: string): Promise<FeedStatus> {
  const feed = await resolveFeedRef(deps.feeds, ref);
  return { feed, health: feedHealth(feed), articleCount: await deps.articles.countArticles(feed.id) };
}
