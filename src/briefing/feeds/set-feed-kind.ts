// `/feed kind <id> opinion|news|auto`: label every article of a feed, or classify each one.
// Applies to articles stored from then on; the label is decided once, at ingest.
import { UserError } from "../errors.js";
import type { Feed, FeedKind } from "../feed.js";
import type { FeedStore } from "../ports.js";
import { resolveFeedRef } from "./feed-ref.js";

export async function setFeedKind(deps: { feeds: FeedStore }, ref: string, kind: FeedKind): Promise<Feed> {
  const feed = await resolveFeedRef(deps.feeds, ref);
  const updated = await deps.feeds.updateFeed(feed.id, { kind });
  if (!updated) throw new UserError("feed_not_found", `Feed #${feed.id} was removed meanwhile. Use \`/feed list\`.`);
  return updated;
}

/** The setting in words, for /feed status and replies. */
export function feedKindLine(kind: FeedKind): string {
  if (kind === "opinion") return "opinion (every article is listed as opinion, never quoted as fact beside news)";
  if (kind === "news") return "news (every article counts as a news report)";
  return "auto (each article is classified as news, opinion or other)";
}

/**
 * What setting the kind changes, said when it is set: labels are decided at ingest, so the articles
 * the feed already brought keep theirs (an admin would otherwise expect the card to change at once).
 */
export const FEED_KIND_SCOPE =
  "Articles the feed brings from now on take this label; those already stored keep theirs.";
