// Names a card's sources: each feed's title, read once per brief or digest pass; an untitled
// feed is named by its site's host so a reader still sees where a sentence came from.
import type { FeedStore } from "../ports.js";

/**
 * `feedIds`, when given, are the only feeds the caller will name (a brief's candidates): only those
 * are read, not every feed (issue 16); another id is still named, as `feed #id`.
 */
export async function sourceNamer(feeds: FeedStore, feedIds?: Iterable<number>): Promise<(feedId: number) => string> {
  const names = new Map<number, string>();
  const read = feedIds === undefined ? await feeds.listFeeds() : await feeds.getFeeds([...new Set(feedIds)]);
  for (const feed of read) {
    let host = feed.url;
    try {
      host = new URL(feed.siteLink ?? feed.url).host || feed.url;
    } catch {
      // Keep the raw URL as the name: odd, but still tells the reader where it came from.
    }
    names.set(feed.id, feed.title?.trim() || host);
  }
  return (feedId) => names.get(feedId) ?? `feed #${feedId}`;
}
