// The ports of the core: what briefing needs from the outside world, as interfaces.
// Stores (src/store), fetchers (src/adapters/feeds) and clocks implement them; use cases take them in `deps`.
import type { Article, NewArticle, ScoredArticle, UpsertResult } from "./article.js";
import type { Feed, FeedPatch, NewFeed, Origin } from "./feed.js";
import type { ParsedFeed } from "./parsed-feed.js";
import type { TopicQuery } from "./topic-query.js";

/** The only source of "now" for the core (epoch ms UTC). */
export interface Clock {
  now(): number;
}

export interface Logger {
  debug(context: Record<string, unknown>, message: string): void;
  info(context: Record<string, unknown>, message: string): void;
  warn(context: Record<string, unknown>, message: string): void;
  error(context: Record<string, unknown>, message: string): void;
}

export interface FeedStore {
  /** Adds a feed; throws UserError `feed_exists` when its URL is already subscribed. */
  addFeed(feed: NewFeed): Promise<Feed>;
  getFeed(id: number): Promise<Feed | undefined>;
  findFeedByUrl(url: string): Promise<Feed | undefined>;
  /** Oldest first (by id). */
  listFeeds(): Promise<Feed[]>;
  /** Applies the patch and returns the feed as stored; undefined when it does not exist. */
  updateFeed(id: number, patch: FeedPatch): Promise<Feed | undefined>;
  /** Removes the feed and its articles; false when it did not exist. */
  removeFeed(id: number): Promise<boolean>;
  /** Enabled feeds whose next fetch is at or before `now`, soonest first. */
  dueFeeds(now: number, limit: number): Promise<Feed[]>;
}

export interface SearchOptions {
  /** Only articles published at or after this time (epoch ms). */
  since?: number;
  /** Only articles published before this time (epoch ms). */
  until?: number;
  /** At most this many; 0 or less returns nothing. */
  limit: number;
}

export interface ArticleStore {
  /**
   * Stores a fetch's articles for one feed in one transaction. An article with the same canonical
   * URL, the same guid in this feed, or the same content hash as a stored one updates it in place.
   * `backlog` marks newly inserted articles as seen for digests (a feed's first fetch).
   * An update keeps the stored id, first fetch time and backlog flag; an estimated date never
   * replaces a stored one; a match owned by another feed is left alone (counted unchanged).
   * `feedId` must exist. See docs/decisions/001-article-dedup.md.
   */
  upsertArticles(feedId: number, articles: NewArticle[], options: { backlog: boolean }): Promise<UpsertResult>;
  /** Full-text search, title weighted above text, best first. */
  searchArticles(query: TopicQuery, options: SearchOptions): Promise<ScoredArticle[]>;
  /** The newest articles, optionally in a time window, newest first (a brief with no topic). */
  recentArticles(options: SearchOptions): Promise<Article[]>;
  /** In the order asked; unknown and repeated ids are skipped. */
  getArticles(ids: number[]): Promise<Article[]>;
  countArticles(feedId?: number): Promise<number>;
  /** Deletes articles published before `cutoff`; returns how many. */
  pruneArticles(cutoff: number): Promise<number>;
}

/** feed_disabled: a feed stopped after failures; schedule_paused: a digest stopped after failed slots. */
export const EVENT_KINDS = ["feed_disabled", "schedule_paused"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Something chat adapters must announce in a channel (an outbox, delivered at least once). */
export interface BotEvent {
  id: number;
  kind: EventKind;
  /** Becomes null when the feed is removed. */
  feedId: number | null;
  origin: Origin | null;
  message: string;
  createdAt: number;
  deliveredAt: number | null;
}

export interface EventStore {
  recordEvent(event: Omit<BotEvent, "id" | "deliveredAt">): Promise<BotEvent>;
  pendingEvents(limit: number): Promise<BotEvent[]>;
  /** The first delivery time is kept; an unknown id is a no-op. */
  markEventDelivered(id: number, at: number): Promise<void>;
}

/** Validators from the previous fetch, for a conditional GET. */
export interface FeedValidators {
  etag: string | null;
  lastModified: string | null;
}

export type FetchFeedResult =
  | { kind: "not-modified"; etag: string | null; lastModified: string | null }
  | {
      kind: "feed";
      /** The URL the feed was finally read from (after redirects and autodiscovery). */
      url: string;
      etag: string | null;
      lastModified: string | null;
      feed: ParsedFeed;
    };

/** Fetches and parses one feed; throws FeedError with a reason on any failure. */
export interface FeedSource {
  fetchFeed(url: string, validators: FeedValidators): Promise<FetchFeedResult>;
}

/** Turns a parsed item into a storable article (canonical URL, content hash). */
export type ArticleNormalizer = (item: ParsedFeed["items"][number], fetchedAt: number) => NewArticle;
