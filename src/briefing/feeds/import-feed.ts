// One entry of a subscription list (OPML) stored as a feed without fetching it: ten thousand
// entries must import in seconds, and the poller fetches each within its first refresh interval
// (spread, so an import never storms a host). That first fetch is stored as backlog (ingest-feed.ts).

import { isUserError, UserError } from "../errors.js";
import type { Feed, Origin } from "../feed.js";
import { canonicalizeUrl } from "./canonical-url.js";
import type { FeedDeps } from "./feed-deps.js";
import { channelOfOrigin, validateFeedUrl } from "./feed-url.js";
import { firstFetchAt } from "./poll-policy.js";

/** Longer list titles are cut: a name is a label in a list, not a description. */
export const MAX_IMPORTED_TITLE_LENGTH = 200;

export interface ImportFeedRequest {
  url: string;
  title: string | null;
  /** The site's own address (OPML `htmlUrl`); dropped unless it is http(s). */
  siteLink: string | null;
  /** Who imports, and for which channel (its channel subscribes); the CLI's origin has none. */
  origin: Origin | null;
}

export interface ImportFeedResult {
  feed: Feed;
  /** `added`: a new feed; `joined`: a stored feed this channel now follows too. */
  status: "added" | "joined";
}

/** Throws UserError for a bad address, or `feed_exists` for a feed already followed (here). */
export async function importFeed(
  deps: Pick<FeedDeps, "feeds" | "clock" | "random" | "policy">,
  request: ImportFeedRequest,
): Promise<ImportFeedResult> {
  const url = validateFeedUrl(request.url);
  const channel = channelOfOrigin(request.origin);
  const userId = request.origin?.userId ?? null;
  const now = deps.clock.now();
  const join = async (): Promise<ImportFeedResult> => {
    const existing = await deps.feeds.findFeedByUrl(url);
    if (!existing) throw new Error(`feed ${url} vanished while it was imported`);
    if (channel && (await deps.feeds.subscribeChannel(existing.id, channel, userId, now))) {
      return { feed: existing, status: "joined" };
    }
    throw new UserError(
      "feed_exists",
      `already subscribed${channel ? " in this channel" : ""} as feed #${existing.id}`,
    );
  };
  if (await deps.feeds.findFeedByUrl(url)) return join();
  const refreshMinutes = deps.policy.refreshMinutes;
  let feed: Feed;
  try {
    feed = await deps.feeds.addFeed({
      url,
      title: cleanTitle(request.title),
      siteLink: request.siteLink === null ? null : canonicalizeUrl(request.siteLink),
      origin: request.origin,
      refreshMinutes,
      createdAt: now,
      nextFetchAt: firstFetchAt(now, refreshMinutes, deps.random),
    });
  } catch (error) {
    if (isUserError(error) && error.code === "feed_exists") return join();
    throw error;
  }
  if (channel) await deps.feeds.subscribeChannel(feed.id, channel, userId, now);
  return { feed, status: "added" };
}

function cleanTitle(title: string | null): string | null {
  // Whitespace runs become one space and other control characters go: a title is one line of text.
  const spaced = title?.replace(/\s+/g, " ") ?? "";
  const trimmed = [...spaced]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join("")
    .trim();
  if (trimmed === "") return null;
  return trimmed.length > MAX_IMPORTED_TITLE_LENGTH ? `${trimmed.slice(0, MAX_IMPORTED_TITLE_LENGTH - 1)}…` : trimmed;
}
