// `/feed list` and `/feed status`: every feed (or one) with its health and article count.

import type { ArticleStore, FeedStore } from "../ports.js";
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

export async function feedStatus(deps: FeedQueryDeps, ref: string): Promise<FeedStatus> {
  const feed = await resolveFeedRef(deps.feeds, ref);
  return { feed, health: feedHealth(feed), articleCount: await deps.articles.countArticles(feed.id) };
}
