// `/feed remove`: unsubscribes a feed; its articles go with it (they have no other owner).
import type { Feed } from "../feed.js";
import type { FeedStore } from "../ports.js";
import { resolveFeedRef } from "./feed-ref.js";

export async function removeFeed(deps: { feeds: FeedStore }, ref: string): Promise<Feed> {
  const feed = await resolveFeedRef(deps.feeds, ref);
  await deps.feeds.removeFeed(feed.id);
  return feed;
}
