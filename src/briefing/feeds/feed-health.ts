// A feed's health in one word plus the facts behind it, for `/feed list` and `/feed status`.
import type { Feed } from "../feed.js";

export type FeedHealth = "ok" | "new" | "failing" | "disabled";

export function feedHealth(feed: Feed): FeedHealth {
  if (feed.disabledReason) return "disabled";
  if (feed.consecutiveFailures > 0) return "failing";
  if (feed.lastSuccessAt === null) return "new";
  return "ok";
}

export interface FeedStatus {
  feed: Feed;
  health: FeedHealth;
  articleCount: number;
}
