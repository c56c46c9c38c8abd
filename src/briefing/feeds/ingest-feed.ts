// Fetches one feed and stores what it carries, then records the feed's health: next fetch time,
// backoff and, after too many failures, disabling it with an event for the channel that added it.
import type { UpsertResult } from "../article.js";
import { isFeedError, isStorageError } from "../errors.js";
import type { Feed } from "../feed.js";
import type { ArticleNormalizer, ArticleStore, Clock, EventStore, FeedSource, FeedStore, Logger } from "../ports.js";
import { articleFromItem } from "./article-from-item.js";
import { backoffDelay, nextFetchAfterSuccess, type PollPolicy } from "./poll-policy.js";

export interface IngestDeps {
  feeds: FeedStore;
  articles: ArticleStore;
  events: EventStore;
  source: FeedSource;
  normalize: ArticleNormalizer;
  clock: Clock;
  random: () => number;
  logger: Logger;
  policy: PollPolicy;
}

export type IngestOutcome =
  | { feedId: number; status: "stored"; items: number; result: UpsertResult }
  | { feedId: number; status: "not-modified" }
  | { feedId: number; status: "failed"; error: string; disabled: boolean };

/**
 * Never throws for a feed's own problems: one broken feed must not stop the others. A StorageError
 * is the database's problem, not the feed's: it is thrown as it is and the feed's health is left
 * alone (a full disk must not disable every feed and tell their channels to "fix the feed").
 */
export async function ingestFeed(deps: IngestDeps, feed: Feed): Promise<IngestOutcome> {
  const startedAt = deps.clock.now();
  try {
    const fetched = await deps.source.fetchFeed(feed.url, { etag: feed.etag, lastModified: feed.lastModified });
    const now = deps.clock.now();
    const healthy = {
      lastAttemptAt: startedAt,
      lastSuccessAt: now,
      lastError: null,
      consecutiveFailures: 0,
      nextFetchAt: nextFetchAfterSuccess(now, feed.refreshMinutes, deps.random),
      etag: fetched.etag ?? feed.etag,
      lastModified: fetched.lastModified ?? feed.lastModified,
    };
    if (fetched.kind === "not-modified") {
      await deps.feeds.updateFeed(feed.id, healthy);
      return { feedId: feed.id, status: "not-modified" };
    }
    const outlet = feed.title ?? (fetched.feed.title || null);
    const articles = fetched.feed.items.map((item) => articleFromItem(item, feed, outlet, deps.normalize, now));
    // A feed never fetched before (imported from OPML, so not fetched at add) gets its first
    // document as backlog, as `/feed add` does: searchable, but never flooding a digest or alerts.
    const result = await deps.articles.upsertArticles(feed.id, articles, { backlog: feed.lastSuccessAt === null });
    await deps.feeds.updateFeed(feed.id, {
      ...healthy,
      title: feed.title ?? (fetched.feed.title || null),
      siteLink: fetched.feed.link ?? feed.siteLink,
      lastParseLenient: fetched.feed.lenient === true,
    });
    return { feedId: feed.id, status: "stored", items: articles.length, result };
  } catch (error) {
    if (isStorageError(error)) throw error;
    return recordFailure(deps, feed, startedAt, error);
  }
}

async function recordFailure(deps: IngestDeps, feed: Feed, startedAt: number, error: unknown): Promise<IngestOutcome> {
  const now = deps.clock.now();
  const message = error instanceof Error ? error.message : String(error);
  if (!isFeedError(error)) deps.logger.error({ feedId: feed.id, url: feed.url, err: error }, "feed ingest crashed");
  else deps.logger.warn({ feedId: feed.id, url: feed.url, code: error.code }, message);
  const failures = feed.consecutiveFailures + 1;
  const disabled = failures >= deps.policy.maxFailures;
  const disabledReason = disabled
    ? `disabled after ${failures} failed fetches in a row; last error: ${message}. ` +
      `Fix the feed (or its URL), then re-enable it with \`/feed enable ${feed.id}\`.`
    : null;
  await deps.feeds.updateFeed(feed.id, {
    lastAttemptAt: startedAt,
    lastError: message,
    consecutiveFailures: failures,
    nextFetchAt: now + backoffDelay(failures),
    ...(disabled ? { disabledReason } : {}),
  });
  // Only a chat channel can be told; a feed added from the command line shows its reason in
  // `feed status`, and an event nobody can deliver would sit in the outbox for ever.
  if (disabled && disabledReason && feed.origin?.channelId) {
    await deps.events.recordEvent({
      kind: "feed_disabled",
      feedId: feed.id,
      origin: feed.origin,
      message: `Feed #${feed.id} (${feed.title ?? feed.url}) was ${disabledReason}`,
      createdAt: now,
    });
  }
  return { feedId: feed.id, status: "failed", error: message, disabled };
}
