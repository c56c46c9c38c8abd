// Subscribes to a feed: validates it by fetching once, stores it and its backlog. The backlog is
// searchable by /brief at once but marked as already seen, so no digest floods a channel with it.
// Added in a channel, the channel becomes a subscriber; a feed another channel already follows is
// joined instead (nothing fetched).

import { isFeedError, isUserError, UserError } from "../errors.js";
import type { Feed, Origin } from "../feed.js";
import type { ChannelRef } from "../schedule.js";
import { canonicalizeUrl } from "./canonical-url.js";
import type { FeedDeps } from "./feed-deps.js";
import { channelOfOrigin, validateFeedUrl } from "./feed-url.js";
import { withFullTextWish } from "./needs-full-text.js";
import { firstFetchAt, MIN_REFRESH_MINUTES } from "./poll-policy.js";
import { withArticleKind } from "./with-article-kind.js";

export interface AddFeedRequest {
  url: string;
  /** A display name that overrides the feed's own title. */
  name?: string | undefined;
  origin: Origin | null;
  refreshMinutes?: number | undefined;
  /** Only the operator's CLI may add file: feeds (`ingest --file`); chat commands never set this. */
  allowFileUrl?: boolean;
}

export interface AddFeedResult {
  feed: Feed;
  stored: number;
  /**
   * The feed was already stored (another channel, or the whole install, follows it) and this
   * channel became one of its subscribers: nothing was fetched or stored.
   */
  joined: boolean;
}

export async function addFeed(deps: FeedDeps, request: AddFeedRequest): Promise<AddFeedResult> {
  const url = validateFeedUrl(request.url, request.allowFileUrl === true);
  const channel = channelOfOrigin(request.origin);
  const refreshMinutes = request.refreshMinutes ?? deps.policy.refreshMinutes;
  if (refreshMinutes < MIN_REFRESH_MINUTES) {
    throw new UserError(
      "refresh_too_short",
      `A feed refreshes at most every ${MIN_REFRESH_MINUTES} minutes; choose ${MIN_REFRESH_MINUTES} or more.`,
    );
  }
  const known = await joinExisting(deps, url, channel, request.origin);
  if (known) return known;
  let fetched: Awaited<ReturnType<FeedDeps["source"]["fetchFeed"]>>;
  try {
    fetched = await deps.source.fetchFeed(url, { etag: null, lastModified: null });
  } catch (error) {
    if (isFeedError(error)) throw new UserError(`feed_${error.code}`, `Could not add ${url}: ${error.message}`);
    throw error;
  }
  if (fetched.kind !== "feed") {
    throw new UserError(
      "feed_not_modified",
      `Could not add ${url}: the server answered "not modified" to a first request.`,
    );
  }
  // Autodiscovery may have led from a home page to its feed: subscribe to the feed itself.
  const feedUrl = fetched.url === url ? url : (canonicalizeUrl(fetched.url) ?? fetched.url);
  if (feedUrl !== url) {
    const discovered = await joinExisting(deps, feedUrl, channel, request.origin);
    if (discovered) return discovered;
  }
  const now = deps.clock.now();
  let added: Feed;
  try {
    added = await deps.feeds.addFeed({
      url: feedUrl,
      title: request.name?.trim() || fetched.feed.title || null,
      siteLink: fetched.feed.link,
      origin: request.origin,
      refreshMinutes,
      createdAt: now,
      nextFetchAt: firstFetchAt(now, refreshMinutes, deps.random),
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      lastAttemptAt: now,
      lastSuccessAt: now,
    });
  } catch (error) {
    // Another channel added the same feed while this one was fetching it: join that one.
    const raced =
      isUserError(error) && error.code === "feed_exists"
        ? await joinExisting(deps, feedUrl, channel, request.origin)
        : undefined;
    if (raced) return raced;
    throw error;
  }
  if (channel) await deps.feeds.subscribeChannel(added.id, channel, request.origin?.userId ?? null, now);
  // Rare, so a second write rather than another column in every store's INSERT.
  const feed = fetched.feed.lenient
    ? ((await deps.feeds.updateFeed(added.id, { lastParseLenient: true })) ?? added)
    : added;
  const outlet = feed.title ?? (fetched.feed.title || null);
  const articles = fetched.feed.items.map((item) =>
    withArticleKind(withFullTextWish(deps.normalize(item, now), feed.fulltext), feed, outlet, item.categories),
  );
  const result = await deps.articles.upsertArticles(feed.id, articles, { backlog: true });
  return { feed, stored: result.inserted + result.updated + result.unchanged, joined: false };
}

/**
 * When `url` is stored already: from a channel that does not follow it yet, the channel joins it;
 * otherwise UserError `feed_exists`. Undefined when the feed is new.
 */
async function joinExisting(
  deps: FeedDeps,
  url: string,
  channel: ChannelRef | null,
  origin: Origin | null,
): Promise<AddFeedResult | undefined> {
  const existing = await deps.feeds.findFeedByUrl(url);
  if (!existing) return undefined;
  if (channel && (await deps.feeds.subscribeChannel(existing.id, channel, origin?.userId ?? null, deps.clock.now()))) {
    return { feed: existing, stored: 0, joined: true };
  }
  const where = channel ? " in this channel" : "";
  throw new UserError(
    "feed_exists",
    `${url} is already subscribed${where} as feed #${existing.id}; see \`/feed status ${existing.id}\`.`,
  );
}
