// `/feed enable`: gives a disabled or failing feed a fresh start, fetched on the next poll.
import { UserError } from "../errors.js";
import type { Feed } from "../feed.js";
import type { Clock, FeedStore } from "../ports.js";
import { resolveFeedRef } from "./feed-ref.js";

export async function enableFeed(deps: { feeds: FeedStore; clock: Clock }, ref: string): Promise<Feed> {
  const feed = await resolveFeedRef(deps.feeds, ref);
  const updated = await deps.feeds.updateFeed(feed.id, {
    disabledReason: null,
    consecutiveFailures: 0,
    nextFetchAt: deps.clock.now(),
  });
  if (!updated) throw new UserError("feed_not_found", `Feed #${feed.id} was removed meanwhile. Use \`/feed list\`.`);
  return updated;
}
