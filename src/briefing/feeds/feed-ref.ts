// Finds the feed a person means by "3", "#3" or its URL, with an error that says how to list them.
import { UserError } from "../errors.js";
import type { Feed } from "../feed.js";
import type { FeedStore } from "../ports.js";

export async function resolveFeedRef(feeds: FeedStore, ref: string): Promise<Feed> {
  const trimmed = ref.trim();
  const id = /^#?(\d{1,9})$/.exec(trimmed)?.[1];
  const feed = id ? await feeds.getFeed(Number(id)) : await feeds.findFeedByUrl(trimmed);
  if (!feed) {
    throw new UserError("feed_not_found", `No feed matches "${trimmed}". Use \`/feed list\` to see feed ids and URLs.`);
  }
  return feed;
}
