// The store contract: what every FeedStore, ArticleStore, EventStore, ScheduleStore and
// DeliveryLedger must do, written against
// the ports only so the SQLite store runs it now and a PostgreSQL store can run it later.
// Each test opens a fresh, empty store from the factory and closes it afterwards.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Article, NewArticle } from "../../src/briefing/article.js";
import { parseTopicQuery, withCountryNames } from "../../src/briefing/briefs/topic-query.js";
import { isUserError } from "../../src/briefing/errors.js";
import type { NewFeed, Origin } from "../../src/briefing/feed.js";
import { relabelFeedArticles } from "../../src/briefing/feeds/relabel-feed-articles.js";
import type { ArticleStore, DeliveryLedger, EventStore, FeedStore, ScheduleStore } from "../../src/briefing/ports.js";
import type { NewSchedule } from "../../src/briefing/schedule.js";
import {
  articleFeatures,
  decodeArticleFeatures,
  encodedArticleFeatures,
} from "../../src/briefing/stories/article-features.js";
import { plainSchedule, TEST_CHANNEL } from "../support/test-records.js";

/** A column's text: first person, questions and verdicts, which the kind classifier reads as opinion. */
const COLUMN_TEXT = [
  "I have spent twenty years writing about ports, and I have never seen workers treated with such contempt.",
  "You would think the owners had learned something by now. Why do we keep pretending otherwise?",
  "We should stop accepting excuses, and I think the minister must answer for this absurd deal.",
  "I believe the workers deserve better; surely nobody thinks this is fair to them or to you.",
].join("\n\n");

export interface ContractStore {
  feeds: FeedStore;
  articles: ArticleStore;
  events: EventStore;
  schedules: ScheduleStore;
  deliveries: DeliveryLedger;
  close(): Promise<void> | void;
}

const CHANNEL = TEST_CHANNEL;

function newSchedule(overrides: Partial<NewSchedule> = {}): NewSchedule {
  return plainSchedule(T0, overrides);
}

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const SLACK_ORIGIN: Origin = { platform: "slack", workspaceId: "T1", channelId: "C1", userId: "U1" };

function newFeed(url: string, overrides: Partial<NewFeed> = {}): NewFeed {
  return {
    url,
    title: `Feed at ${url}`,
    siteLink: "https://example.com/",
    origin: SLACK_ORIGIN,
    refreshMinutes: 30,
    nextFetchAt: T0,
    createdAt: T0,
    ...overrides,
  };
}

/** What a stored article carries before any page was fetched for it. */
const NO_PAGE = {
  byline: null,
  imageUrl: null,
  canonicalUrl: null,
  extractionStatus: "none",
  extractionAttempts: 0,
  extractionNextAt: null,
  extractionError: null,
  duplicateOf: null,
  // An article handed over without a label is stored as unlabelled news (no reason).
  kind: "news",
  kindReason: null,
} as const satisfies Partial<Article>;

let serial = 0;
/** A distinct article by default: its own URL, guid and content hash. */
function newArticle(overrides: Partial<NewArticle> = {}): NewArticle {
  serial += 1;
  return {
    url: `https://example.com/story/${serial}`,
    guid: `guid-${serial}`,
    title: `Story number ${serial}`,
    author: null,
    publishedAt: T0,
    publishedAtEstimated: false,
    fetchedAt: T0 + MINUTE,
    summary: null,
    text: `Body of story ${serial}.`,
    contentHash: `hash-${serial}`,
    language: "en",
    ...overrides,
  };
}

/** Inputs a person might type, on purpose or not, that are FTS/tsquery syntax elsewhere. */
export const HOSTILE_TOPICS = [
  `" OR * NEAR( :- ^ col:x`,
  `"unterminated`,
  "AND",
  "NOT",
  "OR",
  "NEAR",
  "'apostrophe's",
  "title:secret",
  "a* OR b*",
  "(((",
  ")) OR ((",
  '""""',
  "- + ^ * :",
  "\u0000\u0001 control",
  "&|!<->:*",
  "\\'; DROP TABLE articles; --",
  "x".repeat(5000),
  "e\u0301e\u0301 combining",
  "日本語 中文 한국어",
  "🙂 emoji 🚀",
  "",
  "   ",
];

export function describeStoreContract(name: string, open: () => Promise<ContractStore>): void {
  describe(`store contract: ${name}`, () => {
    let store: ContractStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    async function feedId(url = "https://example.com/feed.xml"): Promise<number> {
      return (await store.feeds.addFeed(newFeed(url))).id;
    }

    async function searchIds(topic: string, options: { since?: number; until?: number } = {}): Promise<number[]> {
      const found = await store.articles.searchArticles(parseTopicQuery(topic), { limit: 50, ...options });
      return found.map((s) => s.article.id);
    }

    async function onlyArticle(): Promise<number> {
      const [article, ...rest] = await store.articles.recentArticles({ limit: 10 });
      expect(rest).toHaveLength(0);
      if (article === undefined) throw new Error("expected one stored article");
      return article.id;
    }

    describe("feeds", () => {
      it("adds a feed and reads it back by id, by URL and in the list", async () => {
        const added = await store.feeds.addFeed(newFeed("https://a.example/rss", { etag: '"v1"' }));
        expect(added).toEqual({
          id: added.id,
          url: "https://a.example/rss",
          title: "Feed at https://a.example/rss",
          siteLink: "https://example.com/",
          origin: SLACK_ORIGIN,
          etag: '"v1"',
          lastModified: null,
          createdAt: T0,
          lastAttemptAt: null,
          lastSuccessAt: null,
          lastError: null,
          consecutiveFailures: 0,
          nextFetchAt: T0,
          refreshMinutes: 30,
          disabledReason: null,
          fulltext: "auto",
          lastParseLenient: false,
          kind: "auto",
        });
        expect(await store.feeds.getFeed(added.id)).toEqual(added);
        expect(await store.feeds.findFeedByUrl("https://a.example/rss")).toEqual(added);
        expect(await store.feeds.findFeedByUrl("https://b.example/rss")).toBeUndefined();
        expect(await store.feeds.getFeed(added.id + 1000)).toBeUndefined();
      });

      it("lists feeds oldest first and keeps a null origin and partly null origins", async () => {
        const cli = await store.feeds.addFeed(newFeed("https://1.example/", { origin: null, title: null }));
        const discord = await store.feeds.addFeed(
          newFeed("https://2.example/", {
            origin: { platform: "discord", workspaceId: "G1", channelId: null, userId: null },
          }),
        );
        const list = await store.feeds.listFeeds();
        expect(list.map((f) => f.id)).toEqual([cli.id, discord.id]);
        expect(list[0]?.origin).toBeNull();
        expect(list[0]?.title).toBeNull();
        expect(list[1]?.origin).toEqual({ platform: "discord", workspaceId: "G1", channelId: null, userId: null });
      });

      it("gets the feeds of some ids, oldest first, skipping unknown ids", async () => {
        const a = await store.feeds.addFeed(newFeed("https://a.example/"));
        const b = await store.feeds.addFeed(newFeed("https://b.example/", { title: "B" }));
        await store.feeds.addFeed(newFeed("https://c.example/"));
        const got = await store.feeds.getFeeds([b.id, a.id + 1000, a.id, b.id]);
        expect(got).toEqual([await store.feeds.getFeed(a.id), await store.feeds.getFeed(b.id)]);
        expect(await store.feeds.getFeeds([])).toEqual([]);
      });

      it("refuses a URL that is already subscribed with UserError feed_exists naming the feed", async () => {
        const first = await store.feeds.addFeed(newFeed("https://dup.example/rss"));
        const error = await store.feeds.addFeed(newFeed("https://dup.example/rss")).catch((e: unknown) => e);
        expect(isUserError(error)).toBe(true);
        expect(error).toMatchObject({ code: "feed_exists" });
        expect(String((error as Error).message)).toContain(`#${first.id}`);
        expect(String((error as Error).message)).toContain(`/feed status ${first.id}`);
        expect(await store.feeds.listFeeds()).toHaveLength(1);
      });

      it("updates only the patched fields, clears with null and returns the stored feed", async () => {
        const feed = await store.feeds.addFeed(newFeed("https://u.example/", { etag: '"e1"' }));
        const failed = await store.feeds.updateFeed(feed.id, {
          lastAttemptAt: T0 + HOUR,
          lastError: "HTTP 503",
          consecutiveFailures: 2,
          nextFetchAt: T0 + 2 * HOUR,
          etag: undefined,
        });
        expect(failed).toEqual({
          ...feed,
          lastAttemptAt: T0 + HOUR,
          lastError: "HTTP 503",
          consecutiveFailures: 2,
          nextFetchAt: T0 + 2 * HOUR,
        });
        const recovered = await store.feeds.updateFeed(feed.id, {
          lastError: null,
          consecutiveFailures: 0,
          etag: null,
          lastModified: "Wed, 15 Jan 2025 12:00:00 GMT",
          lastSuccessAt: T0 + 3 * HOUR,
          title: "Renamed",
          siteLink: null,
          refreshMinutes: 60,
          origin: null,
          disabledReason: null,
        });
        expect(recovered).toEqual({
          ...failed,
          lastError: null,
          consecutiveFailures: 0,
          etag: null,
          lastModified: "Wed, 15 Jan 2025 12:00:00 GMT",
          lastSuccessAt: T0 + 3 * HOUR,
          title: "Renamed",
          siteLink: null,
          refreshMinutes: 60,
          origin: null,
        });
        expect(await store.feeds.getFeed(feed.id)).toEqual(recovered);
        expect(await store.feeds.updateFeed(feed.id, {})).toEqual(recovered);
        expect(await store.feeds.updateFeed(feed.id + 1000, { title: "x" })).toBeUndefined();
      });

      it("records whether the last document needed the lenient parser (strict until told)", async () => {
        const feed = await store.feeds.addFeed(newFeed("https://lenient.example/"));
        expect(feed.lastParseLenient).toBe(false);
        expect(await store.feeds.updateFeed(feed.id, { lastParseLenient: true })).toEqual({
          ...feed,
          lastParseLenient: true,
        });
        expect((await store.feeds.getFeed(feed.id))?.lastParseLenient).toBe(true);
        await store.feeds.updateFeed(feed.id, { lastParseLenient: false });
        expect((await store.feeds.getFeed(feed.id))?.lastParseLenient).toBe(false);
      });

      it("stores the fulltext mode (auto unless given) and patches it", async () => {
        const auto = await store.feeds.addFeed(newFeed("https://ft1.example/"));
        const never = await store.feeds.addFeed(newFeed("https://ft2.example/", { fulltext: "never" }));
        expect(auto.fulltext).toBe("auto");
        expect(never.fulltext).toBe("never");
        expect(await store.feeds.updateFeed(auto.id, { fulltext: "always" })).toEqual({ ...auto, fulltext: "always" });
        expect((await store.feeds.getFeed(auto.id))?.fulltext).toBe("always");
      });

      it("stores the feed kind (auto unless given) and patches it", async () => {
        const auto = await store.feeds.addFeed(newFeed("https://kind1.example/"));
        const opinion = await store.feeds.addFeed(newFeed("https://kind2.example/", { kind: "opinion" }));
        expect(auto.kind).toBe("auto");
        expect(opinion.kind).toBe("opinion");
        expect(await store.feeds.updateFeed(auto.id, { kind: "news" })).toEqual({ ...auto, kind: "news" });
        expect((await store.feeds.getFeed(auto.id))?.kind).toBe("news");
      });

      it("removes a feed, and says false when there was none", async () => {
        const feed = await store.feeds.addFeed(newFeed("https://r.example/"));
        expect(await store.feeds.removeFeed(feed.id)).toBe(true);
        expect(await store.feeds.getFeed(feed.id)).toBeUndefined();
        expect(await store.feeds.removeFeed(feed.id)).toBe(false);
        // The URL is free again.
        await expect(store.feeds.addFeed(newFeed("https://r.example/"))).resolves.toMatchObject({
          url: "https://r.example/",
        });
      });

      it("lists due feeds soonest first, at or before now, without disabled ones, up to the limit", async () => {
        const later = await store.feeds.addFeed(newFeed("https://later.example/", { nextFetchAt: T0 - MINUTE }));
        const soonest = await store.feeds.addFeed(newFeed("https://soonest.example/", { nextFetchAt: T0 - HOUR }));
        const exactlyNow = await store.feeds.addFeed(newFeed("https://now.example/", { nextFetchAt: T0 }));
        await store.feeds.addFeed(newFeed("https://future.example/", { nextFetchAt: T0 + 1 }));
        const disabled = await store.feeds.addFeed(
          newFeed("https://disabled.example/", { nextFetchAt: T0 - 2 * HOUR }),
        );
        await store.feeds.updateFeed(disabled.id, { disabledReason: "HTTP 404 ten times in a row" });

        const due = await store.feeds.dueFeeds(T0, 10);
        expect(due.map((f) => f.id)).toEqual([soonest.id, later.id, exactlyNow.id]);
        expect((await store.feeds.dueFeeds(T0, 2)).map((f) => f.id)).toEqual([soonest.id, later.id]);

        await store.feeds.updateFeed(disabled.id, { disabledReason: null });
        expect((await store.feeds.dueFeeds(T0, 1)).map((f) => f.id)).toEqual([disabled.id]);
      });

      it("leases due feeds to one holder until the lease ends or the feed is rescheduled", async () => {
        const soonest = await store.feeds.addFeed(newFeed("https://l1.example/", { nextFetchAt: T0 - HOUR }));
        const later = await store.feeds.addFeed(newFeed("https://l2.example/", { nextFetchAt: T0 - MINUTE }));
        const third = await store.feeds.addFeed(newFeed("https://l3.example/", { nextFetchAt: T0 }));
        await store.feeds.addFeed(newFeed("https://l4.example/", { nextFetchAt: T0 + 3 * HOUR }));
        const disabled = await store.feeds.addFeed(newFeed("https://l5.example/", { nextFetchAt: T0 - HOUR }));
        await store.feeds.updateFeed(disabled.id, { disabledReason: "gone" });
        const LEASE = 5 * MINUTE;

        const first = await store.feeds.leaseDueFeeds(T0, 2, "a", LEASE);
        // As they were before the lease, soonest first.
        expect(first).toEqual([soonest, later]);
        expect((await store.feeds.leaseDueFeeds(T0, 10, "b", LEASE)).map((f) => f.id)).toEqual([third.id]);
        expect(await store.feeds.leaseDueFeeds(T0 + MINUTE, 10, "c", LEASE)).toEqual([]);

        // The holder reports a fetch: the lease is over and the feed is due again only at its new time.
        await store.feeds.updateFeed(soonest.id, { nextFetchAt: T0 + HOUR, lastSuccessAt: T0 });
        // `later`'s holder died: its lease expires and the feed passes to whoever leases next.
        expect((await store.feeds.leaseDueFeeds(T0 + LEASE, 10, "c", LEASE)).map((f) => f.id)).toEqual([
          later.id,
          third.id,
        ]);
        await store.feeds.updateFeed(later.id, { nextFetchAt: T0 + 2 * HOUR });
        await store.feeds.updateFeed(third.id, { nextFetchAt: T0 + 2 * HOUR });
        expect((await store.feeds.leaseDueFeeds(T0 + HOUR, 10, "d", LEASE)).map((f) => f.id)).toEqual([soonest.id]);
        expect(await store.feeds.leaseDueFeeds(T0, 0, "e", LEASE)).toEqual([]);
      });

      it("renews only the leases a holder still holds, never a fetched feed's next time nor a takeover", async () => {
        const done = await store.feeds.addFeed(newFeed("https://r1.example/", { nextFetchAt: T0 - HOUR }));
        const slow = await store.feeds.addFeed(newFeed("https://r2.example/", { nextFetchAt: T0 - MINUTE }));
        const LEASE = 5 * MINUTE;
        expect(await store.feeds.leaseDueFeeds(T0, 10, "a", LEASE)).toHaveLength(2);

        // Renewed past the first lease's end: still a's while it fetches.
        expect(await store.feeds.renewFeedLeases("a", T0 + 2 * LEASE)).toBe(2);
        expect(await store.feeds.leaseDueFeeds(T0 + LEASE, 10, "b", LEASE)).toEqual([]);
        expect(await store.feeds.renewFeedLeases("b", T0 + 9 * LEASE)).toBe(0);

        // A fetch that ends is no longer a's to renew: its next fetch time stays.
        await store.feeds.updateFeed(done.id, { nextFetchAt: T0 + HOUR, lastSuccessAt: T0 });
        expect(await store.feeds.renewFeedLeases("a", T0 + 3 * LEASE)).toBe(1);
        expect((await store.feeds.getFeed(done.id))?.nextFetchAt).toBe(T0 + HOUR);

        // a stopped renewing (died): c takes the feed over, and a late renewal by a leaves c's lease.
        expect((await store.feeds.leaseDueFeeds(T0 + 3 * LEASE, 10, "c", LEASE)).map((f) => f.id)).toEqual([slow.id]);
        expect(await store.feeds.renewFeedLeases("a", T0 + 9 * LEASE)).toBe(0);
        expect((await store.feeds.leaseDueFeeds(T0 + 4 * LEASE, 10, "d", LEASE)).map((f) => f.id)).toEqual([slow.id]);
      });

      it("removing a feed removes its articles, from search too, and leaves other feeds' articles", async () => {
        const gone = await feedId("https://gone.example/");
        const kept = await feedId("https://kept.example/");
        await store.articles.upsertArticles(gone, [newArticle({ title: "Volcano erupts" })], { backlog: false });
        await store.articles.upsertArticles(kept, [newArticle({ title: "Volcano calms" })], { backlog: false });
        expect(await searchIds("volcano")).toHaveLength(2);

        expect(await store.feeds.removeFeed(gone)).toBe(true);
        expect(await store.articles.countArticles(gone)).toBe(0);
        expect(await store.articles.countArticles()).toBe(1);
        const found = await store.articles.searchArticles(parseTopicQuery("volcano"), { limit: 10 });
        expect(found.map((s) => s.article.title)).toEqual(["Volcano calms"]);
      });
    });

    describe("feed subscribers (channels that added a feed)", () => {
      const C1 = { platform: "slack", workspaceId: "T1", channelId: "C1" } as const;
      const C2 = { platform: "slack", workspaceId: "T1", channelId: "C2" } as const;
      const D1 = { platform: "discord", workspaceId: "G1", channelId: "C1" } as const;

      it("records each channel once, with who and when, and lists a channel's feeds by id", async () => {
        const a = await feedId("https://a.example/");
        const b = await feedId("https://b.example/");
        expect(await store.feeds.subscribeChannel(b, C1, "U1", T0)).toBe(true);
        expect(await store.feeds.subscribeChannel(a, C1, "U1", T0 + 1)).toBe(true);
        expect(await store.feeds.subscribeChannel(a, C1, "U9", T0 + 2)).toBe(false);
        expect(await store.feeds.subscribeChannel(a, C2, null, T0 + 3)).toBe(true);
        expect(await store.feeds.subscribeChannel(a, D1, "U2", T0 + 4)).toBe(true);
        expect(await store.feeds.channelFeedIds(C1)).toEqual([a, b]);
        expect(await store.feeds.channelFeedIds(C2)).toEqual([a]);
        // Same channel id in another platform or workspace is another channel.
        expect(await store.feeds.channelFeedIds({ ...C1, workspaceId: "T2" })).toEqual([]);
        expect(await store.feeds.feedSubscribers(a)).toEqual([
          { feedId: a, channel: C1, addedBy: "U1", addedAt: T0 + 1 },
          { feedId: a, channel: C2, addedBy: null, addedAt: T0 + 3 },
          { feedId: a, channel: D1, addedBy: "U2", addedAt: T0 + 4 },
        ]);
        expect(await store.feeds.feedSubscribers(a + b + 1000)).toEqual([]);
      });

      it("unsubscribing keeps a feed others follow, and removes it with its articles after the last", async () => {
        const a = await feedId("https://a.example/");
        await store.articles.upsertArticles(a, [newArticle()], { backlog: false });
        await store.feeds.subscribeChannel(a, C1, "U1", T0);
        await store.feeds.subscribeChannel(a, C2, "U1", T0);
        expect(await store.feeds.unsubscribeChannel(a, C1)).toEqual({
          unsubscribed: true,
          remaining: 1,
          feedRemoved: false,
        });
        // A channel that never subscribed changes nothing while another still does.
        expect(await store.feeds.unsubscribeChannel(a, D1)).toEqual({
          unsubscribed: false,
          remaining: 1,
          feedRemoved: false,
        });
        expect(await store.feeds.getFeed(a)).toBeDefined();
        expect(await store.feeds.channelFeedIds(C1)).toEqual([]);
        expect(await store.feeds.unsubscribeChannel(a, C2)).toEqual({
          unsubscribed: true,
          remaining: 0,
          feedRemoved: true,
        });
        expect(await store.feeds.getFeed(a)).toBeUndefined();
        expect(await store.articles.countArticles()).toBe(0);
        expect(await store.feeds.unsubscribeChannel(a, C2)).toEqual({
          unsubscribed: false,
          remaining: 0,
          feedRemoved: false,
        });
      });

      it("a feed no channel subscribes (from before subscriptions, or the CLI) is removed by any channel", async () => {
        const legacy = await feedId("https://legacy.example/");
        expect(await store.feeds.unsubscribeChannel(legacy, C1)).toEqual({
          unsubscribed: false,
          remaining: 0,
          feedRemoved: true,
        });
        expect(await store.feeds.getFeed(legacy)).toBeUndefined();
      });

      it("imports many feeds in one call: new ones added, stored ones joined or left alone, in order", async () => {
        const stored = await feedId("https://stored.example/");
        await store.feeds.subscribeChannel(stored, C2, "U1", T0);
        const first = await store.feeds.importFeeds(
          [newFeed("https://new-1.example/"), newFeed("https://stored.example/"), newFeed("https://new-2.example/")],
          { channel: C1, addedBy: "U7", at: T0 + 5 },
        );
        expect(first.map((r) => [r.feed.url, r.status])).toEqual([
          ["https://new-1.example/", "added"],
          ["https://stored.example/", "joined"],
          ["https://new-2.example/", "added"],
        ]);
        expect(first[1]?.feed.id).toBe(stored);
        expect(first[0]?.feed).toEqual(await store.feeds.getFeed(first[0]?.feed.id ?? 0));
        expect((first[0]?.feed.id ?? 0) < (first[2]?.feed.id ?? 0)).toBe(true);
        expect(await store.feeds.channelFeedIds(C1)).toEqual(
          [stored, first[0]?.feed.id, first[2]?.feed.id].sort((a, b) => (a ?? 0) - (b ?? 0)),
        );
        expect((await store.feeds.feedSubscribers(first[0]?.feed.id ?? 0))[0]).toMatchObject({
          addedBy: "U7",
          addedAt: T0 + 5,
        });
        // Again for the same channel, or with no channel: nothing changes.
        const again = await store.feeds.importFeeds([newFeed("https://new-1.example/")], {
          channel: C1,
          addedBy: null,
          at: T0,
        });
        expect(again.map((r) => r.status)).toEqual(["exists"]);
        const bare = await store.feeds.importFeeds(
          [newFeed("https://new-1.example/"), newFeed("https://new-3.example/")],
          null,
        );
        expect(bare.map((r) => r.status)).toEqual(["exists", "added"]);
        expect(await store.feeds.feedSubscribers(bare[1]?.feed.id ?? 0)).toEqual([]);
        expect(await store.feeds.importFeeds([], null)).toEqual([]);
        expect(await store.feeds.listFeeds()).toHaveLength(4);
      });

      it("removing a feed removes its subscriptions", async () => {
        const a = await feedId("https://a.example/");
        const b = await feedId("https://b.example/");
        await store.feeds.subscribeChannel(a, C1, "U1", T0);
        await store.feeds.subscribeChannel(b, C1, "U1", T0);
        expect(await store.feeds.removeFeed(a)).toBe(true);
        expect(await store.feeds.channelFeedIds(C1)).toEqual([b]);
        expect(await store.feeds.feedSubscribers(a)).toEqual([]);
      });
    });

    describe("upsertArticles", () => {
      it("inserts new articles and reads every field back", async () => {
        const feed = await feedId();
        const article = newArticle({
          author: "Ana Díaz",
          summary: "A short summary.",
          publishedAtEstimated: true,
          language: null,
          guid: null,
        });
        const other = newArticle({ url: null });
        expect(await store.articles.upsertArticles(feed, [article, other], { backlog: true })).toEqual({
          inserted: 2,
          updated: 0,
          unchanged: 0,
        });
        const stored = await store.articles.recentArticles({ limit: 10 });
        expect(stored).toHaveLength(2);
        const byHash = new Map(stored.map((a) => [a.contentHash, a]));
        expect(byHash.get(article.contentHash)).toEqual({
          ...article,
          ...NO_PAGE,
          id: expect.any(Number),
          feedId: feed,
          backlog: true,
        });
        expect(byHash.get(other.contentHash)).toMatchObject({ url: null, backlog: true, publishedAtEstimated: false });
        expect(await store.articles.countArticles()).toBe(2);
        expect(await store.articles.countArticles(feed)).toBe(2);
        expect(await store.articles.countArticles(feed + 1000)).toBe(0);
      });

      it("stores each article's kind and its reason", async () => {
        const feed = await feedId();
        const column = newArticle({ kind: "opinion", kindReason: 'url path "/opinion/"' });
        const release = newArticle({ kind: "other", kindReason: "feed set to other" });
        await store.articles.upsertArticles(feed, [column, release], { backlog: false });
        const stored = new Map((await store.articles.recentArticles({ limit: 10 })).map((a) => [a.contentHash, a]));
        expect(stored.get(column.contentHash)).toMatchObject({ kind: "opinion", kindReason: 'url path "/opinion/"' });
        expect(stored.get(release.contentHash)).toMatchObject({ kind: "other", kindReason: "feed set to other" });
      });

      it("an empty batch is a no-op", async () => {
        const feed = await feedId();
        expect(await store.articles.upsertArticles(feed, [], { backlog: false })).toEqual({
          inserted: 0,
          updated: 0,
          unchanged: 0,
        });
      });

      it("matches by canonical URL alone and updates in place", async () => {
        const feed = await feedId();
        const first = newArticle({ title: "Draft headline" });
        await store.articles.upsertArticles(feed, [first], { backlog: false });
        const id = await onlyArticle();
        const again = newArticle({ url: first.url, title: "Final headline" }); // new guid and hash
        expect(await store.articles.upsertArticles(feed, [again], { backlog: false })).toEqual({
          inserted: 0,
          updated: 1,
          unchanged: 0,
        });
        const [stored] = await store.articles.getArticles([id]);
        expect(stored).toMatchObject({ id, title: "Final headline", guid: again.guid, contentHash: again.contentHash });
        expect(await store.articles.countArticles()).toBe(1);
      });

      it("matches by guid within the same feed; the same guid in another feed is another article", async () => {
        const feed = await feedId("https://one.example/");
        const otherFeed = await feedId("https://two.example/");
        const first = newArticle({ guid: "tag:example.com,2025:1" });
        await store.articles.upsertArticles(feed, [first], { backlog: false });
        const id = await onlyArticle();

        const moved = newArticle({ guid: first.guid, title: "Moved to a new URL" }); // new url and hash
        expect(await store.articles.upsertArticles(feed, [moved], { backlog: false })).toMatchObject({
          inserted: 0,
          updated: 1,
        });
        expect((await store.articles.getArticles([id]))[0]).toMatchObject({ url: moved.url, title: moved.title });

        const elsewhere = newArticle({ guid: first.guid });
        expect(await store.articles.upsertArticles(otherFeed, [elsewhere], { backlog: false })).toMatchObject({
          inserted: 1,
        });
        expect(await store.articles.countArticles(feed)).toBe(1);
        expect(await store.articles.countArticles(otherFeed)).toBe(1);
      });

      it("matches by content hash alone", async () => {
        const feed = await feedId();
        const first = newArticle({ contentHash: "sha256:same" });
        await store.articles.upsertArticles(feed, [first], { backlog: false });
        const id = await onlyArticle();
        const copy = newArticle({ contentHash: "sha256:same", author: "Wire desk" }); // new url and guid
        expect(await store.articles.upsertArticles(feed, [copy], { backlog: false })).toMatchObject({
          inserted: 0,
          updated: 1,
        });
        expect((await store.articles.getArticles([id]))[0]).toMatchObject({ id, author: "Wire desk" });
        expect(await store.articles.countArticles()).toBe(1);
      });

      it("does not match articles that only share a null URL or a null guid", async () => {
        const feed = await feedId();
        const result = await store.articles.upsertArticles(
          feed,
          [newArticle({ url: null, guid: null }), newArticle({ url: null, guid: null })],
          { backlog: false },
        );
        expect(result).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
      });

      it("counts an identical re-fetch as unchanged, even with a later fetch time", async () => {
        const feed = await feedId();
        const batch = [newArticle(), newArticle(), newArticle()];
        await store.articles.upsertArticles(feed, batch, { backlog: false });
        const refetch = batch.map((a) => ({ ...a, fetchedAt: a.fetchedAt + HOUR }));
        expect(await store.articles.upsertArticles(feed, refetch, { backlog: false })).toEqual({
          inserted: 0,
          updated: 0,
          unchanged: 3,
        });
      });

      it("an update in place changes the text and the search index", async () => {
        const feed = await feedId();
        const first = newArticle({ title: "Harbour news", text: "The ferry schedule changed on Monday." });
        await store.articles.upsertArticles(feed, [first], { backlog: false });
        const id = await onlyArticle();
        expect(await searchIds("ferry")).toEqual([id]);

        const edited = { ...first, text: "The lighthouse reopened on Tuesday.", contentHash: "hash-edited" };
        expect(await store.articles.upsertArticles(feed, [edited], { backlog: false })).toMatchObject({ updated: 1 });
        expect((await store.articles.getArticles([id]))[0]?.text).toBe("The lighthouse reopened on Tuesday.");
        expect(await searchIds("ferry")).toEqual([]);
        expect(await searchIds("lighthouse")).toEqual([id]);
        expect(await searchIds("harbour")).toEqual([id]);
      });

      it("collapses duplicates within one batch", async () => {
        const feed = await feedId();
        const a = newArticle({ title: "Early version" });
        const aLater = { ...a, title: "Later version", contentHash: "hash-later" };
        const b = newArticle();
        const bAgain = { ...b };
        const c = newArticle();
        const cByHash = newArticle({ contentHash: c.contentHash });
        expect(
          await store.articles.upsertArticles(feed, [a, b, aLater, bAgain, c, cByHash], { backlog: false }),
        ).toEqual({ inserted: 3, updated: 2, unchanged: 1 });
        expect(await store.articles.countArticles()).toBe(3);
        const titles = (await store.articles.recentArticles({ limit: 10 })).map((x) => x.title);
        expect(titles).toContain("Later version");
        expect(titles).not.toContain("Early version");
      });

      it("stores a batch whose items share keys in every way exactly as it stores them one at a time", async () => {
        const feeds = [await feedId("https://a.example/feed"), await feedId("https://b.example/feed")];
        // Small key pools, so links, guids and hashes repeat within a batch (a batch's own pool, no
        // stored row has them yet) and across batches (a shared pool).
        let seed = 7;
        const next = (n: number) => {
          seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
          return Math.floor((seed / 2_147_483_648) * n);
        };
        const key = (b: number, prefix: string) => {
          const k = next(10);
          if (k === 0) return null;
          return k < 6 ? `${prefix}-${b}-${next(4)}` : `${prefix}-${next(6)}`;
        };
        const batches = Array.from({ length: 40 }, (_, b) => ({
          feed: feeds[b % 2] ?? 0,
          items: Array.from({ length: 1 + next(12) }, () =>
            newArticle({
              url: key(b, "https://example.com/u"),
              guid: key(b, "g"),
              contentHash: key(b, "h") ?? `h-unique-${next(1_000_000)}`,
              title: `Title ${next(3)}`,
              text: `Text ${next(3)}`,
              publishedAtEstimated: next(4) === 0,
              wantsFullText: next(3) === 0,
            }),
          ),
        }));
        const snapshot = async () =>
          (await store.articles.recentArticles({ limit: 1_000 }))
            .map(({ id: _id, ...rest }) => JSON.stringify(rest))
            .sort();
        const totals = (results: { inserted: number; updated: number; unchanged: number }[]) =>
          results.reduce((t, r) => ({
            inserted: t.inserted + r.inserted,
            updated: t.updated + r.updated,
            unchanged: t.unchanged + r.unchanged,
          }));

        const batched = [];
        for (const { feed, items } of batches) {
          batched.push(await store.articles.upsertArticles(feed, items, { backlog: false }));
        }
        const whole = await snapshot();
        expect(await store.articles.pruneArticles(Number.MAX_SAFE_INTEGER)).toBe(whole.length);

        const single = [];
        for (const { feed, items } of batches) {
          for (const item of items) single.push(await store.articles.upsertArticles(feed, [item], { backlog: false }));
        }
        expect(await snapshot()).toEqual(whole);
        expect(totals(batched)).toEqual(totals(single));
        expect(totals(batched).updated).toBeGreaterThan(0);
      });

      it("keeps the stored backlog flag on update and uses the batch flag for new articles", async () => {
        const feed = await feedId();
        const old = newArticle({ title: "From the first fetch" });
        await store.articles.upsertArticles(feed, [old], { backlog: true });
        const id = await onlyArticle();
        const fresh = newArticle({ title: "Really new" });
        const result = await store.articles.upsertArticles(
          feed,
          [{ ...old, title: "From the first fetch, edited", contentHash: "hash-x" }, fresh],
          { backlog: false },
        );
        expect(result).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
        const stored = await store.articles.recentArticles({ limit: 10 });
        expect(stored.find((a) => a.id === id)).toMatchObject({ backlog: true, title: "From the first fetch, edited" });
        expect(stored.find((a) => a.id !== id)).toMatchObject({ backlog: false, title: "Really new" });
      });

      it("an estimated date never replaces a stored date, so undated items do not creep forward", async () => {
        const feed = await feedId();
        const undated = newArticle({ publishedAt: T0, publishedAtEstimated: true });
        await store.articles.upsertArticles(feed, [undated], { backlog: false });
        const id = await onlyArticle();
        const refetch = { ...undated, publishedAt: T0 + HOUR, fetchedAt: T0 + HOUR };
        expect(await store.articles.upsertArticles(feed, [refetch], { backlog: false })).toMatchObject({
          unchanged: 1,
        });
        expect((await store.articles.getArticles([id]))[0]).toMatchObject({
          publishedAt: T0,
          publishedAtEstimated: true,
        });
        // A real date from the feed does replace an estimate.
        const dated = { ...undated, publishedAt: T0 - HOUR, publishedAtEstimated: false };
        expect(await store.articles.upsertArticles(feed, [dated], { backlog: false })).toMatchObject({ updated: 1 });
        expect((await store.articles.getArticles([id]))[0]).toMatchObject({
          publishedAt: T0 - HOUR,
          publishedAtEstimated: false,
        });
      });

      it("an article first stored by another feed stays that feed's and is not duplicated", async () => {
        const wire = await feedId("https://wire.example/");
        const paper = await feedId("https://paper.example/");
        const story = newArticle({ title: "Wire story" });
        await store.articles.upsertArticles(wire, [story], { backlog: false });
        const id = await onlyArticle();
        const syndicated = newArticle({ contentHash: story.contentHash, title: "Wire story", author: "Paper staff" });
        expect(await store.articles.upsertArticles(paper, [syndicated], { backlog: false })).toEqual({
          inserted: 0,
          updated: 0,
          unchanged: 1,
        });
        expect((await store.articles.getArticles([id]))[0]).toMatchObject({ feedId: wire, author: null });
        expect(await store.articles.countArticles(paper)).toBe(0);
      });
    });

    describe("full text (articlesNeedingText, recordExtraction, canonical URLs)", () => {
      const PAGE = {
        text: "The whole story from the page.\n\nIt has two paragraphs about a volcano.",
        byline: "By Ana Díaz",
        imageUrl: "https://example.com/lead.jpg",
        language: "es",
        canonicalUrl: null,
      };

      async function get(id: number): Promise<Article> {
        const [article] = await store.articles.getArticles([id]);
        if (article === undefined) throw new Error(`article ${id} is gone`);
        return article;
      }

      async function storeOne(feed: number, overrides: Partial<NewArticle> = {}): Promise<number> {
        const article = newArticle(overrides);
        await store.articles.upsertArticles(feed, [article], { backlog: false });
        const [found] = (await store.articles.recentArticles({ limit: 500 })).filter(
          (a) => a.contentHash === article.contentHash,
        );
        if (found === undefined) throw new Error("not stored");
        return found.id;
      }

      it("stores a teaser as pending, due at its fetch time, and lists due ones soonest first", async () => {
        const feed = await feedId();
        const later = await storeOne(feed, { wantsFullText: true, fetchedAt: T0 + 2 * MINUTE });
        const sooner = await storeOne(feed, { wantsFullText: true, fetchedAt: T0 + MINUTE });
        const full = await storeOne(feed, { wantsFullText: false });
        expect(await get(sooner)).toMatchObject({ extractionStatus: "pending", extractionNextAt: T0 + MINUTE });
        expect((await get(full)).extractionStatus).toBe("none");
        const due = async (now: number, limit = 10) =>
          (await store.articles.articlesNeedingText(now, limit)).map((a) => a.id);
        expect(await due(T0)).toEqual([]);
        expect(await due(T0 + MINUTE)).toEqual([sooner]);
        expect(await due(T0 + HOUR)).toEqual([sooner, later]);
        expect(await due(T0 + HOUR, 1)).toEqual([sooner]);
        expect(await due(T0 + HOUR, 0)).toEqual([]);
      });

      it("claims due articles for one taker at a time, until the lease runs out", async () => {
        const feed = await feedId();
        const ids = [];
        for (let i = 0; i < 5; i++) ids.push(await storeOne(feed, { wantsFullText: true, fetchedAt: T0 + i }));
        const lease = T0 + HOUR + 10 * MINUTE;
        // Two takers at once (two instances' passes): every due article goes to exactly one.
        const [first, second] = await Promise.all([
          store.articles.claimArticlesNeedingText(T0 + HOUR, 3, lease),
          store.articles.claimArticlesNeedingText(T0 + HOUR, 3, lease),
        ]);
        const taken = [...(first ?? []), ...(second ?? [])].map((a) => a.id);
        expect(taken.sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
        expect(first?.every((a) => a.extractionNextAt === lease && a.extractionStatus === "pending")).toBe(true);
        expect(await get(ids[0] ?? 0)).toMatchObject({ extractionStatus: "pending", extractionNextAt: lease });
        // Leased: nobody else sees them until the lease ends; then they are due again, soonest first.
        expect(await store.articles.articlesNeedingText(lease - 1, 10)).toEqual([]);
        expect(await store.articles.claimArticlesNeedingText(lease - 1, 10, lease + HOUR)).toEqual([]);
        // An answer recorded meanwhile settles its article for good.
        await store.articles.recordExtraction(ids[1] ?? 0, { kind: "kept", reason: "no article on the page" });
        const again = await store.articles.claimArticlesNeedingText(lease, 2, lease + HOUR);
        expect(again.map((a) => a.id)).toEqual([ids[0], ids[2]]);
        expect(await store.articles.claimArticlesNeedingText(lease, 0, lease + HOUR)).toEqual([]);
      });

      it("skips pending articles of a feed set to fulltext never", async () => {
        const feed = await feedId();
        const id = await storeOne(feed, { wantsFullText: true });
        await store.feeds.updateFeed(feed, { fulltext: "never" });
        expect(await store.articles.articlesNeedingText(T0 + HOUR, 10)).toEqual([]);
        await store.feeds.updateFeed(feed, { fulltext: "auto" });
        expect((await store.articles.articlesNeedingText(T0 + HOUR, 10)).map((a) => a.id)).toEqual([id]);
      });

      it("replaces the text with the page's, searchably, and a re-poll of the teaser keeps it", async () => {
        const feed = await feedId();
        const teaser = newArticle({ title: "Eruption", text: "Short teaser…", language: "en", wantsFullText: true });
        await store.articles.upsertArticles(feed, [teaser], { backlog: false });
        const id = await onlyArticle();
        const canonicalUrl = teaser.url;
        expect(
          await store.articles.recordExtraction(id, { kind: "extracted", page: { ...PAGE, canonicalUrl } }),
        ).toEqual({ status: "extracted", mergedInto: null });
        const extracted = await get(id);
        expect(extracted).toMatchObject({
          text: PAGE.text,
          byline: PAGE.byline,
          imageUrl: PAGE.imageUrl,
          language: "es",
          canonicalUrl,
          extractionStatus: "extracted",
          extractionAttempts: 1,
          extractionNextAt: null,
          extractionError: null,
          contentHash: teaser.contentHash,
        });
        expect(await searchIds("volcano paragraphs")).toEqual([id]);
        expect(await store.articles.articlesNeedingText(T0 + HOUR, 10)).toEqual([]);
        // The next poll brings the same teaser: nothing changes.
        expect(await store.articles.upsertArticles(feed, [teaser], { backlog: false })).toMatchObject({ unchanged: 1 });
        // A new headline is taken; the page's text stays.
        await store.articles.upsertArticles(feed, [{ ...teaser, title: "Eruption: update" }], { backlog: false });
        expect(await get(id)).toMatchObject({
          title: "Eruption: update",
          text: PAGE.text,
          extractionStatus: "extracted",
        });
      });

      it("decides the kind again from the page's text and byline, unless the feed decided it", async () => {
        const feed = await feedId();
        const teaser = "Port workers walked out on Monday, the union said.";
        const page = { ...PAGE, text: COLUMN_TEXT, byline: "By Ana Díaz, columnist" };
        const reporting = {
          ...PAGE,
          byline: null,
          text: "Dock workers at the Port of Lisbon ended a nine-day strike on Tuesday after their union accepted a 7% wage increase, the port authority said. The agreement was signed late Monday by union leader Carla Mendes, according to a statement from the labour ministry. About 40 cargo ships had been waiting offshore, officials said.",
        };
        const byProse = await storeOne(feed, {
          text: teaser,
          wantsFullText: true,
          kind: "news",
          kindReason: "too short to tell; news by default",
        });
        const wasOpinion = await storeOne(feed, {
          wantsFullText: true,
          kind: "opinion",
          kindReason: "prose reads as opinion",
        });
        const byCategory = await storeOne(feed, {
          wantsFullText: true,
          kind: "opinion",
          kindReason: 'category "Opinion"',
        });
        const bySetting = await storeOne(feed, { wantsFullText: true, kind: "news", kindReason: "feed set to news" });
        await store.articles.recordExtraction(byProse, { kind: "extracted", page });
        await store.articles.recordExtraction(wasOpinion, { kind: "extracted", page: reporting });
        await store.articles.recordExtraction(byCategory, { kind: "extracted", page: reporting });
        await store.articles.recordExtraction(bySetting, { kind: "extracted", page });
        const reread = await get(byProse);
        expect(reread.kind).toBe("opinion");
        expect(reread.kindReason).toMatch(/from the page$/);
        expect((await get(wasOpinion)).kind).toBe("news");
        // The page does not undo what the item's category or the admin's `/feed kind` said.
        expect(await get(byCategory)).toMatchObject({ kind: "opinion", kindReason: 'category "Opinion"' });
        expect(await get(bySetting)).toMatchObject({ kind: "news", kindReason: "feed set to news" });
      });

      it("counts retries, gives up as failed, and never reopens kept or failed articles", async () => {
        const feed = await feedId();
        const flaky = newArticle({ wantsFullText: true });
        const walled = newArticle({ wantsFullText: true });
        await store.articles.upsertArticles(feed, [flaky, walled], { backlog: false });
        const [a, b] = (await store.articles.articlesNeedingText(T0 + HOUR, 10)).map((x) => x.id);
        if (a === undefined || b === undefined) throw new Error("expected two pending articles");
        const retry = { kind: "retry", error: "HTTP 503", nextAttemptAt: T0 + 2 * HOUR } as const;
        expect(await store.articles.recordExtraction(a, retry)).toEqual({ status: "pending", mergedInto: null });
        expect(await get(a)).toMatchObject({
          extractionStatus: "pending",
          extractionAttempts: 1,
          extractionNextAt: T0 + 2 * HOUR,
          extractionError: "HTTP 503",
        });
        expect((await store.articles.articlesNeedingText(T0 + HOUR, 10)).map((x) => x.id)).toEqual([b]);
        // A re-poll keeps the attempts and the due time.
        await store.articles.upsertArticles(feed, [{ ...flaky, fetchedAt: T0 + 3 * HOUR }], { backlog: false });
        expect(await get(a)).toMatchObject({ extractionAttempts: 1, extractionNextAt: T0 + 2 * HOUR });
        expect(await store.articles.recordExtraction(a, { kind: "failed", error: "HTTP 503 again" })).toEqual({
          status: "failed",
          mergedInto: null,
        });
        expect(await store.articles.recordExtraction(b, { kind: "kept", reason: "consent wall" })).toEqual({
          status: "kept",
          mergedInto: null,
        });
        expect(await get(a)).toMatchObject({
          extractionStatus: "failed",
          extractionAttempts: 2,
          extractionNextAt: null,
        });
        expect(await get(b)).toMatchObject({
          extractionStatus: "kept",
          extractionError: "consent wall",
          text: walled.text,
        });
        await store.articles.upsertArticles(feed, [{ ...flaky, text: "changed teaser" }, walled], { backlog: false });
        expect((await get(a)).extractionStatus).toBe("failed");
        expect((await get(a)).text).toBe("changed teaser");
        expect(await store.articles.articlesNeedingText(T0 + 100 * HOUR, 10)).toEqual([]);
        // A late retry answer for a settled article counts the try and changes nothing else.
        await store.articles.recordExtraction(b, retry);
        expect(await get(b)).toMatchObject({ extractionStatus: "kept", extractionAttempts: 2, extractionNextAt: null });
        expect(await store.articles.recordExtraction(b + a + 1000, retry)).toBeUndefined();
      });

      it("moves between none and pending as the feed's text changes", async () => {
        const feed = await feedId();
        const item = newArticle({ wantsFullText: false });
        await store.articles.upsertArticles(feed, [item], { backlog: false });
        const id = await onlyArticle();
        await store.articles.upsertArticles(feed, [{ ...item, text: "cut…", wantsFullText: true }], { backlog: false });
        expect(await get(id)).toMatchObject({ extractionStatus: "pending", extractionNextAt: item.fetchedAt });
        await store.articles.upsertArticles(feed, [{ ...item, wantsFullText: false }], { backlog: false });
        expect(await get(id)).toMatchObject({ extractionStatus: "none", extractionNextAt: null });
      });

      it("merges an article into the stored one its page's canonical URL names, losing nothing", async () => {
        const paper = await feedId("https://paper.example/");
        const aggregator = await feedId("https://aggregator.example/");
        const original = await storeOne(paper, {
          url: "https://paper.example/story",
          text: "Teaser…",
          wantsFullText: true,
        });
        const copy = await storeOne(aggregator, {
          url: "https://aggregator.example/r/123",
          text: "Aggregated teaser…",
          wantsFullText: true,
        });
        const page = { ...PAGE, canonicalUrl: "https://paper.example/story" };
        expect(await store.articles.recordExtraction(copy, { kind: "extracted", page })).toEqual({
          status: "extracted",
          mergedInto: original,
        });
        expect(await get(original)).toMatchObject({
          feedId: paper,
          url: "https://paper.example/story",
          text: PAGE.text,
          byline: PAGE.byline,
          canonicalUrl: "https://paper.example/story",
          extractionStatus: "extracted",
          extractionNextAt: null,
          duplicateOf: null,
        });
        // The copy keeps its own row, link, feed and page text, pointing at the original.
        expect(await get(copy)).toMatchObject({
          feedId: aggregator,
          url: "https://aggregator.example/r/123",
          text: PAGE.text,
          duplicateOf: original,
        });
        expect(await store.articles.countArticles(aggregator)).toBe(1);
        expect((await store.articles.recentArticles({ limit: 10 })).map((a) => a.id)).toEqual([original]);
        expect(await searchIds("volcano")).toEqual([original]);
        expect(await store.articles.articlesNeedingText(T0 + HOUR, 10)).toEqual([]);
        // The aggregator's next poll matches its own row and stays merged.
        await store.articles.upsertArticles(
          aggregator,
          [newArticle({ url: "https://aggregator.example/r/123", text: "Aggregated teaser…" })],
          { backlog: false },
        );
        expect(await store.articles.countArticles(aggregator)).toBe(1);
        expect((await get(copy)).duplicateOf).toBe(original);
        // Without the original's feed, the copy is the story again.
        await store.feeds.removeFeed(paper);
        expect((await get(copy)).duplicateOf).toBeNull();
        expect((await store.articles.recentArticles({ limit: 10 })).map((a) => a.id)).toEqual([copy]);
      });

      it("does not replace a survivor's longer or extracted text, only fills its gaps", async () => {
        const feed = await feedId();
        const long = "A full feed text with many words. ".repeat(40).trim();
        const original = await storeOne(feed, { url: "https://example.com/a", text: long });
        const copy = await storeOne(feed, { url: "https://example.com/b", wantsFullText: true });
        const page = { ...PAGE, canonicalUrl: "https://example.com/a" };
        await store.articles.recordExtraction(copy, { kind: "extracted", page });
        expect(await get(original)).toMatchObject({
          text: long,
          extractionStatus: "none",
          byline: PAGE.byline,
          imageUrl: PAGE.imageUrl,
          canonicalUrl: "https://example.com/a",
        });
      });

      it("decides a merge survivor's kind again when it takes the page's text, and only then", async () => {
        const paper = await feedId("https://paper.example/");
        const aggregator = await feedId("https://aggregator.example/");
        const teaserLabel = { kind: "news", kindReason: "too short to tell; news by default" } as const;
        const takesText = await storeOne(paper, {
          url: "https://paper.example/column",
          text: "Port workers walked out on Monday, the union said.",
          wantsFullText: true,
          ...teaserLabel,
        });
        const keepsText = await storeOne(paper, {
          url: "https://paper.example/long",
          text: "A full feed text with many words. ".repeat(40).trim(),
          ...teaserLabel,
        });
        const bySetting = await storeOne(paper, {
          url: "https://paper.example/set",
          wantsFullText: true,
          kind: "news",
          kindReason: "feed set to news",
        });
        for (const [i, canonicalUrl] of [
          "https://paper.example/column",
          "https://paper.example/long",
          "https://paper.example/set",
        ].entries()) {
          const copy = await storeOne(aggregator, { url: `https://aggregator.example/r/${i}`, wantsFullText: true });
          const page = { ...PAGE, text: COLUMN_TEXT, byline: "By Ana Díaz, columnist", canonicalUrl };
          await store.articles.recordExtraction(copy, { kind: "extracted", page });
        }
        const taken = await get(takesText);
        expect(taken).toMatchObject({ text: COLUMN_TEXT, kind: "opinion" });
        expect(taken.kindReason).toMatch(/from the page$/);
        // A survivor keeping its own text keeps its label; the admin's `/feed kind` is not undone.
        expect(await get(keepsText)).toMatchObject(teaserLabel);
        expect(await get(bySetting)).toMatchObject({ text: COLUMN_TEXT, kind: "news", kindReason: "feed set to news" });
      });

      it("treats a page's canonical URL as a dedup key for later items", async () => {
        const feed = await feedId("https://one.example/");
        const other = await feedId("https://two.example/");
        const id = await storeOne(feed, { url: "https://news.example/amp/1", wantsFullText: true });
        const canonicalUrl = "https://news.example/1";
        await store.articles.recordExtraction(id, { kind: "extracted", page: { ...PAGE, canonicalUrl } });
        // Another feed linking the canonical address: the same article, left to its owner.
        expect(
          await store.articles.upsertArticles(other, [newArticle({ url: canonicalUrl })], { backlog: false }),
        ).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
        // The owner's feed switching to the canonical link: updated in place, its link kept.
        expect(
          await store.articles.upsertArticles(feed, [newArticle({ url: canonicalUrl, title: "New title" })], {
            backlog: false,
          }),
        ).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
        expect(await get(id)).toMatchObject({ url: "https://news.example/amp/1", title: "New title", text: PAGE.text });
        expect(await store.articles.countArticles()).toBe(1);
      });
    });

    describe("searchArticles", () => {
      async function seed(
        articles: Array<Partial<NewArticle>>,
        feedUrl = "https://search.example/",
      ): Promise<Map<string, number>> {
        const feed = await feedId(feedUrl);
        const batch = articles.map((a) => newArticle(a));
        await store.articles.upsertArticles(feed, batch, { backlog: false });
        const stored = await store.articles.recentArticles({ limit: 1000 });
        return new Map(stored.map((a) => [a.title, a.id]));
      }

      it("ranks a title match above a body-only match, best first with higher relevance", async () => {
        const ids = await seed([
          {
            title: "Council budget meeting",
            text: "The council met to discuss road repairs. Tariffs were mentioned once by a resident.",
          },
          { title: "New tariffs on steel imports", text: "The government announced the measure on Monday." },
          { title: "Weather", text: "Sunny all week." },
        ]);
        const found = await store.articles.searchArticles(parseTopicQuery("tariffs"), { limit: 10 });
        expect(found.map((s) => s.article.id)).toEqual([
          ids.get("New tariffs on steel imports"),
          ids.get("Council budget meeting"),
        ]);
        const [best, second] = found;
        expect(best && second && best.relevance > second.relevance).toBe(true);
        expect(Number.isFinite(best?.relevance)).toBe(true);
      });

      it("requires every group and treats a quoted group as a phrase", async () => {
        const ids = await seed([
          { title: "Statement from the White House", text: "Officials spoke about trade." },
          { title: "A house painted white", text: "Officials admired it." },
          { title: "Trade talks at the White House", text: "Tariffs dominated." },
        ]);
        expect(new Set(await searchIds('"white house"'))).toEqual(
          new Set([ids.get("Statement from the White House"), ids.get("Trade talks at the White House")]),
        );
        expect(await searchIds("white house")).toHaveLength(3);
        expect(await searchIds('"white house" tariffs')).toEqual([ids.get("Trade talks at the White House")]);
        expect(await searchIds("white giraffe")).toEqual([]);
      });

      it("matches any alternative of a group, and any group when asked, ranking fuller matches first", async () => {
        const ids = await seed([
          { title: "Chileans vote in presidential runoff", text: "Polls opened across the country." },
          { title: "Santiago traffic", text: "The Chilean capital's new metro line opened." },
          { title: "Election in Portugal", text: "Citizens vote for a new parliament." },
          { title: "Weather", text: "Sunny all week." },
        ]);
        const chile = withCountryNames(parseTopicQuery("chile"));
        const found = await store.articles.searchArticles(chile, { limit: 10 });
        expect(new Set(found.map((s) => s.article.id))).toEqual(
          new Set([ids.get("Chileans vote in presidential runoff"), ids.get("Santiago traffic")]),
        );
        const any = { ...withCountryNames(parseTopicQuery("chile vote")), match: "any" as const };
        const anyIds = (await store.articles.searchArticles(any, { limit: 10 })).map((s) => s.article.id);
        expect(anyIds[0]).toBe(ids.get("Chileans vote in presidential runoff"));
        expect(new Set(anyIds)).toEqual(
          new Set([
            ids.get("Chileans vote in presidential runoff"),
            ids.get("Santiago traffic"),
            ids.get("Election in Portugal"),
          ]),
        );
        const all = withCountryNames(parseTopicQuery("chile vote"));
        expect(await store.articles.searchArticles(all, { limit: 10 })).toHaveLength(1);
      });

      it("stems English words, folds case and accents both ways, splits hyphens and apostrophes", async () => {
        const ids = await seed([
          { title: "Tariff talks with México", text: "A cross-border deal." },
          { title: "Mexico City marathon", text: "Runners' times improved." },
          { title: "The editor's note", text: "Nothing about trade." },
        ]);
        const both = new Set([ids.get("Tariff talks with México"), ids.get("Mexico City marathon")]);
        expect(new Set(await searchIds("Mexico"))).toEqual(both);
        expect(new Set(await searchIds("MÉXICO"))).toEqual(both);
        expect(await searchIds("tariffs")).toEqual([ids.get("Tariff talks with México")]);
        expect(await searchIds("cross-border")).toEqual([ids.get("Tariff talks with México")]);
        expect(await searchIds('"cross border"')).toEqual([ids.get("Tariff talks with México")]);
        expect(await searchIds("editor's")).toEqual([ids.get("The editor's note")]);
      });

      it("never throws on hostile input and finds nothing for an empty topic", async () => {
        await seed([
          { title: "Apostrophe's role in NEAR queries", text: "OR AND NOT col x unterminated" },
          { title: "Plain", text: "Nothing special." },
        ]);
        for (const topic of HOSTILE_TOPICS) {
          const found = await store.articles.searchArticles(parseTopicQuery(topic), { limit: 10 });
          expect(Array.isArray(found), topic).toBe(true);
        }
        // Words as TopicQuery would never produce them, built by hand.
        const handBuilt = [
          { groups: [['"', "OR"], ["*"], ["NEAR("], ["col:x"]] },
          { groups: [['a"b'], [""], []] },
          { groups: [] },
        ];
        for (const query of handBuilt) {
          await expect(store.articles.searchArticles(query, { limit: 10 })).resolves.toBeInstanceOf(Array);
        }
        expect(await store.articles.searchArticles({ groups: [] }, { limit: 10 })).toEqual([]);
        expect(await store.articles.searchArticles(parseTopicQuery("  ?! "), { limit: 10 })).toEqual([]);
        // Operator words are plain words.
        expect(await searchIds("unterminated NOT")).toHaveLength(1);
        expect(await searchIds("apostrophe's")).toHaveLength(1);
      });

      it("never throws on random junk", async () => {
        await seed([{ title: "Anything", text: "at all" }]);
        const alphabet = ` "'*^:()-+NEAR OR AND NOT\\{}[]<>|&!~é日🙂\u0301\u0000`;
        let state = 42;
        const next = (n: number) => {
          state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
          return state % n;
        };
        for (let i = 0; i < 200; i += 1) {
          const chars = Array.from({ length: 1 + next(30) }, () => alphabet[next(alphabet.length)] ?? " ");
          const topic = chars.join("");
          await expect(
            store.articles.searchArticles(parseTopicQuery(topic), { limit: 5 }),
            topic,
          ).resolves.toBeInstanceOf(Array);
        }
      });

      it("filters on published time: since inclusive, until exclusive", async () => {
        const ids = await seed([
          { title: "Election day one", publishedAt: T0 - 2 * HOUR },
          { title: "Election day two", publishedAt: T0 - HOUR },
          { title: "Election day three", publishedAt: T0 },
        ]);
        expect(new Set(await searchIds("election", { since: T0 - HOUR }))).toEqual(
          new Set([ids.get("Election day two"), ids.get("Election day three")]),
        );
        expect(new Set(await searchIds("election", { until: T0 - HOUR }))).toEqual(
          new Set([ids.get("Election day one")]),
        );
        expect(await searchIds("election", { since: T0 - HOUR, until: T0 })).toEqual([ids.get("Election day two")]);
        expect(await searchIds("election", { since: T0 + 1 })).toEqual([]);
      });

      it("returns at most `limit` results", async () => {
        await seed(Array.from({ length: 8 }, (_, i) => ({ title: `Storm report ${i}` })));
        expect(await store.articles.searchArticles(parseTopicQuery("storm"), { limit: 3 })).toHaveLength(3);
        expect(await store.articles.searchArticles(parseTopicQuery("storm"), { limit: 0 })).toEqual([]);
      });
    });

    describe("stored clustering features and window-first search (issue 16)", () => {
      async function featuresOf(topic: string, options: { since?: number; until?: number } = {}) {
        const found = await store.articles.searchArticles(parseTopicQuery(topic), { limit: 50, ...options });
        return new Map(found.map((s) => [s.article.id, s.features]));
      }

      /** What a story pass hands back after computing an article's features (see candidate-documents.ts). */
      const computedFor = (a: { id: number; title: string; text: string }) => ({
        id: a.id,
        features: encodedArticleFeatures(a.title, a.text),
        title: a.title,
        text: a.text,
      });
      async function storedArticle(topic: string) {
        const [found] = await store.articles.searchArticles(parseTopicQuery(topic), { limit: 1 });
        if (found === undefined) throw new Error(`nothing found for ${topic}`);
        return found.article;
      }

      it("stores no features at ingest, then keeps the ones a story pass computed", async () => {
        const feed = await feedId();
        const text = "Lava from Mount Etna reached Catania on Monday, officials said. 3,000 people left.";
        await store.articles.upsertArticles(feed, [newArticle({ title: "Etna erupts near Catania", text })], {
          backlog: false,
        });
        const article = await storedArticle("etna");
        expect((await featuresOf("etna")).get(article.id)).toBeNull();

        await store.articles.saveArticleFeatures([computedFor(article)]);
        const features = (await featuresOf("etna")).get(article.id);
        expect(features).toBe(encodedArticleFeatures("Etna erupts near Catania", text));
        expect(decodeArticleFeatures(features)).toEqual(articleFeatures("Etna erupts near Catania", text));
        // Nothing to keep, and ids no longer stored, are no errors.
        await store.articles.saveArticleFeatures([]);
        await store.articles.saveArticleFeatures([{ ...computedFor(article), id: article.id + 1000 }]);
        expect((await featuresOf("etna")).get(article.id)).toBe(features);
      });

      it("clears the features when an update or a page changes the title or text, not otherwise", async () => {
        const feed = await feedId();
        const first = newArticle({ title: "Volcano update", text: "Ash fell on Catania." });
        await store.articles.upsertArticles(feed, [first], { backlog: false });
        const id = (await storedArticle("volcano")).id;
        await store.articles.saveArticleFeatures([computedFor({ id, ...first })]);

        const byline = { ...first, author: "A. Reporter" };
        expect(await store.articles.upsertArticles(feed, [byline], { backlog: false })).toMatchObject({ updated: 1 });
        expect((await featuresOf("volcano")).get(id)).toBe(encodedArticleFeatures(first.title, first.text));

        const updated = { ...byline, text: "Ash fell on Catania and Messina; 12 flights were cancelled." };
        expect(await store.articles.upsertArticles(feed, [updated], { backlog: false })).toMatchObject({ updated: 1 });
        expect((await featuresOf("volcano")).get(id)).toBeNull();

        await store.articles.saveArticleFeatures([computedFor({ id, ...updated })]);
        const page = {
          text: "The page: lava reached Nicolosi overnight, and Italy's civil protection raised the alert.",
          byline: null,
          imageUrl: null,
          language: null,
          canonicalUrl: null,
        };
        await store.articles.recordExtraction(id, { kind: "extracted", page });
        expect((await featuresOf("volcano")).get(id)).toBeNull();
      });

      it("never keeps features computed from a text the article no longer has", async () => {
        const feed = await feedId();
        await store.articles.upsertArticles(
          feed,
          [newArticle({ title: "Harbour fire", text: "A fire broke out at the harbour.", wantsFullText: true })],
          { backlog: false },
        );
        // A brief reads the article; its page's text is stored before the brief's features are.
        const read = await storedArticle("harbour");
        const page = {
          text: "The page: the harbour fire burned for six hours and closed the ferry terminal.",
          byline: null,
          imageUrl: null,
          language: null,
          canonicalUrl: null,
        };
        await store.articles.recordExtraction(read.id, { kind: "extracted", page });
        await store.articles.saveArticleFeatures([computedFor(read)]);
        expect((await featuresOf("harbour")).get(read.id)).toBeNull();
        // Features of the text it has now are kept.
        await store.articles.saveArticleFeatures([computedFor({ ...read, text: page.text })]);
        expect((await featuresOf("harbour")).get(read.id)).toBe(encodedArticleFeatures(read.title, page.text));
      });

      it("clears a canonical-URL merge survivor's features when it takes the page's text", async () => {
        const feed = await feedId();
        await store.articles.upsertArticles(
          feed,
          [newArticle({ url: "https://paper.example/lava", title: "Lava story", text: "Teaser about lava." })],
          { backlog: false },
        );
        const survivor = await storedArticle("lava");
        await store.articles.saveArticleFeatures([computedFor(survivor)]);
        const copy = newArticle({ url: "https://agg.example/1", title: "Lava copy", wantsFullText: true });
        await store.articles.upsertArticles(feed, [copy], { backlog: false });
        const copyId = (await store.articles.recentArticles({ limit: 10 })).find((a) => a.url === copy.url)?.id ?? 0;
        const page = {
          text: "Lava crossed the road to Nicolosi; the mayor ordered 400 homes cleared.",
          byline: null,
          imageUrl: null,
          language: null,
          canonicalUrl: "https://paper.example/lava",
        };
        const { mergedInto } = (await store.articles.recordExtraction(copyId, { kind: "extracted", page })) ?? {};
        expect(mergedInto).toBe(survivor.id);
        expect((await featuresOf("lava")).get(survivor.id)).toBeNull();
      });

      it("finds exactly the window's matches at its edges, whatever order the articles were stored in", async () => {
        const feed = await feedId();
        // Stored out of date order: ids do not follow publication, as with a new feed's backlog.
        const dates = [T0 + 5 * HOUR, T0 - HOUR, T0, T0 + 2 * HOUR - 1, T0 + 2 * HOUR, T0 - 1, T0 + HOUR];
        await store.articles.upsertArticles(
          feed,
          dates.map((publishedAt, i) => newArticle({ title: `Harbour strike day ${i}`, publishedAt })),
          { backlog: false },
        );
        const byTitle = new Map((await store.articles.recentArticles({ limit: 50 })).map((a) => [a.title, a.id]));
        const expected = (since: number, until: number) =>
          dates
            .map((d, i) => [d, byTitle.get(`Harbour strike day ${i}`)] as const)
            .filter(([d]) => d >= since && d < until)
            .map(([, id]) => id)
            .sort();
        for (const [since, until] of [
          [T0, T0 + 2 * HOUR],
          [T0 - 1, T0 + 1],
          [T0 + 2 * HOUR, T0 + 6 * HOUR],
          [T0 - HOUR, T0 + 5 * HOUR + 1],
          [T0 + 3 * HOUR, T0 + 4 * HOUR],
          [T0 + 6 * HOUR, T0 + 7 * HOUR],
        ] as const) {
          expect([...(await searchIds("strike", { since, until }))].sort()).toEqual(expected(since, until));
        }
      });
    });

    describe("relabelling a feed's stored articles (/feed kind, issue 15)", () => {
      const NEWS_TEXT =
        "The port authority said on Monday that 300 dockworkers stopped work at the container terminal, according to a statement. Officials told reporters that talks with the union would resume on Thursday in the city hall, and the minister said the government was following the dispute closely.";
      const labelled = (kind: "news" | "opinion", kindReason: string, overrides: Partial<NewArticle> = {}) =>
        newArticle({ kind, kindReason, ...overrides });
      const labelsOf = async (ids: number[]) =>
        (await store.articles.getArticles(ids)).map((a) => ({ id: a.id, kind: a.kind, kindReason: a.kindReason }));
      async function idsOf(feed: number): Promise<number[]> {
        return (await store.articles.feedArticleLabels(feed, 0, 100, 10)).map((a) => a.id);
      }

      it("pages a feed's own rows by id, cutting the text to the characters asked for", async () => {
        const a = await feedId("https://a.example/rss");
        const b = await feedId("https://b.example/rss");
        const text = "Ünïcödé 🙂 text that goes on";
        await store.articles.upsertArticles(a, [newArticle({ text }), newArticle(), newArticle()], { backlog: false });
        await store.articles.upsertArticles(b, [newArticle()], { backlog: false });
        const first = await store.articles.feedArticleLabels(a, 0, 2, 9);
        expect(first).toHaveLength(2);
        expect(first[0]).toMatchObject({
          text: "Ünïcödé 🙂",
          extractionStatus: "none",
          kind: "news",
          kindReason: null,
        });
        expect(first[0]?.title).toMatch(/^Story number/);
        const [one, two] = first.map((x) => x.id);
        expect(one).toBeLessThan(two ?? 0);
        const rest = await store.articles.feedArticleLabels(a, two ?? 0, 2, 9);
        expect(rest).toHaveLength(1);
        expect(rest[0]?.id).toBeGreaterThan(two ?? 0);
        expect(await store.articles.feedArticleLabels(a, rest[0]?.id ?? 0, 2, 9)).toEqual([]);
        expect(await idsOf(b)).toHaveLength(1);
        expect(await store.articles.feedArticleLabels(b + 1000, 0, 10, 9)).toEqual([]);
      });

      it("writes a label only to a row of the feed that still has the label it was decided over", async () => {
        const a = await feedId("https://a.example/rss");
        const b = await feedId("https://b.example/rss");
        await store.articles.upsertArticles(a, [labelled("news", "prose reads as reporting"), newArticle()], {
          backlog: false,
        });
        await store.articles.upsertArticles(b, [newArticle()], { backlog: false });
        const [reported, unlabelled] = await idsOf(a);
        const [other] = await idsOf(b);
        if (reported === undefined || unlabelled === undefined || other === undefined) throw new Error("rows");
        const toOpinion = (id: number, from: { kind: "news" | "opinion"; kindReason: string | null }) => ({
          id,
          kind: "opinion" as const,
          kindReason: "feed set to opinion",
          from,
        });
        const written = await store.articles.writeArticleKinds(a, [
          toOpinion(reported, { kind: "news", kindReason: "prose reads as reporting" }),
          // Unlabelled rows (null reason) match a null `from`.
          toOpinion(unlabelled, { kind: "news", kindReason: null }),
          // Another feed's row, and a label that changed since it was read: left alone.
          toOpinion(other, { kind: "news", kindReason: null }),
          toOpinion(reported + 1000, { kind: "news", kindReason: null }),
        ]);
        expect(written.sort((x, y) => x - y)).toEqual([reported, unlabelled]);
        const stale = await store.articles.writeArticleKinds(a, [
          {
            id: reported,
            kind: "news",
            kindReason: "x",
            from: { kind: "news", kindReason: "prose reads as reporting" },
          },
        ]);
        expect(stale).toEqual([]);
        expect(await labelsOf([reported, unlabelled, other])).toEqual([
          { id: reported, kind: "opinion", kindReason: "feed set to opinion" },
          { id: unlabelled, kind: "opinion", kindReason: "feed set to opinion" },
          { id: other, kind: "news", kindReason: null },
        ]);
        expect(await store.articles.writeArticleKinds(a, [])).toEqual([]);
      });

      it("relabels a feed's rows in pages as the core decides, keeps features, and leaves another feed's row", async () => {
        const a = await store.feeds.addFeed(newFeed("https://a.example/rss", { title: "Harbor Daily" }));
        const b = await feedId("https://b.example/rss");
        const column = labelled("opinion", "prose reads as opinion", { title: "The ports scandal", text: COLUMN_TEXT });
        const reports = [1, 2, 3].map((n) =>
          labelled("news", "prose reads as reporting", { title: `Dockworkers strike, day ${n}`, text: NEWS_TEXT }),
        );
        const tagged = labelled("opinion", 'category "Opinion"', { title: "Why the strike matters", text: NEWS_TEXT });
        await store.articles.upsertArticles(a.id, [column, ...reports, tagged], { backlog: false });
        // The same article in feed b: dedup keeps a's row, so b's setting does not reach it.
        await store.articles.upsertArticles(b, [{ ...column, guid: "b-copy" }], { backlog: false });
        const ids = await idsOf(a.id);
        expect(ids).toHaveLength(5);
        expect(await idsOf(b)).toEqual([]);
        const [first] = await store.articles.getArticles(ids);
        if (first === undefined) throw new Error("row");
        const features = encodedArticleFeatures(first.title, first.text);
        await store.articles.saveArticleFeatures([{ id: first.id, features, title: first.title, text: first.text }]);

        const toOpinion = await store.feeds.updateFeed(a.id, { kind: "opinion" });
        if (!toOpinion) throw new Error("feed");
        expect(await relabelFeedArticles(store.articles, toOpinion, 2)).toEqual({
          stored: 5,
          relabelled: 3,
          keptByCategory: 0,
        });
        expect((await labelsOf(ids)).every((l) => l.kind === "opinion" && l.kindReason === "feed set to opinion")).toBe(
          true,
        );
        // The label is in no feature: the stored features stay and are still read back.
        const found = await store.articles.searchArticles(parseTopicQuery("ports scandal"), { limit: 5 });
        expect(found.find((s) => s.article.id === first.id)?.features).toBe(features);
        // Again: nothing to change, nothing written.
        expect(await relabelFeedArticles(store.articles, toOpinion, 2)).toMatchObject({ stored: 5, relabelled: 0 });

        const toAuto = await store.feeds.updateFeed(a.id, { kind: "auto" });
        if (!toAuto) throw new Error("feed");
        // Four: the reports, and the tagged piece, whose category the opinion setting's label
        // replaced (categories are not stored, so its text decides now).
        expect(await relabelFeedArticles(store.articles, toAuto, 2)).toEqual({
          stored: 5,
          relabelled: 4,
          keptByCategory: 0,
        });
        const auto = await store.articles.getArticles(ids);
        expect(auto.map((x) => x.kind)).toEqual(["opinion", "news", "news", "news", "news"]);
        expect(auto[0]?.kindReason).toMatch(/^prose reads as opinion/);
        expect(auto[4]?.kindReason).toMatch(/^prose reads as reporting/);

        const bFeed = await store.feeds.updateFeed(b, { kind: "news" });
        if (!bFeed) throw new Error("feed");
        expect(await relabelFeedArticles(store.articles, bFeed, 2)).toEqual({
          stored: 0,
          relabelled: 0,
          keptByCategory: 0,
        });
        expect((await store.articles.getArticles([first.id]))[0]?.kind).toBe("opinion");
      });

      it("gives a row whose page was read the label the page gave it, when the feed goes back to auto", async () => {
        const a = await store.feeds.addFeed(newFeed("https://a.example/rss", { title: "Harbor Daily" }));
        await store.articles.upsertArticles(
          a.id,
          [labelled("news", "too short to tell; news by default", { title: "Port dispute", wantsFullText: true })],
          { backlog: false },
        );
        const [id] = await idsOf(a.id);
        if (id === undefined) throw new Error("row");
        const page = { text: COLUMN_TEXT, byline: "By Ana Díaz", imageUrl: null, language: null, canonicalUrl: null };
        await store.articles.recordExtraction(id, { kind: "extracted", page });
        const [afterPage] = await labelsOf([id]);
        expect(afterPage?.kindReason).toMatch(/^prose reads as opinion .*, from the page$/);
        const news = await store.feeds.updateFeed(a.id, { kind: "news" });
        const auto = await store.feeds.updateFeed(a.id, { kind: "auto" });
        if (!news || !auto) throw new Error("feed");
        expect(await relabelFeedArticles(store.articles, news)).toMatchObject({ relabelled: 1 });
        expect(await relabelFeedArticles(store.articles, auto)).toMatchObject({ relabelled: 1 });
        expect(await labelsOf([id])).toEqual([afterPage]);
      });

      it("keeps a label the item's categories decided when the feed goes back to auto (categories are not stored)", async () => {
        const a = await store.feeds.addFeed(newFeed("https://a.example/rss", { kind: "auto" }));
        await store.articles.upsertArticles(
          a.id,
          [labelled("opinion", 'category "Opinion"', { text: NEWS_TEXT }), labelled("news", "feed set to news")],
          { backlog: false },
        );
        expect(await relabelFeedArticles(store.articles, a)).toEqual({ stored: 2, relabelled: 0, keptByCategory: 1 });
        const labels = await labelsOf(await idsOf(a.id));
        expect(labels[0]).toMatchObject({ kind: "opinion", kindReason: 'category "Opinion"' });
        expect(labels[1]?.kindReason).toBe("too short to tell; news by default");
      });
    });

    describe("recentArticles, getArticles, countArticles, pruneArticles", () => {
      it("lists the newest first within a window, up to the limit", async () => {
        const feed = await feedId();
        const batch = [0, 3, 1, 2].map((h) => newArticle({ title: `At hour ${h}`, publishedAt: T0 + h * HOUR }));
        await store.articles.upsertArticles(feed, batch, { backlog: false });
        const titles = async (options: { since?: number; until?: number; limit: number }) =>
          (await store.articles.recentArticles(options)).map((a) => a.title);
        expect(await titles({ limit: 10 })).toEqual(["At hour 3", "At hour 2", "At hour 1", "At hour 0"]);
        expect(await titles({ limit: 2 })).toEqual(["At hour 3", "At hour 2"]);
        expect(await titles({ since: T0 + HOUR, until: T0 + 3 * HOUR, limit: 10 })).toEqual(["At hour 2", "At hour 1"]);
        expect(await titles({ limit: 0 })).toEqual([]);
      });

      it("gets articles by id in the order asked, skipping unknown ids", async () => {
        const feed = await feedId();
        await store.articles.upsertArticles(feed, [newArticle(), newArticle(), newArticle()], { backlog: false });
        const ids = (await store.articles.recentArticles({ limit: 10 })).map((a) => a.id);
        const [x, y, z] = ids;
        if (x === undefined || y === undefined || z === undefined) throw new Error("expected three articles");
        expect((await store.articles.getArticles([z, x, 999_999, y])).map((a) => a.id)).toEqual([z, x, y]);
        expect(await store.articles.getArticles([])).toEqual([]);
      });

      it("prunes articles published before the cutoff, from search too", async () => {
        const feed = await feedId();
        await store.articles.upsertArticles(
          feed,
          [
            newArticle({ title: "Ancient eclipse", publishedAt: T0 - 40 * 24 * HOUR }),
            newArticle({ title: "Old eclipse", publishedAt: T0 - 31 * 24 * HOUR }),
            newArticle({ title: "Boundary eclipse", publishedAt: T0 - 30 * 24 * HOUR }),
            newArticle({ title: "Fresh eclipse", publishedAt: T0 }),
          ],
          { backlog: false },
        );
        expect(await store.articles.pruneArticles(T0 - 30 * 24 * HOUR)).toBe(2);
        expect(await store.articles.countArticles()).toBe(2);
        const found = await store.articles.searchArticles(parseTopicQuery("eclipse"), { limit: 10 });
        expect(new Set(found.map((s) => s.article.title))).toEqual(new Set(["Boundary eclipse", "Fresh eclipse"]));
        expect(await searchIds("ancient")).toEqual([]);
        expect(await store.articles.pruneArticles(T0 - 30 * 24 * HOUR)).toBe(0);
      });
    });

    describe("digest schedules", () => {
      it("adds a schedule and reads it back by id and in lists, weekdays sorted", async () => {
        const added = await store.schedules.addSchedule(newSchedule());
        expect(added).toEqual({
          id: added.id,
          target: CHANNEL,
          createdBy: "U1",
          minuteOfDay: 450,
          days: [1, 3, 5],
          timeZone: "Europe/Berlin",
          topic: "mexico",
          maxStories: 5,
          quiet: true,
          createdAt: T0,
          activeFrom: T0,
          pausedAt: null,
          pausedReason: null,
          consecutiveFailures: 0,
        });
        expect(await store.schedules.getSchedule(added.id)).toEqual(added);
        expect(await store.schedules.getSchedule(added.id + 100)).toBeUndefined();
        const other = await store.schedules.addSchedule(
          newSchedule({
            target: { platform: "discord", workspaceId: "G1", channelId: "9" },
            topic: null,
            createdBy: null,
          }),
        );
        expect((await store.schedules.listSchedules()).map((s) => s.id)).toEqual([added.id, other.id]);
        expect(
          (await store.schedules.listSchedules({ platform: "slack", workspaceId: "T1" })).map((s) => s.id),
        ).toEqual([added.id]);
        expect(await store.schedules.listSchedules({ platform: "slack", workspaceId: "G1" })).toEqual([]);
        expect((await store.schedules.getSchedule(other.id))?.topic).toBeNull();
      });

      it("patches, counts failures atomically, pauses out of the active list, and removes", async () => {
        const a = await store.schedules.addSchedule(newSchedule());
        const b = await store.schedules.addSchedule(newSchedule({ minuteOfDay: 0 }));
        expect(await store.schedules.recordScheduleFailure(a.id)).toBe(1);
        expect(await store.schedules.recordScheduleFailure(a.id)).toBe(2);
        expect(await store.schedules.recordScheduleFailure(a.id + 100)).toBe(0);
        const paused = await store.schedules.updateSchedule(a.id, {
          pausedAt: T0 + HOUR,
          pausedReason: "channel_not_found",
        });
        expect(paused).toMatchObject({
          pausedAt: T0 + HOUR,
          pausedReason: "channel_not_found",
          consecutiveFailures: 2,
        });
        expect((await store.schedules.activeSchedules()).map((s) => s.id)).toEqual([b.id]);
        const resumed = await store.schedules.updateSchedule(a.id, {
          pausedAt: null,
          pausedReason: null,
          consecutiveFailures: 0,
          activeFrom: T0 + 2 * HOUR,
        });
        expect(resumed).toMatchObject({
          pausedAt: null,
          pausedReason: null,
          consecutiveFailures: 0,
          activeFrom: T0 + 2 * HOUR,
        });
        expect(await store.schedules.updateSchedule(a.id + 100, { pausedAt: null })).toBeUndefined();
        expect(await store.schedules.updateSchedule(b.id, {})).toEqual(b);
        expect(await store.schedules.removeSchedule(a.id)).toBe(true);
        expect(await store.schedules.removeSchedule(a.id)).toBe(false);
        expect((await store.schedules.listSchedules()).map((s) => s.id)).toEqual([b.id]);
      });

      it("keeps one default time zone per workspace", async () => {
        const slack = { platform: "slack", workspaceId: "T1" } as const;
        expect(await store.schedules.getWorkspaceTimeZone(slack)).toBeNull();
        await store.schedules.setWorkspaceTimeZone(slack, "Europe/Berlin", T0);
        await store.schedules.setWorkspaceTimeZone(slack, "America/New_York", T0 + 1);
        expect(await store.schedules.getWorkspaceTimeZone(slack)).toBe("America/New_York");
        expect(await store.schedules.getWorkspaceTimeZone({ platform: "discord", workspaceId: "T1" })).toBeNull();
      });
    });

    describe("delivery ledger", () => {
      const SLOT = T0 + 6 * HOUR;
      async function scheduleId(): Promise<number> {
        return (await store.schedules.addSchedule(newSchedule())).id;
      }
      const claim = (id: number, token: string, now = SLOT, lease = 5 * MINUTE) =>
        store.deliveries.claimSlot({ scheduleId: id, slotAt: SLOT, token, now, leaseUntil: now + lease });

      it("lets exactly one claimant hold a slot, and settles it by token only", async () => {
        const id = await scheduleId();
        const results = await Promise.all(["a", "b", "c", "d"].map((t) => claim(id, t)));
        expect(results.filter(Boolean)).toHaveLength(1);
        const winner = ["a", "b", "c", "d"][results.indexOf(true)] ?? "";
        const loser = winner === "a" ? "b" : "a";
        const key = { scheduleId: id, slotAt: SLOT, at: SLOT + MINUTE };
        expect(await store.deliveries.settleSlot({ ...key, token: loser }, { status: "quiet" })).toBe(false);
        const posted = { status: "posted", messageId: "m1", channel: CHANNEL, articleIds: [] } as const;
        expect(await store.deliveries.settleSlot({ ...key, token: winner }, posted)).toBe(true);
        expect(await store.deliveries.settleSlot({ ...key, token: winner }, posted)).toBe(false);
        expect(await claim(id, "late", SLOT + HOUR)).toBe(false); // settled slots are final
        expect(await store.deliveries.listSlots(id, 5)).toEqual([
          {
            scheduleId: id,
            slotAt: SLOT,
            status: "posted",
            attempts: 1,
            leaseUntil: null,
            messageId: "m1",
            reason: null,
            updatedAt: SLOT + MINUTE,
          },
        ]);
      });

      it("lets a claim be taken over only after its lease ends, and lists ended leases", async () => {
        const id = await scheduleId();
        expect(await claim(id, "first")).toBe(true);
        expect(await claim(id, "second", SLOT + MINUTE)).toBe(false);
        expect(await store.deliveries.expiredClaims(SLOT + MINUTE)).toEqual([]);
        const expired = await store.deliveries.expiredClaims(SLOT + 5 * MINUTE);
        expect(expired).toMatchObject([{ scheduleId: id, slotAt: SLOT, status: "claimed", attempts: 1 }]);
        expect(await claim(id, "second", SLOT + 5 * MINUTE)).toBe(true);
        const key = { scheduleId: id, slotAt: SLOT, at: SLOT + 6 * MINUTE };
        expect(await store.deliveries.settleSlot({ ...key, token: "first" }, { status: "quiet" })).toBe(false);
        expect(
          await store.deliveries.settleSlot({ ...key, token: "second" }, { status: "failed", reason: "forbidden: x" }),
        ).toBe(true);
        expect((await store.deliveries.listSlots(id, 1))[0]).toMatchObject({
          status: "failed",
          attempts: 2,
          reason: "forbidden: x",
        });
      });

      it("releases a claim for a retry at a later time", async () => {
        const id = await scheduleId();
        expect(await claim(id, "t1")).toBe(true);
        const key = { scheduleId: id, slotAt: SLOT };
        expect(await store.deliveries.releaseSlot({ ...key, token: "other" }, SLOT + 2 * MINUTE, "x")).toBe(false);
        expect(
          await store.deliveries.releaseSlot({ ...key, token: "t1" }, SLOT + 2 * MINUTE, "rate_limited: slow down"),
        ).toBe(true);
        expect(await claim(id, "t2", SLOT + MINUTE)).toBe(false);
        expect(await store.deliveries.expiredClaims(SLOT + 2 * MINUTE)).toMatchObject([
          { scheduleId: id, reason: "rate_limited: slow down", attempts: 1 },
        ]);
        expect(await claim(id, "t2", SLOT + 2 * MINUTE)).toBe(true);
      });

      it("records skipped slots once, never over a live claim or a settled slot", async () => {
        const id = await scheduleId();
        const key = { scheduleId: id, slotAt: SLOT };
        expect(await store.deliveries.skipSlot(key, "missed", SLOT + 5 * HOUR)).toBe(true);
        expect(await store.deliveries.skipSlot(key, "missed again", SLOT + 6 * HOUR)).toBe(false);
        expect(await claim(id, "t", SLOT + 6 * HOUR)).toBe(false);
        const other = { scheduleId: id, slotAt: SLOT + 24 * HOUR };
        expect(
          await store.deliveries.claimSlot({
            ...other,
            token: "t",
            now: other.slotAt,
            leaseUntil: other.slotAt + 5 * MINUTE,
          }),
        ).toBe(true);
        expect(await store.deliveries.skipSlot(other, "no", other.slotAt + MINUTE)).toBe(false);
        expect(await store.deliveries.skipSlot(other, "crashed", other.slotAt + 5 * MINUTE)).toBe(true);
        expect((await store.deliveries.listSlots(id, 5)).map((s) => [s.status, s.reason])).toEqual([
          ["skipped", "crashed"],
          ["skipped", "missed"],
        ]);
        expect(await store.deliveries.skipSlot({ scheduleId: id + 100, slotAt: SLOT }, "gone", SLOT)).toBe(false);
      });

      it("refuses claims for paused or removed schedules", async () => {
        const id = await scheduleId();
        await store.schedules.updateSchedule(id, { pausedAt: T0, pausedReason: "x" });
        expect(await claim(id, "t")).toBe(false);
        await store.schedules.removeSchedule(id);
        expect(await claim(id, "t")).toBe(false);
      });

      it("reports each schedule's newest slot and newest delivered slot", async () => {
        const id = await scheduleId();
        const empty = await scheduleId();
        const day = 24 * HOUR;
        for (const [i, status] of (["posted", "quiet", "failed"] as const).entries()) {
          const slotAt = SLOT + i * day;
          await store.deliveries.claimSlot({
            scheduleId: id,
            slotAt,
            token: `t${i}`,
            now: slotAt,
            leaseUntil: slotAt + MINUTE,
          });
          const settlement =
            status === "posted"
              ? ({ status, messageId: "m", channel: CHANNEL, articleIds: [] } as const)
              : status === "failed"
                ? ({ status, reason: "error: x" } as const)
                : ({ status } as const);
          await store.deliveries.settleSlot({ scheduleId: id, slotAt, token: `t${i}`, at: slotAt }, settlement);
        }
        expect(await store.deliveries.slotHistory([id, empty, 999_999])).toEqual([
          { scheduleId: id, latestSlotAt: SLOT + 2 * day, latestDeliveredAt: SLOT + day },
          { scheduleId: empty, latestSlotAt: null, latestDeliveredAt: null },
          { scheduleId: 999_999, latestSlotAt: null, latestDeliveredAt: null },
        ]);
        expect(await store.deliveries.slotHistory([])).toEqual([]);
        expect((await store.deliveries.listSlots(id, 2)).map((s) => s.status)).toEqual(["failed", "quiet"]);
      });

      it("keeps each channel's posted articles with the post time, for 30 days", async () => {
        const id = await scheduleId();
        const post = async (slotAt: number, articleIds: number[]) => {
          await store.deliveries.claimSlot({
            scheduleId: id,
            slotAt,
            token: "t",
            now: slotAt,
            leaseUntil: slotAt + MINUTE,
          });
          await store.deliveries.settleSlot(
            { scheduleId: id, slotAt, token: "t", at: slotAt },
            { status: "posted", messageId: "m", channel: CHANNEL, articleIds },
          );
        };
        await post(SLOT, [3, 1, 2]);
        await post(SLOT + 24 * HOUR, [2, 4]);
        expect(await store.deliveries.postedArticleIds(CHANNEL, SLOT)).toEqual([1, 2, 3, 4]);
        expect(await store.deliveries.postedArticleIds(CHANNEL, SLOT + 1)).toEqual([2, 4]);
        expect(await store.deliveries.postedArticleIds({ ...CHANNEL, channelId: "C2" }, 0)).toEqual([]);
        await post(SLOT + 31 * 24 * HOUR, [9]);
        expect(await store.deliveries.postedArticleIds(CHANNEL, 0)).toEqual([2, 4, 9]);
      });
    });

    describe("events outbox", () => {
      it("records events, lists the undelivered oldest first, and forgets delivered ones", async () => {
        const feed = await feedId();
        const second = await store.events.recordEvent({
          kind: "feed_disabled",
          feedId: feed,
          origin: SLACK_ORIGIN,
          message: "Feed #1 was disabled after 10 failures.",
          createdAt: T0 + MINUTE,
        });
        const first = await store.events.recordEvent({
          kind: "feed_disabled",
          feedId: null,
          origin: null,
          message: "An earlier event.",
          createdAt: T0,
        });
        expect(second).toEqual({
          id: second.id,
          kind: "feed_disabled",
          feedId: feed,
          origin: SLACK_ORIGIN,
          message: "Feed #1 was disabled after 10 failures.",
          createdAt: T0 + MINUTE,
          deliveredAt: null,
        });
        expect(await store.events.pendingEvents(10)).toEqual([first, second]);
        expect(await store.events.pendingEvents(1)).toEqual([first]);

        await store.events.markEventDelivered(first.id, T0 + HOUR);
        expect(await store.events.pendingEvents(10)).toEqual([second]);
        await store.events.markEventDelivered(second.id, T0 + HOUR);
        await store.events.markEventDelivered(second.id, T0 + 2 * HOUR);
        expect(await store.events.pendingEvents(10)).toEqual([]);
      });

      it("keeps an undelivered event when its feed is removed", async () => {
        const feed = await feedId();
        await store.events.recordEvent({
          kind: "feed_disabled",
          feedId: feed,
          origin: SLACK_ORIGIN,
          message: "Disabled.",
          createdAt: T0,
        });
        await store.feeds.removeFeed(feed);
        const pending = await store.events.pendingEvents(10);
        expect(pending).toHaveLength(1);
        expect(pending[0]?.message).toBe("Disabled.");
      });
    });
  });
}
