// The alert pass on real stores (SQLite file and PostgreSQL): one post per story per channel,
// thread replies and edits as outlets join, filters, flood control with one round-up, quiet hours,
// backlog, records that fail before they are stored, a restart mid-thread, two runners at once.
import { afterEach, describe, expect, it } from "vitest";
import type { AlertLedger } from "../../../src/briefing/alerts/alert-ports.js";
import type { AlertPublisher } from "../../../src/briefing/alerts/alert-publisher.js";
import { createMuteStory } from "../../../src/briefing/alerts/mute-story.js";
import { type AlertRunDeps, runAlertPass } from "../../../src/briefing/alerts/run-alert-pass.js";
import { defaultAlertSettings, type NewWatch } from "../../../src/briefing/alerts/watch.js";
import type { NewArticle } from "../../../src/briefing/article.js";
import { openStore } from "../../../src/store/open-store.js";
import type { Store } from "../../../src/store/store.js";
import { alertRunDeps } from "../../support/alert-run-deps.js";
import { RecordingAlertPublisher } from "../../support/recording-alert-publisher.js";
import { storeFactories, TEST_STORE_OPTIONS } from "../../support/store-factories.js";
import { plainFeed, plainWatch, TEST_CHANNEL } from "../../support/test-records.js";
import { unclusteredWord } from "../../support/unclustered-word.js";

const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);
const MINUTE = 60_000;
const ORIGIN = { ...TEST_CHANNEL, userId: "U1" };

function article(host: string, key: string, title: string, text: string, at: number): NewArticle {
  return {
    url: `https://${host}/news/${key}`,
    guid: key,
    title,
    author: null,
    publishedAt: at,
    publishedAtEstimated: false,
    fetchedAt: at,
    summary: null,
    text,
    contentHash: `${host}/${key}`,
    language: "en",
  };
}

const ERUPTION = [
  {
    host: "reuters.example",
    name: "Reuters",
    title: "Volcano erupts near Reykjavik, flights cancelled",
    text: "The Hekla volcano erupted near Reykjavik on Tuesday morning. Ash fell across the capital and flights were cancelled at Keflavik airport.",
  },
  {
    host: "ap.example",
    name: "AP",
    title: "Hekla volcano eruption near Reykjavik grounds flights",
    text: "Iceland's Hekla volcano erupted near Reykjavik on Tuesday. Keflavik airport cancelled flights as ash fell over the capital.",
  },
  {
    host: "bbc.example",
    name: "BBC",
    title: "Iceland volcano: Hekla erupts, Keflavik flights cancelled",
    text: "Hekla, the volcano near Reykjavik, erupted on Tuesday morning, and ash over the capital cancelled flights at Keflavik.",
  },
] as const;

/** The publisher's methods as an object of their own, so a test can wrap one. */
function bound(publisher: RecordingAlertPublisher): AlertPublisher {
  return {
    postStory: publisher.postStory.bind(publisher),
    replyInThread: publisher.replyInThread.bind(publisher),
    editStory: publisher.editStory.bind(publisher),
    postRoundup: publisher.postRoundup.bind(publisher),
  };
}

/** One post a minute, quiet 12:30-14:00 Berlin time (T0, 12:00 UTC, is 13:00 there). */
function berlinQuietHours() {
  return {
    channel: TEST_CHANNEL,
    perMinute: 1,
    perDay: 30,
    quietStart: 12 * 60 + 30,
    quietEnd: 14 * 60,
    timeZone: "Europe/Berlin",
    updatedAt: T0,
  };
}

for (const factory of storeFactories()) {
  describe(`runAlertPass on ${factory.name}`, () => {
    const open: Store[] = [];
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });

    async function setup(watch: Partial<NewWatch> = {}) {
      const store = await factory.open();
      open.push(store);
      const publisher = new RecordingAlertPublisher();
      const clock = { t: T0 };
      const feeds = new Map<string, number>();
      for (const outlet of ERUPTION) {
        const feed = await store.feeds.addFeed(
          plainFeed(`https://${outlet.host}/rss`, { title: outlet.name, origin: ORIGIN }),
        );
        feeds.set(outlet.name, feed.id);
      }
      const created = await store.watches.addWatch(plainWatch(T0, watch));
      const deps = (overrides: Partial<AlertRunDeps> = {}) => alertRunDeps(store, publisher, () => clock.t, overrides);
      const report = async (i: number, at = clock.t) => {
        const outlet = ERUPTION[i] as (typeof ERUPTION)[number];
        await store.articles.upsertArticles(
          feeds.get(outlet.name) as number,
          [article(outlet.host, `hekla-${i}`, outlet.title, outlet.text, at)],
          { backlog: false },
        );
      };
      return { store, publisher, clock, feeds, watch: created, deps, report };
    }

    it("posts one event reported by three outlets over three passes once, with two thread replies and two edits", async () => {
      const { store, publisher, clock, deps, report } = await setup();
      for (let i = 0; i < 3; i += 1) {
        clock.t = T0 + (i + 1) * 5 * MINUTE;
        await report(i);
        await runAlertPass(deps());
      }
      await runAlertPass(deps());
      expect(publisher.of("post")).toHaveLength(1);
      const parent = publisher.of("post")[0]?.messageId;
      expect(publisher.of("reply").map((r) => [r.reply?.source, r.parentId])).toEqual([
        ["AP", parent],
        ["BBC", parent],
      ]);
      expect(publisher.of("reply")[0]?.reply?.sentence?.text).toBeTruthy();
      expect(publisher.of("edit").map((e) => e.alert?.story.sources.length)).toEqual([2, 3]);
      // What /watch why reads: the first report posted, the others replied, kept across later passes.
      const outcomes = [];
      for (const i of [0, 1, 2]) {
        const host = ERUPTION[i]?.host;
        const id = (await store.alerts.articleIdByUrl(`https://${host}/news/hekla-${i}`)) as number;
        outcomes.push((await store.alerts.outcomesForArticle(id)).map((o) => o.outcome));
      }
      expect(outcomes).toEqual([["posted"], ["replied"], ["replied"]]);
    });

    it("does not post a story an exclude pattern filters, and records which filter dropped it", async () => {
      const { store, publisher, clock, deps, report, watch } = await setup({ exclude: ['"keflavik airport"'] });
      clock.t = T0 + MINUTE;
      await report(0);
      await runAlertPass(deps());
      expect(publisher.sent).toHaveLength(0);
      const id = await store.alerts.articleIdByUrl("https://reuters.example/news/hekla-0");
      const outcomes = await store.alerts.outcomesForArticle(id as number);
      expect(outcomes).toEqual([expect.objectContaining({ watchId: watch.id, outcome: "filtered" })]);
      expect(outcomes[0]?.detail).toContain("keflavik airport");
    });

    it("waits for min-sources before posting", async () => {
      const { publisher, clock, deps, report } = await setup({ minSources: 2 });
      clock.t = T0 + MINUTE;
      await report(0);
      await runAlertPass(deps());
      expect(publisher.sent).toHaveLength(0);
      clock.t = T0 + 5 * MINUTE;
      await report(1);
      await runAlertPass(deps());
      expect(publisher.of("post")).toHaveLength(1);
      expect(
        publisher
          .of("post")[0]
          ?.alert?.story.sources.map((s) => s.name)
          .sort(),
      ).toEqual(["AP", "Reuters"]);
    });

    it("posts 40 new stories of one minute as rate-limited posts and one round-up", async () => {
      const { store, publisher, clock, deps, feeds } = await setup({ topic: null });
      clock.t = T0 + MINUTE;
      const many = Array.from({ length: 40 }, (_, i) => {
        const words = [0, 1, 2, 3, 4].map((s) => unclusteredWord(i, s));
        return article(
          "reuters.example",
          `many-${i}`,
          `${words[0]} ${words[1]} ${words[2]}`,
          `${words.join(" ")}. ${words[3]} ${words[4]} ${words[0]}.`,
          clock.t,
        );
      });
      await store.articles.upsertArticles(feeds.get("Reuters") as number, many, { backlog: false });
      const first = await runAlertPass(deps());
      expect(first.posted).toBe(1);
      expect(publisher.of("post")).toHaveLength(1);
      expect(publisher.of("roundup")).toHaveLength(1);
      expect(publisher.of("roundup")[0]?.card?.title).toBe("39 more stories");
      // The next minute: nothing new, nothing repeated.
      clock.t += MINUTE;
      await runAlertPass(deps());
      expect(publisher.of("post")).toHaveLength(1);
      expect(publisher.of("roundup")).toHaveLength(1);
    });

    it("follows, without a topic, the feeds this channel subscribes to (and no others)", async () => {
      const { store, publisher, clock, deps } = await setup({ topic: null });
      const subscribed = await store.feeds.addFeed(plainFeed("https://sub.example/rss", { title: "Subscribed" }));
      const elsewhere = await store.feeds.addFeed(plainFeed("https://else.example/rss", { title: "Elsewhere" }));
      await store.feeds.subscribeChannel(subscribed.id, TEST_CHANNEL, "U1", T0);
      clock.t = T0 + MINUTE;
      for (const [feed, i] of [
        [subscribed, 1],
        [elsewhere, 2],
      ] as const) {
        const words = [0, 1, 2].map((s) => unclusteredWord(i, s));
        await store.articles.upsertArticles(
          feed.id,
          [article(`${i}.example`, `w${i}`, words.join(" "), `${words.join(" ")}.`, clock.t)],
          { backlog: false },
        );
      }
      await runAlertPass(deps());
      expect(publisher.of("post").map((p) => p.alert?.story.sources[0]?.name)).toEqual(["Subscribed"]);
    });

    it("holds stories during quiet hours and posts them as one summary when they end", async () => {
      const { store, publisher, clock, deps, report } = await setup();
      // 12:00 UTC is 13:00 in Berlin: quiet 12:30-14:00 local.
      await store.watches.setAlertSettings(berlinQuietHours());
      clock.t = T0 + 5 * MINUTE;
      await report(0);
      await runAlertPass(deps());
      expect(publisher.sent).toHaveLength(0);
      clock.t = T0 + 61 * MINUTE; // 14:01 in Berlin
      await runAlertPass(deps());
      expect(publisher.of("post")).toHaveLength(0);
      expect(publisher.of("roundup")).toHaveLength(1);
      expect(publisher.of("roundup")[0]?.card?.title).toContain("quiet");
    });

    it("pauses the watch when the channel refuses the quiet-hours summary", async () => {
      const { store, publisher, clock, deps, report } = await setup();
      await store.watches.setAlertSettings(berlinQuietHours());
      clock.t = T0 + 5 * MINUTE;
      await report(0);
      await runAlertPass(deps());
      publisher.sticky.set("roundup", { ok: false, reason: "forbidden", detail: "Missing Permissions" });
      clock.t = T0 + 61 * MINUTE;
      expect(await runAlertPass(deps())).toMatchObject({ failed: 1, paused: 1 });
      expect((await store.watches.listWatches())[0]?.pausedAt).toBe(clock.t);
      expect((await store.events.pendingEvents(10)).map((e) => e.kind)).toEqual(["watch_paused"]);
    });

    it("pauses the watch when briefbot was removed from the channel after posting (a thread reply refused)", async () => {
      const { store, publisher, clock, deps, report } = await setup();
      clock.t = T0 + MINUTE;
      await report(0);
      await runAlertPass(deps());
      publisher.sticky.set("reply", { ok: false, reason: "channel_not_found", detail: "channel_not_found" });
      clock.t += 5 * MINUTE;
      await report(1);
      expect(await runAlertPass(deps())).toMatchObject({ failed: 1, paused: 1 });
      clock.t += 5 * MINUTE;
      await report(2);
      expect(await runAlertPass(deps())).toMatchObject({ watches: 0, failed: 0 });
      expect(publisher.of("edit")).toHaveLength(0);
      expect((await store.events.pendingEvents(10)).map((e) => e.kind)).toEqual(["watch_paused"]);
    });

    it("never posts a feed's backlog, nor articles first seen before the watch was made", async () => {
      const { store, publisher, clock, deps, feeds } = await setup({ topic: null });
      clock.t = T0 + MINUTE;
      const outlet = ERUPTION[0];
      await store.articles.upsertArticles(
        feeds.get("Reuters") as number,
        [article(outlet.host, "old", outlet.title, outlet.text, T0 - MINUTE)],
        { backlog: false },
      );
      await store.articles.upsertArticles(
        feeds.get("AP") as number,
        Array.from({ length: 5 }, (_, i) =>
          article(
            "ap.example",
            `b${i}`,
            `${unclusteredWord(i, 1)} ${unclusteredWord(i, 2)}`,
            unclusteredWord(i, 3),
            clock.t,
          ),
        ),
        { backlog: true },
      );
      await runAlertPass(deps());
      expect(publisher.sent).toHaveLength(0);
    });

    it("does not post again when the record of an accepted post fails at first and is stored later", async () => {
      const { store, publisher, clock, deps, report } = await setup();
      let failures = 2;
      const flaky: AlertLedger = Object.create(store.alerts);
      flaky.settleStory = async (...args) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error("database is locked");
        }
        return store.alerts.settleStory(...args);
      };
      clock.t = T0 + MINUTE;
      await report(0);
      await runAlertPass(deps({ alerts: flaky }));
      expect(failures).toBe(0);
      clock.t += 10 * MINUTE; // past any lease
      await runAlertPass(deps());
      expect(publisher.of("post")).toHaveLength(1);
    });

    it("never sends an unconfirmed post again", async () => {
      const { publisher, clock, deps, report } = await setup();
      publisher.failNext.set("post", [{ ok: false, reason: "unconfirmed", detail: "timed out after 30 s" }]);
      clock.t = T0 + MINUTE;
      await report(0);
      const first = await runAlertPass(deps());
      expect(first.failed).toBe(1);
      clock.t += 10 * MINUTE;
      await runAlertPass(deps());
      expect(publisher.of("post")).toHaveLength(1);
    });

    it("stops replying to a story whose parent message is gone, without reposting it", async () => {
      const { publisher, clock, deps, report } = await setup();
      clock.t = T0 + MINUTE;
      await report(0);
      await runAlertPass(deps());
      publisher.failNext.set("reply", [{ ok: false, reason: "message_gone", detail: "message deleted" }]);
      clock.t += 5 * MINUTE;
      await report(1);
      await runAlertPass(deps());
      clock.t += 5 * MINUTE;
      await report(2);
      await runAlertPass(deps());
      expect(publisher.of("post")).toHaveLength(1);
      expect(publisher.of("reply")).toHaveLength(0);
      expect(publisher.of("edit")).toHaveLength(0);
    });

    it("pauses the channel's watches when it refuses a post, tells each creator, and stops trying until resumed", async () => {
      const { store, publisher, clock, feeds, watch, deps, report } = await setup();
      const other = await store.watches.addWatch(plainWatch(T0, { createdBy: "U2", topic: "eruption" }));
      let attempts = 0;
      const counted: AlertPublisher = {
        postStory: (target, alert) => {
          attempts += 1;
          return publisher.postStory(target, alert);
        },
        replyInThread: (parent, reply) => publisher.replyInThread(parent, reply),
        editStory: (parent, alert) => publisher.editStory(parent, alert),
        postRoundup: (target, card) => publisher.postRoundup(target, card),
      };
      publisher.sticky.set("post", { ok: false, reason: "not_in_channel", detail: "not_in_channel" });
      clock.t = T0 + MINUTE;
      await report(0);
      const first = await runAlertPass(deps({ publisher: counted }));
      expect(first).toMatchObject({ failed: 1, paused: 2 });
      expect((await store.watches.listWatches()).map((w) => w.pausedAt)).toEqual([clock.t, clock.t]);
      const events = await store.events.pendingEvents(10);
      expect(events.map((e) => [e.kind, e.origin?.userId, e.origin?.channelId])).toEqual([
        ["watch_paused", "U1", TEST_CHANNEL.channelId],
        ["watch_paused", "U2", TEST_CHANNEL.channelId],
      ]);
      expect(events[0]?.message).toContain("not_in_channel");
      expect(events[0]?.message).toContain(`/watch resume ${watch.id}`);
      expect(events[1]?.message).toContain(`/watch resume ${other.id}`);

      // Another volcano story: nothing is tried while the watches are paused.
      const chile = () =>
        store.articles.upsertArticles(
          feeds.get("AP") as number,
          [
            article(
              "ap.example",
              "villarrica",
              "Villarrica volcano in Chile spews lava, villages evacuated",
              "Chilean authorities evacuated villages around the Villarrica volcano as lava flowed down its slopes.",
              clock.t,
            ),
          ],
          { backlog: false },
        );
      clock.t += 5 * MINUTE;
      await chile();
      const second = await runAlertPass(deps({ publisher: counted }));
      expect(second).toMatchObject({ watches: 0, paused: 0 });
      expect(attempts).toBe(1);
      expect(await store.events.pendingEvents(10)).toHaveLength(2);

      // Resumed (briefbot was invited): the next story in the window is posted.
      publisher.sticky.delete("post");
      await store.watches.updateWatch(watch.id, { pausedAt: null }, clock.t);
      clock.t += MINUTE;
      await runAlertPass(deps({ publisher: counted }));
      expect(publisher.of("post").map((p) => p.alert?.story.headline)).toEqual([
        "Villarrica volcano in Chile spews lava, villages evacuated",
      ]);
    });

    it("sends no more thread replies or edits for a story an admin muted", async () => {
      const { store, publisher, clock, deps, report } = await setup();
      clock.t = T0 + MINUTE;
      await report(0);
      await runAlertPass(deps());
      const storyKey = publisher.of("post")[0]?.alert?.storyKey as string;
      const mute = createMuteStory({ alerts: store.alerts, clock: { now: () => clock.t } });
      const command = { kind: "mute-story", storyKey, channel: TEST_CHANNEL, userId: "U1" } as const;
      expect(await mute(command)).toMatchObject({ title: "Story muted" });
      expect(await mute(command)).toMatchObject({ title: "Story already quiet" });
      expect(await mute({ ...command, storyKey: "s999" })).toMatchObject({ code: "story_not_found" });
      clock.t += 5 * MINUTE;
      await report(1);
      await runAlertPass(deps());
      expect(publisher.of("reply")).toHaveLength(0);
      expect(publisher.of("edit")).toHaveLength(0);
      expect(publisher.of("post")).toHaveLength(1);
    });

    it("leases each story claim from when it is made: a story claimed after a long post is not another's to post", async () => {
      const { store, publisher, clock, deps, feeds } = await setup({ topic: null });
      await store.watches.setAlertSettings({ ...defaultAlertSettings(TEST_CHANNEL, "UTC"), perMinute: 2 });
      clock.t = T0 + MINUTE;
      const two = [0, 1].map((i) => {
        const words = [0, 1, 2, 3, 4].map((s) => unclusteredWord(i, s));
        return article("reuters.example", `two-${i}`, words.slice(0, 3).join(" "), `${words.join(" ")}.`, clock.t);
      });
      await store.articles.upsertArticles(feeds.get("Reuters") as number, two, { backlog: false });
      const takenOver: boolean[] = [];
      const slow: AlertPublisher = bound(publisher);
      slow.postStory = async (...args) => {
        if (publisher.of("post").length === 0) {
          clock.t += 2 * MINUTE; // the first post outlasts a whole lease
        } else {
          // Another instance (a seat handover) reads the ledger while the second story is being posted.
          const [second] = (await store.alerts.channelStories(TEST_CHANNEL, 0)).filter((r) => r.status === "claimed");
          takenOver.push(
            await store.alerts.claimStory({
              channel: TEST_CHANNEL,
              storyKey: second?.storyKey ?? "",
              token: "another-instance",
              watchId: second?.watchId ?? 0,
              headline: second?.headline ?? "",
              articleIds: second?.articleIds ?? [],
              outlets: second?.outlets ?? [],
              now: clock.t,
              leaseUntil: clock.t + MINUTE,
            }),
          );
        }
        return publisher.postStory(...args);
      };
      const report = await runAlertPass(deps({ publisher: slow, options: { leaseMs: MINUTE } }));
      expect(report.posted).toBe(2);
      expect(publisher.of("post")).toHaveLength(2);
      expect(takenOver).toEqual([false]);
      expect((await store.alerts.channelStories(TEST_CHANNEL, 0)).map((r) => r.status)).toEqual(["posted", "posted"]);
    });

    it("leases the round-up's claim from when it is made: stories held behind a long post are not another's to round up", async () => {
      const { store, publisher, clock, deps, feeds } = await setup({ topic: null });
      clock.t = T0 + MINUTE;
      const three = [0, 1, 2].map((i) => {
        const words = [0, 1, 2, 3, 4].map((s) => unclusteredWord(i, s));
        return article("reuters.example", `three-${i}`, words.slice(0, 3).join(" "), `${words.join(" ")}.`, clock.t);
      });
      await store.articles.upsertArticles(feeds.get("Reuters") as number, three, { backlog: false });
      const takenOver: number[] = [];
      const slow: AlertPublisher = bound(publisher);
      slow.postStory = async (...args) => {
        clock.t += 2 * MINUTE; // the one post the minute allows outlasts a whole lease
        return publisher.postStory(...args);
      };
      slow.postRoundup = async (target, card) => {
        // Another instance (a seat handover) looks for held stories while the round-up is posted.
        takenOver.push(
          (await store.alerts.claimHeld(TEST_CHANNEL, "another-instance", clock.t, clock.t + MINUTE)).length,
        );
        return publisher.postRoundup(target, card);
      };
      const report = await runAlertPass(deps({ publisher: slow, options: { leaseMs: MINUTE } }));
      expect(report).toMatchObject({ posted: 1, roundups: 1 });
      expect(publisher.of("roundup")[0]?.card?.title).toBe("2 more stories");
      expect(takenOver).toEqual([0]);
    });

    it("leases each reply claim from when it is made: a reply claimed after a long reply is not another's to post", async () => {
      const { store, publisher, clock, deps, report } = await setup();
      clock.t = T0 + MINUTE;
      await report(0);
      await runAlertPass(deps());
      clock.t += 5 * MINUTE;
      await report(1);
      await report(2);
      const [posted] = await store.alerts.channelStories(TEST_CHANNEL, 0);
      const takenOver: boolean[] = [];
      const slow: AlertPublisher = bound(publisher);
      slow.replyInThread = async (parent, reply) => {
        if (publisher.of("reply").length === 0) {
          clock.t += 2 * MINUTE; // the first reply outlasts a whole lease
        } else {
          takenOver.push(
            await store.alerts.claimReply({
              channel: TEST_CHANNEL,
              storyKey: posted?.storyKey ?? "",
              outlet: reply.source,
              articleId: (await store.alerts.articleIdByUrl(reply.url ?? "")) ?? 0,
              token: "another-instance",
              now: clock.t,
              leaseUntil: clock.t + MINUTE,
            }),
          );
        }
        return publisher.replyInThread(parent, reply);
      };
      await runAlertPass(deps({ publisher: slow, options: { leaseMs: MINUTE } }));
      expect(publisher.of("reply").map((r) => r.reply?.source)).toEqual(["AP", "BBC"]);
      expect(takenOver).toEqual([false]);
      expect((await store.alerts.replies(TEST_CHANNEL, [posted?.storyKey ?? ""])).map((r) => r.status)).toEqual([
        "posted",
        "posted",
      ]);
    });

    it("neither repeats nor loses a thread reply across a restart", async () => {
      const { store, publisher, clock, deps, report } = await setup();
      clock.t = T0 + MINUTE;
      await report(0);
      await runAlertPass(deps());
      clock.t += 5 * MINUTE;
      await report(1);
      // The process dies after claiming the AP reply and before posting it.
      const [posted] = await store.alerts.channelStories(TEST_CHANNEL, 0);
      const apId = (await store.alerts.articleIdByUrl("https://ap.example/news/hekla-1")) as number;
      expect(
        await store.alerts.claimReply({
          channel: TEST_CHANNEL,
          storyKey: posted?.storyKey ?? "",
          outlet: "AP",
          articleId: apId,
          token: "dead-process",
          now: clock.t,
          leaseUntil: clock.t + 5 * MINUTE,
        }),
      ).toBe(true);
      // A restart: a new connection to the same database.
      const reopened = await openStore(await factory.database(), TEST_STORE_OPTIONS);
      open.push(reopened);
      const restarted = (o: Partial<AlertRunDeps> = {}) =>
        deps({
          watches: reopened.watches,
          alerts: reopened.alerts,
          articles: reopened.articles,
          feeds: reopened.feeds,
          ...o,
        });
      await runAlertPass(restarted()); // the claim's lease still runs: nothing yet, and no duplicate
      expect(publisher.of("reply")).toHaveLength(0);
      clock.t += 6 * MINUTE;
      await runAlertPass(restarted());
      await runAlertPass(restarted());
      expect(publisher.of("reply").map((r) => r.reply?.source)).toEqual(["AP"]);
      clock.t += MINUTE;
      await report(2);
      await runAlertPass(restarted());
      expect(publisher.of("reply").map((r) => r.reply?.source)).toEqual(["AP", "BBC"]);
      expect(publisher.of("post")).toHaveLength(1);
    });

    if (factory.name === "postgres") {
      it("posts once when two pass runners share the database", async () => {
        const { publisher, clock, deps, report } = await setup();
        const second = await openStore(await factory.database(), TEST_STORE_OPTIONS);
        open.push(second);
        const other = new RecordingAlertPublisher();
        // The second runner read the ledger before the first one claimed anything: only the
        // claims themselves can keep it from posting again.
        const stale: AlertLedger = Object.create(second.alerts);
        stale.channelStories = async () => [];
        stale.replies = async () => [];
        clock.t = T0 + MINUTE;
        await report(0);
        await Promise.all([
          runAlertPass(deps()),
          runAlertPass(deps({ watches: second.watches, alerts: stale, articles: second.articles, publisher: other })),
        ]);
        clock.t += 5 * MINUTE;
        await report(1);
        await Promise.all([
          runAlertPass(deps()),
          runAlertPass(deps({ watches: second.watches, alerts: stale, articles: second.articles, publisher: other })),
        ]);
        const all = [...publisher.sent, ...other.sent];
        expect(all.filter((s) => s.op === "post")).toHaveLength(1);
        expect(all.filter((s) => s.op === "reply")).toHaveLength(1);
      });
    }
  });
}
