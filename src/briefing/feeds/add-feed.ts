// Subscribes to a feed: validates it by fetching once, stores it and its backlog. The backlog is
// searchable by /brief at once but marked as already seen, so no digest floods a channel with it.

import { isFeedError, UserError } from "../errors.js";
import type { Feed, Origin } from "../feed.js";
import { canonicalizeUrl } from "./canonical-url.js";
import type { FeedDeps } from "./feed-deps.js";
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
}

function validateUrl(raw: string, allowFileUrl: boolean): string {
  const trimmed = raw.trim().replace(/^<(.*)>$/, "$1"); // Slack wraps links as <url>
  if (allowFileUrl && trimmed.startsWith("file:")) return trimmed;
  const url = canonicalizeUrl(trimmed);
  if (!url) {
    throw new UserError(
      "invalid_feed_url",
      `"${raw}" is not an http(s) URL. Give the feed's full address, for example https://example.com/feed.xml.`,
    );
  }
  return url;
}

export async function addFeed(deps: FeedDeps, request: AddFeedRequest): Promise<AddFeedResult> {
  const url = validateUrl(request.url, request.allowFileUrl === true);
  const refreshMinutes = request.refreshMinutes ?? deps.policy.refreshMinutes;
  if (refreshMinutes < MIN_REFRESH_MINUTES) {
    throw new UserError(
      "refresh_too_short",
      `A feed refreshes at most every ${MIN_REFRESH_MINUTES} minutes; choose ${MIN_REFRESH_MINUTES} or more.`,
    );
  }
  await refuseDuplicate(deps, url);
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
  if (feedUrl !== url) await refuseDuplicate(deps, feedUrl);
  const now = deps.clock.now();
  const added = await deps.feeds.addFeed({
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
  // Rare, so a second write rather than another column in every store's INSERT.
  const feed = fetched.feed.lenient
    ? ((await deps.feeds.updateFeed(added.id, { lastParseLenient: true })) ?? added)
    : added;
  const outlet = feed.title ?? (fetched.feed.title || null);
  const articles = fetched.feed.items.map((item) =>
    withArticleKind(withFullTextWish(deps.normalize(item, now), feed.fulltext), feed, outlet, item.categories),
  );
  const result = await deps.articles.upsertArticles(feed.id, articles, { backlog: true });
  return { feed, stored: result.inserted + result.updated + result.unchanged };
}

async function refuseDuplicate(deps: FeedDeps, url: string): Promise<void> {
  const existing = await deps.feeds.findFeedByUrl(url);
  if (existing) {
    throw new UserError(
      "feed_exists",
      `${url} is already subscribed as feed #${existing.id}; see \`/feed status ${existing.id}\`.`,
    );
  }
}
