// Scheduled digests end to end through the real Slack WebClient and discord.js REST against
// their loopback fakes: an admin's /digest schedule posts a card at its time, exactly once; a
// schedule whose channel is gone pauses after 3 failed slots and its creator is told.
import { WebClient } from "@slack/web-api";
import { REST } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverAnnouncements } from "../../../src/adapters/chat/deliver-announcements.js";
import { discordRestOptions } from "../../../src/adapters/discord/create-discord-client.js";
import { DiscordDigestPublisher } from "../../../src/adapters/discord/discord-digest-publisher.js";
import { DiscordPublisher } from "../../../src/adapters/discord/discord-publisher.js";
import { normalizeArticle } from "../../../src/adapters/feeds/normalize-article.js";
import { createDigestRunDeps } from "../../../src/adapters/scheduler/create-digest-run-deps.js";
import { RoutingPublisher } from "../../../src/adapters/scheduler/routing-publisher.js";
import {
  createSlackApp,
  type SlackBot,
  slackPostingClientOptions,
} from "../../../src/adapters/slack/create-slack-app.js";
import { SlackDigestPublisher } from "../../../src/adapters/slack/slack-digest-publisher.js";
import { SlackPublisher } from "../../../src/adapters/slack/slack-publisher.js";
import { parseCommand } from "../../../src/briefing/commands/command.js";
import { handleCommand } from "../../../src/briefing/commands/handle-command.js";
import { runDueDigests } from "../../../src/briefing/digests/run-due-digests.js";
import type { Origin } from "../../../src/briefing/feed.js";
import { type FakeDiscord, startFakeDiscord, UNKNOWN_CHANNEL } from "../../support/fake-discord.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/fake-slack-api.js";
import { checkDiscordLimits } from "../discord/check-discord-limits.js";
import { checkSlackLimits } from "../slack/check-slack-limits.js";
import { recordingLogger } from "../slack/recording-logger.js";
import { BOT_TOKEN, SIGNING_SECRET, type SlackTestApp, slackTestApp } from "../slack/slack-test-app.js";

const MINUTE = 60_000;
const DAY = 86_400_000;
/** 07:30 UTC on the day after the sample reports (12-13 January 2026). */
const FIRST_SLOT = Date.UTC(2026, 0, 14, 7, 30);

describe("scheduled digests through the platform fakes", () => {
  let slack: FakeSlackApi;
  let discord: FakeDiscord;
  let testApp: SlackTestApp;
  let bot: SlackBot;
  let now = Date.UTC(2026, 0, 14, 6);
  const logger = recordingLogger();

  beforeAll(async () => {
    slack = await startFakeSlackApi();
    discord = await startFakeDiscord();
    testApp = await slackTestApp({ SLACK_SIGNING_SECRET: SIGNING_SECRET }, logger);
    testApp.app.deps.clock = { now: () => now };
    bot = createSlackApp({
      deps: testApp.app.deps,
      settings: {
        mode: "http",
        botToken: BOT_TOKEN,
        signingSecret: SIGNING_SECRET,
        port: 1,
        apiUrl: slack.apiUrl,
        admins: [],
      },
      logger,
      clock: testApp.app.deps.clock,
    });
  });
  afterAll(async () => {
    await testApp?.close();
    await slack?.close();
    await discord?.close();
  });

  function runDue() {
    const rest = new REST({ api: discord.apiUrl, retries: 0 }).setToken("fake-bot-token");
    const discordPublisher = new DiscordPublisher(rest, {
      clock: testApp.app.deps.clock,
      logger,
    });
    const publisher = new RoutingPublisher({
      slack: new SlackDigestPublisher(bot.publisher),
      discord: new DiscordDigestPublisher(discordPublisher),
    });
    const settings = { graceMs: 2 * 60 * MINUTE, outboxPath: null, leaseMs: null };
    return runDueDigests(createDigestRunDeps(testApp.app.store, publisher, settings, testApp.app.deps.clock, logger));
  }

  async function schedule(origin: Origin, line: string) {
    return handleCommand(testApp.app.deps, parseCommand(line), { origin, isAdmin: true });
  }

  it("posts an admin's Slack and Discord schedules at their time, once", async () => {
    const slackChannel: Origin = { platform: "slack", workspaceId: "T1", channelId: "CDIGEST", userId: "UADMIN" };
    const discordChannel: Origin = {
      platform: "discord",
      workspaceId: "110000000000000001",
      channelId: "210000000000000009",
      userId: "310000000000000001",
    };
    expect(await schedule(slackChannel, "/digest schedule 07:30 mexico tz:UTC days:daily")).toMatchObject({
      title: "Digest scheduled",
    });
    expect(await schedule(discordChannel, "/digest schedule 07:30 mexico tz:UTC days:daily")).toMatchObject({
      title: "Digest scheduled",
    });

    // The seeded backlog is never posted; a report arriving after the feed was added is.
    const [feed] = await testApp.app.store.feeds.listFeeds();
    const text =
      "Mexico's President Claudia Sheinbaum said on Wednesday that security talks with the United States will take place on January 22 and 23 in Washington, after her call with President Donald Trump.";
    const item = {
      id: "talks",
      title: "Mexico and US set security talks for January 22",
      link: "https://news-one.example/talks",
      publishedAt: Date.UTC(2026, 0, 14, 5),
      author: null,
      summary: null,
      text,
      language: "en",
    };
    await testApp.app.store.articles.upsertArticles(feed?.id ?? 0, [normalizeArticle(item, now)], { backlog: false });

    expect((await runDue()).posted).toBe(0); // 06:00: nothing due yet
    now = FIRST_SLOT + MINUTE;
    const report = await runDue();
    expect(report.posted).toBe(2);
    expect((await runDue()).posted).toBe(0); // the next tick finds the slots settled

    const slackPosts = slack.accepted("chat.postMessage").filter((c) => c.body.channel === "CDIGEST");
    expect(slackPosts).toHaveLength(1);
    expect(checkSlackLimits(slackPosts[0]?.body)).toEqual([]);
    expect(JSON.stringify(slackPosts[0]?.body)).toContain("security talks");
    expect(JSON.stringify(slackPosts[0]?.body)).not.toContain("15 minutes"); // backlog stays out

    const discordPosts = discord.requests.filter(
      (r) => r.method === "POST" && r.path.endsWith(`/channels/${discordChannel.channelId}/messages`),
    );
    expect(discordPosts).toHaveLength(1);
    expect(checkDiscordLimits(discordPosts[0]?.body)).toEqual([]);
    expect(discordPosts[0]?.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it("pauses a schedule whose channel is gone after 3 failed slots and tells its creator", async () => {
    const gone: Origin = { platform: "slack", workspaceId: "T1", channelId: "CGONE", userId: "UCREATOR" };
    await schedule(gone, "/digest schedule 08:00 tz:UTC days:daily quiet:off");
    const [created] = (await testApp.app.store.schedules.listSchedules()).filter((s) => s.target.channelId === "CGONE");
    const failure = { status: 200, body: { ok: false, error: "channel_not_found" } };
    for (let day = 0; day < 3; day++) {
      slack.queue("chat.postMessage", failure);
      now = Date.UTC(2026, 0, 14 + day, 8, 1);
      await runDue();
    }
    const paused = await testApp.app.store.schedules.getSchedule(created?.id ?? 0);
    expect(paused?.pausedReason).toBeTruthy();
    const attempts = slack.calls("chat.postMessage").filter((c) => c.body.channel === "CGONE");
    expect(attempts).toHaveLength(3);

    // The pause is announced: the channel is gone, so the creator gets a direct message.
    slack.queue("chat.postMessage", failure);
    const publishers = { slack: new SlackDigestPublisher(bot.publisher) };
    await deliverAnnouncements({ events: testApp.app.deps.events, publishers, now: () => now, logger });
    const dm = slack.accepted("chat.postMessage").filter((c) => c.body.channel === "UCREATOR");
    expect(dm).toHaveLength(1);
    expect(JSON.stringify(dm[0]?.body)).toMatch(/paused.*\/digest resume/s);

    // Paused: the next day's slot is not attempted (4 = 3 slots + the announcement's own try).
    now += DAY;
    await runDue();
    expect(slack.calls("chat.postMessage").filter((c) => c.body.channel === "CGONE")).toHaveLength(4);
  });

  it("maps a Discord channel that is gone to channel_not_found without retrying it", async () => {
    const rest = new REST({ api: discord.apiUrl, retries: 0 }).setToken("fake-bot-token");
    const publisher = new DiscordDigestPublisher(new DiscordPublisher(rest, { clock: testApp.app.deps.clock, logger }));
    discord.fail("POST", /\/channels\/210000000000000404\/messages$/, UNKNOWN_CHANNEL);
    const target = { platform: "discord", workspaceId: "1", channelId: "210000000000000404" } as const;
    const result = await publisher.announce(target, { title: "x", lines: ["y"], tone: "info" });
    expect(result).toMatchObject({ ok: false, reason: "channel_not_found" });
  });

  it("posts a digest once when Slack or Discord take it but answer after the client's timeout or with a 5xx", async () => {
    // briefbot's posting options (no automatic retries), with a short timeout.
    const settings = { mode: "http" as const, botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 1, admins: [] };
    const slackClient = new WebClient(BOT_TOKEN, {
      ...slackPostingClientOptions({ ...settings, apiUrl: slack.apiUrl }, logger),
      timeout: 200,
    });
    const rest = new REST({ ...discordRestOptions({ DISCORD_API_URL: discord.apiUrl }), timeout: 200 });
    const publisher = new RoutingPublisher({
      slack: new SlackDigestPublisher(new SlackPublisher(slackClient, logger)),
      discord: new DiscordDigestPublisher(
        new DiscordPublisher(rest.setToken("fake-bot-token"), {
          clock: testApp.app.deps.clock,
          logger,
        }),
      ),
    });
    const pass = () =>
      runDueDigests(
        createDigestRunDeps(
          testApp.app.store,
          publisher,
          { graceMs: 2 * 60 * MINUTE, outboxPath: null, leaseMs: null },
          testApp.app.deps.clock,
          logger,
        ),
      );
    const channels = {
      slackSlow: { platform: "slack", workspaceId: "T1", channelId: "CSLOW", userId: "UADMIN" },
      slack5xx: { platform: "slack", workspaceId: "T1", channelId: "C5XX", userId: "UADMIN" },
      discordSlow: {
        platform: "discord",
        workspaceId: "110000000000000001",
        channelId: "210000000000000071",
        userId: "310000000000000001",
      },
      discord5xx: {
        platform: "discord",
        workspaceId: "110000000000000001",
        channelId: "210000000000000072",
        userId: "310000000000000001",
      },
    } satisfies Record<string, Origin>;
    now = Date.UTC(2026, 0, 20, 9);
    for (const origin of Object.values(channels))
      await schedule(origin, "/digest schedule 10:00 tz:UTC days:daily quiet:off");
    const slackPosts = (channelId: string) =>
      slack.calls("chat.postMessage").filter((c) => c.body.channel === channelId);
    const discordPosts = (channelId: string) =>
      discord.requests.filter((r) => r.method === "POST" && r.path.endsWith(`/channels/${channelId}/messages`));
    // Slack posts them in the order the pass sends them; each answer is late or a 5xx.
    slack.queue(
      "chat.postMessage",
      { delayMs: 1_500 },
      { status: 500, body: { ok: false, error: "internal_error" }, postedAnyway: true },
    );
    discord.acceptThen("POST", /\/channels\/210000000000000071\/messages$/, { delayMs: 1_500 });
    discord.acceptThen("POST", /\/channels\/210000000000000072\/messages$/, {
      failure: { status: 500, body: { message: "500: Internal Server Error", code: 0 } },
    });

    now = Date.UTC(2026, 0, 20, 10, 1);
    expect(await pass()).toMatchObject({ posted: 0, failed: 4, retrying: 0 });
    // Later passes, past the retry delay and the lease: nothing is sent again.
    for (const minutes of [3, 7, 30]) {
      now = Date.UTC(2026, 0, 20, 10, minutes);
      expect(await pass()).toMatchObject({ due: 0, posted: 0 });
    }
    expect(slackPosts("CSLOW")).toHaveLength(1);
    expect(slackPosts("C5XX")).toHaveLength(1);
    expect(discordPosts("210000000000000071")).toHaveLength(1);
    expect(discordPosts("210000000000000072")).toHaveLength(1);
    const ids = (await testApp.app.store.schedules.listSchedules())
      .filter((x) => ["CSLOW", "C5XX", "210000000000000071", "210000000000000072"].includes(x.target.channelId))
      .map((x) => x.id);
    for (const id of ids) {
      const [slot] = await testApp.app.store.deliveries.listSlots(id, 1);
      expect(slot).toMatchObject({ status: "failed" });
      expect(slot?.reason).toMatch(/^unconfirmed: .*not sent again/);
    }
  });
});
