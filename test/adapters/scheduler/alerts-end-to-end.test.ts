// Story alerts end to end: RSS feeds on a loopback server polled into a real store (SQLite file,
// PostgreSQL), alert passes posting through the real Slack and Discord publishers to their fakes:
// one post, thread replies and edits as outlets join; a filtered story and /watch why; flood control;
// a restart mid-thread; two instances on one PostgreSQL database.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { deliverAnnouncements } from "../../../src/adapters/chat/deliver-announcements.js";
import { startSlack } from "../../../src/adapters/slack/start-slack.js";
import type { AlertLedger } from "../../../src/briefing/alerts/alert-ports.js";
import { runAlertPass } from "../../../src/briefing/alerts/run-alert-pass.js";
import { parseCommand } from "../../../src/briefing/commands/command.js";
import { handleCommand } from "../../../src/briefing/commands/handle-command.js";
import type { Origin } from "../../../src/briefing/feed.js";
import {
  type AlertWorld,
  discordAlertPublisher,
  FeedHost,
  type FeedItem,
  openAlertWorld,
  routing,
  SLACK_BOT_TOKEN,
  slackAlertPublisher,
  slackChatPublisher,
} from "../../support/alert-e2e-world.js";
import { type FakeDiscord, startFakeDiscord } from "../../support/fake-discord.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/fake-slack-api.js";
import { postgresTestDatabase } from "../../support/postgres-test-database.js";
import { silentLogger } from "../../support/store-factories.js";
import { unclusteredWord } from "../../support/unclustered-word.js";
import { postSlashCommand } from "../slack/signed-slash-command.js";
import { SIGNING_SECRET } from "../slack/slack-test-app.js";

const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);
const MINUTE = 60_000;

const OUTLETS = [
  {
    name: "reuters",
    title: "Reuters",
    headline: "Volcano erupts near Reykjavik, flights cancelled",
    text: "The Hekla volcano erupted near Reykjavik on Tuesday morning. Ash fell across the capital and flights were cancelled at Keflavik airport.",
  },
  {
    name: "ap",
    title: "AP",
    headline: "Hekla volcano eruption near Reykjavik grounds flights",
    text: "Iceland's Hekla volcano erupted near Reykjavik on Tuesday. Keflavik airport cancelled flights as ash fell over the capital.",
  },
  {
    name: "bbc",
    title: "BBC",
    headline: "Iceland volcano: Hekla erupts, Keflavik flights cancelled",
    text: "Hekla, the volcano near Reykjavik, erupted on Tuesday morning, and ash over the capital cancelled flights at Keflavik.",
  },
] as const;

const SLACK: Origin = { platform: "slack", workspaceId: "T1", channelId: "CALERT", userId: "UADMIN" };
const DISCORD: Origin = {
  platform: "discord",
  workspaceId: "110000000000000001",
  channelId: "210000000000000042",
  userId: "310000000000000001",
};

function report(feeds: FeedHost, i: number, at: number): FeedItem {
  const outlet = OUTLETS[i] as (typeof OUTLETS)[number];
  const item = {
    guid: `hekla-${outlet.name}`,
    title: outlet.headline,
    link: `${feeds.server.origin}/news/${outlet.name}/hekla`,
    text: outlet.text,
    publishedAt: at,
  };
  feeds.publish(outlet.name, item);
  return item;
}

describe("story alerts through the platform fakes", () => {
  let slack: FakeSlackApi;
  let discord: FakeDiscord;
  let feeds: FeedHost;
  let dir: string;
  let files = 0;
  const worlds: AlertWorld[] = [];
  const postgres = postgresTestDatabase();

  beforeAll(async () => {
    slack = await startFakeSlackApi();
    discord = await startFakeDiscord();
    dir = mkdtempSync(join(tmpdir(), "briefbot-alerts-e2e-"));
  });
  afterEach(async () => {
    await Promise.all(worlds.splice(0).map((w) => w.close()));
    await feeds?.close();
  });
  afterAll(async () => {
    await slack?.close();
    await discord?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function sqliteFile(): string {
    files += 1;
    return join(dir, `alerts-${files}.db`);
  }

  async function world(database: string, env: Record<string, string> = {}): Promise<AlertWorld> {
    const opened = await openAlertWorld(database, silentLogger, T0, env);
    worlds.push(opened);
    return opened;
  }

  /** Fresh feeds (served, added, polled once empty so later items are news, not backlog). */
  async function setUp(
    w: AlertWorld,
    watches: { origin: Origin; line: string }[],
    feedOrigin: Origin = SLACK,
  ): Promise<void> {
    feeds = await FeedHost.start();
    for (const outlet of OUTLETS) {
      const url = feeds.serve(outlet.name, outlet.title);
      await w.app.store.feeds.addFeed({
        url,
        title: outlet.title,
        siteLink: null,
        origin: feedOrigin,
        refreshMinutes: 15,
        nextFetchAt: 0,
        createdAt: T0,
      });
    }
    for (const { origin, line } of watches) {
      const reply = await handleCommand(w.app.deps, parseCommand(line), { origin, isAdmin: true });
      expect(reply).toMatchObject({ kind: "notice", title: "Watch added" });
    }
    expect(await w.poll()).toBe(0);
  }

  const top = (channel: string) => slack.messages(channel).filter((m) => m.threadTs === null);

  it("posts one event reported by three outlets once, with two thread replies and two edits (Slack and Discord)", async () => {
    const w = await world(sqliteFile());
    await setUp(w, [
      { origin: SLACK, line: "/watch volcano" },
      { origin: DISCORD, line: "/watch volcano" },
    ]);
    const publisher = routing(
      slackAlertPublisher(slack.apiUrl, silentLogger),
      discordAlertPublisher(discord.apiUrl, w.app.deps.clock, silentLogger),
    );
    for (let i = 0; i < 3; i += 1) {
      w.clock.t += 20 * MINUTE;
      report(feeds, i, w.clock.t - MINUTE);
      expect(await w.poll()).toBe(1);
      await runAlertPass(w.deps(publisher));
    }
    w.clock.t += MINUTE;
    await runAlertPass(w.deps(publisher)); // nothing new: nothing repeated

    const [parent, ...others] = top("CALERT");
    expect(others).toHaveLength(0);
    expect(parent?.edits).toBe(2);
    expect(parent?.text).toContain("3 sources");
    const replies = slack.thread("CALERT", parent?.ts ?? "");
    expect(replies.map((r) => (r.text ?? "").split(":")[0])).toEqual(["+ AP", "+ BBC"]);

    const [message, ...more] = discord.channelMessages(DISCORD.channelId ?? "");
    expect(more).toHaveLength(0);
    expect(message?.edits).toBe(2);
    expect(discord.thread(message?.id ?? "")).toBeDefined();
    const threadMessages = discord.channelMessages(message?.id ?? "");
    expect(threadMessages.map((m) => JSON.stringify(m.body))).toEqual([
      expect.stringContaining("AP"),
      expect.stringContaining("BBC"),
    ]);
  });

  it("does not post a filtered story, and /watch why through Slack's slash command names the filter", async () => {
    const w = await world(sqliteFile(), {
      SLACK_BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
    });
    await setUp(w, [{ origin: { ...SLACK, channelId: "CFILTER" }, line: '/watch volcano exclude:"keflavik airport"' }]);
    const publisher = routing(slackAlertPublisher(slack.apiUrl, silentLogger));
    w.clock.t += 20 * MINUTE;
    const item = report(feeds, 0, w.clock.t - MINUTE);
    await w.poll();
    await runAlertPass(w.deps(publisher));
    expect(slack.messages("CFILTER")).toHaveLength(0);

    const running = await startSlack(w.app, silentLogger, { listen: { port: 0, host: "127.0.0.1" } });
    try {
      const eventsUrl = `http://127.0.0.1:${running.address?.port}/slack/events`;
      await postSlashCommand(eventsUrl, SIGNING_SECRET, {
        command: "/watch",
        text: `why ${item.link}`,
        channel_id: "CFILTER",
        response_url: slack.responseUrl("why"),
      });
      const [answer] = await slack.waitFor("the answer to /watch why", () => {
        const answers = slack.responses("why");
        return answers.length > 0 ? answers : undefined;
      });
      expect(JSON.stringify(answer)).toMatch(/dropped by a filter/);
      expect(JSON.stringify(answer)).toContain("keflavik airport");
    } finally {
      await running.stop();
    }
  });

  it("pauses a watch whose Slack channel answers not_in_channel, and tells its creator by direct message", async () => {
    const w = await world(sqliteFile());
    await setUp(w, [{ origin: { ...SLACK, channelId: "CNOTIN" }, line: "/watch volcano" }]);
    const publisher = routing(slackAlertPublisher(slack.apiUrl, silentLogger));
    const posts = () => slack.calls("chat.postMessage").filter((c) => c.body.channel === "CNOTIN").length;
    slack.queue("chat.postMessage", { body: { ok: false, error: "not_in_channel" } });
    w.clock.t += 20 * MINUTE;
    report(feeds, 0, w.clock.t - MINUTE);
    await w.poll();
    expect(await runAlertPass(w.deps(publisher))).toMatchObject({ failed: 1, paused: 1 });
    expect(posts()).toBe(1);
    expect((await w.app.store.watches.listWatches())[0]?.pausedAt).toBe(w.clock.t);
    w.clock.t += MINUTE;
    expect(await runAlertPass(w.deps(publisher))).toMatchObject({ watches: 0 }); // paused: not tried again
    expect(posts()).toBe(1);

    // The outbox: the channel still refuses, so the watch's creator hears it directly.
    slack.queue("chat.postMessage", { body: { ok: false, error: "not_in_channel" } });
    const summary = await deliverAnnouncements({
      events: w.app.store.events,
      publishers: { slack: slackChatPublisher(slack.apiUrl, silentLogger) },
      now: () => w.clock.t,
      logger: silentLogger,
    });
    expect(summary).toMatchObject({ redirected: 1, dropped: 0 });
    const direct = slack.accepted("chat.postMessage").at(-1)?.body;
    expect(direct?.channel).toBe(SLACK.userId);
    expect(JSON.stringify(direct)).toContain("/watch resume");
  });

  it("posts 40 new stories of one minute as the rate-limited posts and one overflow post", async () => {
    const w = await world(sqliteFile());
    const flood = { ...SLACK, channelId: "CFLOOD" };
    // A watch without a topic follows the channel's feeds: these were added in this channel.
    await setUp(w, [{ origin: flood, line: "/watch add" }], flood);
    const publisher = routing(slackAlertPublisher(slack.apiUrl, silentLogger));
    w.clock.t += 20 * MINUTE;
    for (let i = 0; i < 40; i += 1) {
      const words = [0, 1, 2, 3, 4].map((s) => unclusteredWord(i, s));
      feeds.publish("reuters", {
        guid: `many-${i}`,
        title: `${words[0]} ${words[1]} ${words[2]}`,
        link: `${feeds.server.origin}/news/many-${i}`,
        text: `${words.join(" ")}. ${words[3]} ${words[4]} ${words[0]}.`,
        publishedAt: w.clock.t - MINUTE,
      });
    }
    expect(await w.poll()).toBe(40);
    await runAlertPass(w.deps(publisher));
    w.clock.t += MINUTE;
    await runAlertPass(w.deps(publisher));
    const posts = top("CFLOOD");
    expect(posts).toHaveLength(2); // the default 1/min: one story, then "39 more stories"
    expect(posts.filter((p) => (p.text ?? "").includes("39 more stories"))).toHaveLength(1);
  });

  it("neither repeats nor loses a thread reply across a restart on the same SQLite file", async () => {
    const file = sqliteFile();
    const origin: Origin = { ...SLACK, channelId: "CRESTART" };
    const channel = { platform: "slack" as const, workspaceId: "T1", channelId: "CRESTART" };
    const first = await world(file);
    await setUp(first, [{ origin, line: "/watch volcano" }]);
    {
      const publisher = routing(slackAlertPublisher(slack.apiUrl, silentLogger));
      first.clock.t += 20 * MINUTE;
      report(feeds, 0, first.clock.t - MINUTE);
      await first.poll();
      await runAlertPass(first.deps(publisher));
      first.clock.t += 20 * MINUTE;
      report(feeds, 1, first.clock.t - MINUTE);
      await first.poll();
      // The process dies after claiming the AP reply and before posting it.
      const [story] = await first.app.store.alerts.channelStories(channel, 0);
      const ap = (await first.app.store.alerts.articleIdByUrl(`${feeds.server.origin}/news/ap/hekla`)) as number;
      const claimed = await first.app.store.alerts.claimReply({
        channel,
        storyKey: story?.storyKey ?? "",
        outlet: "AP",
        articleId: ap,
        token: "dead-process",
        now: first.clock.t,
        leaseUntil: first.clock.t + 5 * MINUTE,
      });
      expect(claimed).toBe(true);
    }
    const at = first.clock.t;
    await first.close();
    worlds.splice(worlds.indexOf(first), 1);

    const second = await world(file);
    second.clock.t = at;
    const publisher = routing(slackAlertPublisher(slack.apiUrl, silentLogger));
    await runAlertPass(second.deps(publisher)); // the dead claim's lease still runs
    const [parent] = top("CRESTART");
    expect(slack.thread("CRESTART", parent?.ts ?? "")).toHaveLength(0);
    second.clock.t += 6 * MINUTE;
    await runAlertPass(second.deps(publisher));
    await runAlertPass(second.deps(publisher));
    second.clock.t += 15 * MINUTE;
    report(feeds, 2, second.clock.t - MINUTE);
    await second.poll();
    await runAlertPass(second.deps(publisher));
    await runAlertPass(second.deps(publisher));
    expect(top("CRESTART")).toHaveLength(1);
    expect(slack.thread("CRESTART", parent?.ts ?? "").map((r) => (r.text ?? "").split(":")[0])).toEqual([
      "+ AP",
      "+ BBC",
    ]);
  });

  it.runIf(inject("postgresAvailable"))("posts once when two instances share one PostgreSQL database", async () => {
    await postgres.reset();
    const url = await postgres.url();
    const channel = { ...SLACK, channelId: "CTWO" };
    const a = await world(url);
    const b = await world(url);
    await setUp(a, [{ origin: channel, line: "/watch volcano" }]);
    // The second instance read the ledger before the first claimed anything: only the claims
    // themselves can keep it from posting again.
    const stale: AlertLedger = Object.create(b.app.store.alerts);
    stale.channelStories = async () => [];
    stale.replies = async () => [];
    const runners = [
      () => runAlertPass(a.deps(routing(slackAlertPublisher(slack.apiUrl, silentLogger)))),
      () =>
        runAlertPass({
          ...b.deps(routing(slackAlertPublisher(slack.apiUrl, silentLogger))),
          alerts: stale,
        }),
    ];
    for (let i = 0; i < 2; i += 1) {
      a.clock.t += 20 * MINUTE;
      b.clock.t = a.clock.t;
      report(feeds, i, a.clock.t - MINUTE);
      await a.poll();
      await Promise.all(runners.map((run) => run()));
    }
    const [parent, ...others] = top("CTWO");
    expect(others).toHaveLength(0);
    expect(slack.thread("CTWO", parent?.ts ?? "").map((r) => (r.text ?? "").split(":")[0])).toEqual(["+ AP"]);
  });
});
