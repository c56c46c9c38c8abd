// The story-alert ports on both engines (a SQLite file, PostgreSQL): watches and channel settings,
// and the alert ledger: one claim per story and per reply, lease takeover, settle by token only,
// held stories taken once for a round-up, post counts, outcomes removed with their article.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StoryClaim } from "../../src/briefing/alerts/alert-ports.js";
import type { Store } from "../../src/store/store.js";
import { storeFactories } from "../support/store-factories.js";
import { plainArticle, plainFeed, plainWatch, TEST_CHANNEL } from "../support/test-records.js";

const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);
const MINUTE = 60_000;
const OTHER = { ...TEST_CHANNEL, channelId: "C2" };

describe.each(storeFactories())("alert stores on $name", (factory) => {
  let store: Store;
  beforeEach(async () => {
    store = await factory.open();
  });
  afterEach(async () => {
    await store.close();
  });

  const claim = (overrides: Partial<StoryClaim> = {}): StoryClaim => ({
    channel: TEST_CHANNEL,
    storyKey: "s1",
    watchId: 1,
    headline: "Volcano erupts",
    articleIds: [1, 2],
    outlets: ["Reuters", "AP"],
    token: "a",
    now: T0,
    leaseUntil: T0 + 5 * MINUTE,
    ...overrides,
  });

  it("stores watches with their filters, lists them per channel, pauses and removes them", async () => {
    const watch = await store.watches.addWatch(
      plainWatch(T0, {
        sources: ["reuters"],
        minSources: 2,
        include: ["erupt*"],
        exclude: ['"keflavik airport"'],
        opinion: false,
      }),
    );
    await store.watches.addWatch({ ...watch, channel: OTHER, topic: null, sources: [], include: [], exclude: [] });
    expect(watch).toMatchObject({
      id: 1,
      sources: ["reuters"],
      exclude: ['"keflavik airport"'],
      opinion: false,
      pausedAt: null,
    });
    expect((await store.watches.listWatches(TEST_CHANNEL)).map((w) => w.id)).toEqual([1]);
    expect((await store.watches.listWatches()).map((w) => w.topic)).toEqual(["volcano", null]);
    expect((await store.watches.updateWatch(1, { pausedAt: T0 }, T0))?.pausedAt).toBe(T0);
    expect((await store.watches.activeWatches()).map((w) => w.id)).toEqual([2]);
    expect(await store.watches.updateWatch(9, { pausedAt: T0 }, T0)).toBeUndefined();
    expect(await store.watches.removeWatch(1)).toBe(true);
    expect(await store.watches.removeWatch(1)).toBe(false);
    expect(await store.watches.getAlertSettings(TEST_CHANNEL)).toBeNull();
    const settings = {
      channel: TEST_CHANNEL,
      perMinute: 2,
      perDay: 9,
      quietStart: 1320,
      quietEnd: 420,
      timeZone: "Europe/Berlin",
      updatedAt: T0,
    };
    await store.watches.setAlertSettings(settings);
    await store.watches.setAlertSettings({ ...settings, perDay: 10 });
    expect(await store.watches.getAlertSettings(TEST_CHANNEL)).toEqual({ ...settings, perDay: 10 });
  });

  it("claims a story once per channel, takes over an ended lease, and settles by token only", async () => {
    expect(await store.alerts.claimStory(claim())).toBe(true);
    expect(await store.alerts.claimStory(claim({ token: "b" }))).toBe(false);
    expect(await store.alerts.claimStory(claim({ channel: OTHER, token: "c" }))).toBe(true);
    expect(
      await store.alerts.settleStory({ channel: TEST_CHANNEL, storyKey: "s1", token: "b" }, T0, {
        status: "posted",
        messageId: "m",
      }),
    ).toBe(false);
    // The holder crashed: after its lease another takes the claim, and the old token settles nothing.
    expect(await store.alerts.claimStory(claim({ token: "b", now: T0 + 5 * MINUTE }))).toBe(true);
    expect(
      await store.alerts.settleStory({ channel: TEST_CHANNEL, storyKey: "s1", token: "a" }, T0, {
        status: "posted",
        messageId: "x",
      }),
    ).toBe(false);
    expect(
      await store.alerts.settleStory({ channel: TEST_CHANNEL, storyKey: "s1", token: "b" }, T0 + 6 * MINUTE, {
        status: "posted",
        messageId: "m1",
      }),
    ).toBe(true);
    expect(await store.alerts.claimStory(claim({ token: "d", now: T0 + 60 * MINUTE }))).toBe(false);
    const [record] = await store.alerts.channelStories(TEST_CHANNEL, 0);
    expect(record).toMatchObject({
      status: "posted",
      messageId: "m1",
      attempts: 2,
      editedSources: 2,
      postedAt: T0 + 6 * MINUTE,
    });
    await store.alerts.noteArticles(TEST_CHANNEL, "s1", [2, 3], T0 + 7 * MINUTE);
    expect((await store.alerts.channelStories(TEST_CHANNEL, 0))[0]?.articleIds.sort()).toEqual([1, 2, 3]);
    expect((await store.alerts.storiesWithArticle(3)).map((s) => s.channel.channelId)).toEqual(["C1"]);
    expect(await store.alerts.countPosts(TEST_CHANNEL, T0)).toBe(1);
    expect(await store.alerts.countPosts(TEST_CHANNEL, T0 + 7 * MINUTE)).toBe(0);
    await store.alerts.markEdited(TEST_CHANNEL, "s1", 3, T0);
    await store.alerts.stopReplies(TEST_CHANNEL, "s1", "message_gone: deleted", T0);
    await store.alerts.stopReplies(TEST_CHANNEL, "s1", "thread_closed: later", T0);
    expect((await store.alerts.channelStories(TEST_CHANNEL, 0))[0]).toMatchObject({
      editedSources: 3,
      repliesStopped: "message_gone: deleted",
    });
  });

  it("claims each thread reply once, and gives a released one back after its retry time", async () => {
    await store.alerts.claimStory(claim());
    const reply = {
      channel: TEST_CHANNEL,
      storyKey: "s1",
      outlet: "BBC",
      articleId: 3,
      token: "r1",
      now: T0,
      leaseUntil: T0 + MINUTE,
    };
    expect(await store.alerts.claimReply(reply)).toBe(true);
    expect(await store.alerts.claimReply({ ...reply, token: "r2" })).toBe(false);
    expect(await store.alerts.releaseReply({ ...reply }, T0 + 2 * MINUTE, "rate_limited: slow down")).toBe(true);
    expect(await store.alerts.claimReply({ ...reply, token: "r2", now: T0 + MINUTE })).toBe(false);
    expect(await store.alerts.claimReply({ ...reply, token: "r2", now: T0 + 2 * MINUTE })).toBe(true);
    expect(await store.alerts.settleReply({ ...reply, token: "r2" }, T0, { status: "posted", messageId: "t1" })).toBe(
      true,
    );
    expect(await store.alerts.replies(TEST_CHANNEL, ["s1"])).toEqual([
      expect.objectContaining({ outlet: "BBC", status: "posted", messageId: "t1", attempts: 2 }),
    ]);
    expect(await store.alerts.replies(TEST_CHANNEL, [])).toEqual([]);
  });

  it("holds stories once, hands them to one round-up claim, and records the round-up", async () => {
    const held = { ...claim(), reason: "rate limit: 1 post a minute" };
    expect(await store.alerts.holdStory({ ...held, storyKey: "s2" })).toBe(true);
    expect(await store.alerts.holdStory({ ...held, storyKey: "s2" })).toBe(false);
    expect(await store.alerts.holdStory({ ...held, storyKey: "s3" })).toBe(true);
    const [first, second] = await Promise.all([
      store.alerts.claimHeld(TEST_CHANNEL, "x", T0, T0 + MINUTE),
      store.alerts.claimHeld(TEST_CHANNEL, "y", T0, T0 + MINUTE),
    ]);
    expect([first?.length, second?.length].sort()).toEqual([0, 2]);
    const winner = first?.length === 2 ? "x" : "y";
    expect(await store.alerts.releaseRoundup(TEST_CHANNEL, winner, "error: refused")).toBe(2);
    expect((await store.alerts.claimHeld(TEST_CHANNEL, "z", T0, T0 + MINUTE)).length).toBe(2);
    expect(await store.alerts.lastRoundup(TEST_CHANNEL)).toBeNull();
    expect(
      await store.alerts.settleRoundup(TEST_CHANNEL, "z", T0 + MINUTE, { status: "posted", messageId: "r1" }),
    ).toBe(2);
    expect(await store.alerts.lastRoundup(TEST_CHANNEL)).toEqual({
      channel: TEST_CHANNEL,
      messageId: "r1",
      storyCount: 2,
      postedAt: T0 + MINUTE,
    });
    expect((await store.alerts.channelStories(TEST_CHANNEL, 0)).map((s) => s.status)).toEqual(["rounded", "rounded"]);
  });

  it("records outcomes per article and watch, finds articles by URL, and drops outcomes with their article", async () => {
    const feed = await store.feeds.addFeed(plainFeed("https://a.example/rss"));
    await store.articles.upsertArticles(feed.id, [plainArticle("a.example", "1", "Text one.", { publishedAt: T0 })], {
      backlog: false,
    });
    const watch = await store.watches.addWatch(plainWatch(T0, { createdBy: null, topic: null }));
    const id = (await store.alerts.articleIdByUrl("https://a.example/a/1")) as number;
    expect(id).toBe(1);
    expect(await store.alerts.articleIdByUrl("https://a.example/a/2")).toBeNull();
    const outcome = {
      articleId: id,
      watchId: watch.id,
      outcome: "filtered" as const,
      detail: "exclude: sport",
      storyKey: null,
      at: T0,
    };
    await store.alerts.recordOutcomes([
      outcome,
      { ...outcome, articleId: 99 },
      { ...outcome, outcome: "held", detail: "quiet hours" },
    ]);
    expect(await store.alerts.outcomesForArticle(id)).toEqual([{ ...outcome, outcome: "held", detail: "quiet hours" }]);
    await store.articles.pruneArticles(T0 + 1);
    expect(await store.alerts.outcomesForArticle(id)).toEqual([]);
  });
});
