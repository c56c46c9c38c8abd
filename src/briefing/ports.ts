// The ports of the core: what briefing needs from the outside world, as interfaces.
// Stores (src/store), fetchers (src/adapters/feeds) and clocks implement them; use cases take them in `deps`.
import type { Article, NewArticle, ScoredArticle, UpsertResult } from "./article.js";
import type { ArticleKindUpdate, StoredArticleLabel } from "./article-label.js";
import type { TopicQuery } from "./briefs/topic-query.js";
import type { DigestCard } from "./digest-card.js";
import type { ExtractionOutcome, RecordExtractionResult } from "./extraction-outcome.js";
import type { Feed, FeedPatch, NewFeed, Origin, Platform } from "./feed.js";
import type { ParsedFeed } from "./parsed-feed.js";
import type { ChannelRef, NewSchedule, Schedule, SchedulePatch } from "./schedule.js";

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
  /** The feeds of these ids, oldest first (by id); unknown ids are skipped. */
  getFeeds(ids: readonly number[]): Promise<Feed[]>;
  /** Applies the patch and returns the feed as stored; undefined when it does not exist. */
  updateFeed(id: number, patch: FeedPatch): Promise<Feed | undefined>;
  /** Removes the feed and its articles; false when it did not exist. */
  removeFeed(id: number): Promise<boolean>;
  /** Enabled feeds whose next fetch is at or before `now`, soonest first. */
  dueFeeds(now: number, limit: number): Promise<Feed[]>;
  /**
   * Leases due feeds to `holder` until `now + leaseMs`, atomically: enabled feeds whose next fetch
   * is at or before `now` and that no unexpired lease holds, soonest first, at most `limit`; returned
   * as they were before the lease. Until the lease ends, no other caller (another process or
   * instance) gets them. An updateFeed that sets `nextFetchAt` ends the lease; a holder that dies
   * leaves it to expire, and the feed passes to whoever leases next.
   */
  leaseDueFeeds(now: number, limit: number, holder: string, leaseMs: number): Promise<Feed[]>;
  /**
   * Extends to `leaseUntil` every lease `holder` still holds (the feeds it leased and has not yet
   * rescheduled with updateFeed, and no one else took over); returns how many. A holder renews
   * while it fetches, so a slow fetch keeps its feed and only a dead holder's leases expire.
   */
  renewFeedLeases(holder: string, leaseUntil: number): Promise<number>;
  /**
   * Records `channel` as a subscriber of the feed (issue 17: per-channel feeds); false when it
   * already was. The feed must exist. A feed with no subscribers belongs to the whole install.
   */
  subscribeChannel(feedId: number, channel: ChannelRef, addedBy: string | null, at: number): Promise<boolean>;
  /**
   * Ends `channel`'s subscription and, in the same transaction, removes the feed (and its articles)
   * when no channel subscribes any more: so a feed with no subscribers at all (added before
   * subscriptions existed, or from the CLI) is removed too. Nothing happens to a feed that other
   * channels still follow. An unknown feed gives all false and 0.
   */
  unsubscribeChannel(feedId: number, channel: ChannelRef): Promise<ChannelUnsubscribe>;
  /** The feeds `channel` subscribes to, by id ascending (what a watch without a topic follows). */
  channelFeedIds(channel: ChannelRef): Promise<number[]>;
  /** The channels subscribed to a feed, oldest subscription first. */
  feedSubscribers(feedId: number): Promise<FeedSubscriber[]>;
  /**
   * Stores many feeds at once (an OPML import) in one transaction: a URL not stored yet is added
   * (and `subscription`'s channel subscribed to it); for a stored one, the channel is subscribed
   * (`joined`), or nothing happens (`exists`: already subscribed there, or no channel given).
   * Results in input order; the URLs must be distinct.
   */
  importFeeds(feeds: readonly NewFeed[], subscription: NewSubscription | null): Promise<ImportedFeed[]>;
}

/** A channel to subscribe, by whom and when. */
export interface NewSubscription {
  channel: ChannelRef;
  addedBy: string | null;
  at: number;
}

export interface ImportedFeed {
  feed: Feed;
  status: "added" | "joined" | "exists";
}

/** One channel following one feed: who added it there, and when. */
export interface FeedSubscriber {
  feedId: number;
  channel: ChannelRef;
  /** The user who ran `/feed add` (null from the command line). */
  addedBy: string | null;
  addedAt: number;
}

export interface ChannelUnsubscribe {
  /** This channel had been subscribed (and is no longer). */
  unsubscribed: boolean;
  /** Channels still subscribed afterwards. */
  remaining: number;
  /** The feed and its articles were removed (no subscriber was left). */
  feedRemoved: boolean;
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
  /**
   * Articles whose page is due for a fetch: `pending`, `extractionNextAt` at or before `now`, not
   * a duplicate, and of a feed not set to `fulltext never`; soonest due first (then by id).
   */
  articlesNeedingText(now: number, limit: number): Promise<Article[]>;
  /**
   * Takes the articles articlesNeedingText would list and, in the same step, moves their
   * `extractionNextAt` to `leaseUntil`: instances sharing a store never fetch one page at once,
   * and the articles of an instance that dies mid-pass are due again at `leaseUntil`.
   */
  claimArticlesNeedingText(now: number, limit: number, leaseUntil: number): Promise<Article[]>;
  /**
   * Records one try at an article's page (attempts + 1) in one transaction; undefined when the
   * article is gone. `extracted` replaces the text and sets byline, image, canonical URL and
   * (when the page names one) language. When the canonical URL is another stored article's URL or
   * canonical URL, the two merge: this one keeps its own fields and gets `duplicateOf` = that one,
   * which keeps its id and feed and gains what it lacked (the page text when longer than its own
   * and not itself extracted, byline, image, canonical URL, language). Nothing is deleted.
   */
  recordExtraction(id: number, outcome: ExtractionOutcome): Promise<RecordExtractionResult | undefined>;
  /**
   * Keeps clustering features a story pass computed (decision 014), all in one transaction. Each is
   * written only while the row's title and text are still the ones it was computed from, so a
   * page's text stored meanwhile (which clears the features) is never paired with stale ones.
   */
  saveArticleFeatures(items: ArticleFeaturesUpdate[]): Promise<void>;
  /**
   * One page of a feed's own articles (the rows it stored: `feedId` is theirs) with ids above
   * `afterId`, by id, at most `limit`, each `text` cut to its first `textChars` characters. Read in
   * pages so that relabelling a feed of 10,000 articles never holds them all, nor the store, at once.
   */
  feedArticleLabels(feedId: number, afterId: number, limit: number, textChars: number): Promise<StoredArticleLabel[]>;
  /**
   * Writes new labels in one transaction, each only to a row of `feedId` that still has the label
   * `from` (see ArticleKindUpdate); returns the ids written. Features are left alone: they are
   * computed from the title and text only, never from the label.
   */
  writeArticleKinds(feedId: number, updates: ArticleKindUpdate[]): Promise<number[]>;
}

/** Features computed for a stored article, with the title and text they were computed from. */
export interface ArticleFeaturesUpdate {
  id: number;
  features: string;
  title: string;
  text: string;
}

/**
 * feed_disabled: a feed stopped after failures; schedule_paused: a digest stopped after failed slots;
 * watch_paused: story alerts stopped because their channel refused a post.
 */
export const EVENT_KINDS = ["feed_disabled", "schedule_paused", "watch_paused"] as const;
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

/** A workspace as schedules are grouped: a Slack team or a Discord guild. */
export interface WorkspaceRef {
  platform: Platform;
  workspaceId: string;
}

export interface ScheduleStore {
  addSchedule(schedule: NewSchedule): Promise<Schedule>;
  getSchedule(id: number): Promise<Schedule | undefined>;
  /** Oldest first (by id); only this workspace's when given. */
  listSchedules(workspace?: WorkspaceRef): Promise<Schedule[]>;
  /** Schedules that are not paused, oldest first: what the timer considers. */
  activeSchedules(): Promise<Schedule[]>;
  /** Applies the patch; undefined when the schedule does not exist. */
  updateSchedule(id: number, patch: SchedulePatch): Promise<Schedule | undefined>;
  /** Adds one failed slot in a row, atomically; returns the new count (0 when the schedule is gone). */
  recordScheduleFailure(id: number): Promise<number>;
  /** Removes the schedule and its delivery history; false when it did not exist. */
  removeSchedule(id: number): Promise<boolean>;
  /** The zone new schedules of a workspace use when they name none; null when never set. */
  getWorkspaceTimeZone(workspace: WorkspaceRef): Promise<string | null>;
  setWorkspaceTimeZone(workspace: WorkspaceRef, timeZone: string, at: number): Promise<void>;
}

/**
 * A slot's state in the delivery ledger. `claimed`: a process is posting it until `leaseUntil`
 * (after that, it crashed or asked for a retry, and the slot may be claimed again); the others are
 * final: `posted` (message id recorded), `quiet` (nothing new), `failed`, `skipped` (with a reason).
 */
export const SLOT_STATUSES = ["claimed", "posted", "quiet", "failed", "skipped"] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];

export interface SlotRecord {
  scheduleId: number;
  slotAt: number;
  status: SlotStatus;
  /** Claims made (1 for a slot posted at the first try). */
  attempts: number;
  leaseUntil: number | null;
  messageId: string | null;
  /** Why it failed, was skipped, or is waiting for a retry. */
  reason: string | null;
  updatedAt: number;
}

export interface SlotHistory {
  scheduleId: number;
  /** The newest slot in the ledger, whatever its status; null when none. */
  latestSlotAt: number | null;
  /** The newest slot that was posted or found quiet: where "new since the previous digest" starts. */
  latestDeliveredAt: number | null;
}

export interface SlotClaim {
  scheduleId: number;
  slotAt: number;
  /** Unique per attempt: only the holder can settle the claim. */
  token: string;
  now: number;
  leaseUntil: number;
}

export type SlotSettlement =
  | {
      status: "posted";
      messageId: string;
      /** The channel's record of what it has seen: articles of every story in the card. */
      channel: ChannelRef;
      articleIds: readonly number[];
    }
  | { status: "quiet" }
  | { status: "failed"; reason: string };

export interface DeliveryLedger {
  /** The newest slots of these schedules (one lookup each; ids without history get nulls). */
  slotHistory(scheduleIds: number[]): Promise<SlotHistory[]>;
  /**
   * Claims a slot atomically: inserts it as claimed, or takes over a claim whose lease has ended.
   * False when another process holds it or it is settled: the caller must not post.
   */
  claimSlot(claim: SlotClaim): Promise<boolean>;
  /** Records the final outcome; false (and nothing written) when `token` no longer holds the claim. */
  settleSlot(
    key: { scheduleId: number; slotAt: number; token: string; at: number },
    settlement: SlotSettlement,
  ): Promise<boolean>;
  /** Gives a claim back for a later attempt at `retryAt` (a transient failure); false when not held. */
  releaseSlot(
    key: { scheduleId: number; slotAt: number; token: string },
    retryAt: number,
    reason: string,
  ): Promise<boolean>;
  /** Records a slot as skipped unless it is already settled or claimed under a live lease; false then. */
  skipSlot(key: { scheduleId: number; slotAt: number }, reason: string, at: number): Promise<boolean>;
  /** Claimed slots whose lease ended at or before `now` (crashed, or waiting for a retry). */
  expiredClaims(now: number): Promise<SlotRecord[]>;
  /** A schedule's ledger, newest slot first. */
  listSlots(scheduleId: number, limit: number): Promise<SlotRecord[]>;
  /** Articles posted in a channel's digests since `since` (epoch ms of the post). */
  postedArticleIds(channel: ChannelRef, since: number): Promise<number[]>;
}

/**
 * `unconfirmed`: the request may have reached the platform (a timeout, a 5xx, a connection cut
 * after sending), so the message may be in the channel; a post is never sent again after one.
 * `message_gone` and `thread_closed` answer story-alert replies and edits (see alerts/alert-publisher.ts).
 */
export const PUBLISH_FAILURES = [
  "channel_not_found",
  "not_in_channel",
  "forbidden",
  "rate_limited",
  "error",
  "unconfirmed",
  "message_gone",
  "thread_closed",
] as const;
export type PublishFailure = (typeof PUBLISH_FAILURES)[number];

export type PublishResult = { ok: true; messageId: string } | { ok: false; reason: PublishFailure; detail: string };

/** A short message for a channel: schedule and feed announcements. */
export interface Announcement {
  title: string;
  lines: string[];
  tone: "info" | "error";
}

/** Which slot a digest post is for: a log context, and an idempotency key where a platform has one. */
export interface DigestDelivery {
  scheduleId: number;
  slotAt: number;
}

/**
 * Posts into chat channels outside a command's reply: scheduled digests, and announcements
 * (outbox events). Never throws for the platform's answers: a failure is a result with a reason.
 * `rate_limited` and `error` (the platform surely did not take the message) are worth another try;
 * `unconfirmed` must not be tried again (it may have been posted); the others need a person to act.
 * A post the platform may have accepted is never repeated by the publisher itself either.
 */
export interface Publisher {
  publish(target: ChannelRef, card: DigestCard, delivery: DigestDelivery): Promise<PublishResult>;
  announce(target: ChannelRef, announcement: Announcement): Promise<PublishResult>;
}
