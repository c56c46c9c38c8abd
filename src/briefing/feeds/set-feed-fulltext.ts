// `/feed fulltext <id> auto|always|never`: whether a feed's articles get their page's full text.
// Changing it affects articles stored from then on; `never` also stops pending page fetches.
import { UserError } from "../errors.js";
import type { Feed, FulltextMode } from "../feed.js";
import type { FeedStore } from "../ports.js";
import { resolveFeedRef } from "./feed-ref.js";

export async function setFeedFulltext(deps: { feeds: FeedStore }, ref: string, mode: FulltextMode): Promise<Feed> {
  const feed = await resolveFeedRef(deps.feeds, ref);
  const updated = await deps.feeds.updateFeed(feed.id, { fulltext: mode });
  if (!updated) throw new UserError("feed_not_found", `Feed #${feed.id} was removed meanwhile. Use \`/feed list\`.`);
  return updated;
}

/** The mode in words, for /feed status and replies. */
export function fulltextLine(mode: FulltextMode): string {
  if (mode === "never") return "never (the feed's own text only)";
  if (mode === "always") return "always (every article's page is fetched)";
  return "auto (the page is fetched when the feed carries only a teaser)";
}
