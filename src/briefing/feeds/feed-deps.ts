// What the feed use cases (add, list, status, remove, enable) need from the outside world.

import type { ArticleNormalizer, ArticleStore, Clock, FeedSource, FeedStore } from "../ports.js";
import type { PollPolicy } from "./poll-policy.js";

export interface FeedDeps {
  feeds: FeedStore;
  articles: ArticleStore;
  source: FeedSource;
  normalize: ArticleNormalizer;
  clock: Clock;
  random: () => number;
  policy: PollPolicy;
}
