// The Discord bot end to end: the real discord.js client, logged in to a fake Discord on
// loopback, answering slash commands from a store seeded with the example feeds. Deferred first,
// then edited; refusals and errors private; mentions never pinged.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DiscordBot, startDiscord } from "../../../src/adapters/discord/start-discord.js";
import { parseNamedCommand } from "../../../src/briefing/commands/command.js";
import type { FeedStore, Logger } from "../../../src/briefing/ports.js";
import { ingestFile } from "../../../src/cli/ingest-file.js";
import { type App, composeApp } from "../../../src/compose-app.js";
import { parseConfig } from "../../../src/config.js";
import { type FakeDiscord, type RecordedDiscordRequest, startFakeDiscord } from "../../support/fake-discord.js";
import { type LocalHttpServer, startLocalHttpServer } from "../../support/local-http-server.js";
import { plainArticle } from "../../support/test-records.js";
import { checkDiscordLimits } from "./check-discord-limits.js";

const FEEDS = resolve(import.meta.dirname, "../../../examples/feeds");
const STRING = 3;
const INTEGER = 4;
const SUBCOMMAND = 1;
const EPHEMERAL = 64;
const DEFERRED = 5;

interface LogEntry {
  level: string;
  context: Record<string, unknown>;
  message: string;
}

function recordingLogger(entries: LogEntry[]): Logger {
  const at = (level: string) => (context: Record<string, unknown>, message: string) => {
    entries.push({ level, context, message });
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

function embedText(body: unknown): string {
  return JSON.stringify(body);
}

describe("the Discord bot", () => {
  let fake: FakeDiscord;
  let feedServer: LocalHttpServer;
  let dir: string;
  let app: App;
  let bot: DiscordBot;
  const logs: LogEntry[] = [];

  beforeAll(async () => {
    fake = await startFakeDiscord();
    const rss = readFileSync(join(FEEDS, "news-one-mexico.xml"));
    feedServer = await startLocalHttpServer({
      "/rss": (_request, response) => {
        response.writeHead(200, { "content-type": "application/rss+xml" }).end(rss);
      },
    });
    dir = mkdtempSync(join(tmpdir(), "briefbot-discord-"));
    const config = parseConfig({
      DISCORD_TOKEN: "fake-bot-token",
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      // The /feed add test fetches a feed from the loopback server above.
      BRIEFBOT_ALLOW_PRIVATE_FEEDS: "true",
    });
    app = await composeApp(config, recordingLogger(logs), { database: join(dir, "bot.db") });
    // The example feeds are from January 2026: ask as of the 14th so they are in the window.
    app.deps.clock = { now: () => Date.UTC(2026, 0, 14) };
    await ingestFile(app.deps, join(FEEDS, "news-one-mexico.xml"));
    await ingestFile(app.deps, join(FEEDS, "news-two-mexico.xml"));
    bot = await startDiscord(app, recordingLogger(logs));
    await fake.whenReady();
  });

  afterAll(async () => {
    await bot?.stop();
    await app?.close();
    await fake?.close();
    await feedServer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const forToken = (token: string) => (r: RecordedDiscordRequest) => r.path.includes(`/${token}`);
  const isEdit = (token: string) => (r: RecordedDiscordRequest) =>
    r.method === "PATCH" && r.path.endsWith(`/${token}/messages/@original`);
  const isFollowUp = (token: string) => (r: RecordedDiscordRequest) =>
    r.method === "POST" && r.path.endsWith(`/webhooks/${fake.applicationId}/${token}`);
  const callback = (token: string) => fake.requests.find((r) => r.path.endsWith(`/${token}/callback`));

  it("defers /brief mexico in the channel, then edits in embeds that pass every limit", async () => {
    const { token } = fake.slashCommand({
      name: "brief",
      options: [{ name: "topic", type: STRING, value: "mexico" }],
      admin: false,
    });
    const edit = await fake.waitForRequest(isEdit(token));
    const defer = callback(token);
    expect(defer?.body).toEqual({ type: DEFERRED, data: { flags: 0 } });
    expect(defer?.status).toBe(204);
    expect(defer?.seq).toBeLessThan(edit.seq);
    expect(checkDiscordLimits(edit.body)).toEqual([]);
    expect(edit.body).toMatchObject({
      content: expect.stringContaining("Brief: mexico"),
      allowed_mentions: { parse: [] },
    });
    const embeds = (edit.body as { embeds: Array<{ title: string; url?: string; description: string }> }).embeds;
    expect(embeds.length).toBeGreaterThan(0);
    expect(embeds[0]?.title).toMatch(/^1\. /);
    expect(embeds[0]?.url).toMatch(/^https:\/\/news-(one|two)\.example\//);
    expect(embeds[0]?.description).toMatch(/Sources: \[News (One|Two)[^\]]*\]\(https:\/\//);
  });

  it("passes since and stories through the shared grammar", async () => {
    const { token } = fake.slashCommand({
      name: "brief",
      options: [
        { name: "topic", type: STRING, value: "mexico" },
        { name: "since", type: STRING, value: "30d" },
        { name: "stories", type: INTEGER, value: 1 },
      ],
      admin: false,
    });
    const edit = await fake.waitForRequest(isEdit(token));
    expect((edit.body as { embeds: unknown[] }).embeds).toHaveLength(1);
    expect(embedText(edit.body)).toContain("in the last 30 days");
  });

  it("answers a bad option privately with the grammar's own message", async () => {
    const { token } = fake.slashCommand({
      name: "brief",
      options: [{ name: "since", type: STRING, value: "3 parsecs" }],
      admin: false,
    });
    const edit = await fake.waitForRequest(isEdit(token));
    expect(callback(token)?.body).toEqual({ type: DEFERRED, data: { flags: EPHEMERAL } });
    const expected = (() => {
      try {
        parseNamedCommand("brief", "since:3parsecs");
      } catch (error) {
        return (error as Error).message;
      }
      return "";
    })();
    expect(expected).toContain("is not a duration");
    expect(embedText(edit.body)).toContain(JSON.stringify(expected).slice(1, 30));
  });

  it("shows an empty /brief to the asker only: the public defer is deleted, the answer follows privately", async () => {
    const { token } = fake.slashCommand({
      name: "brief",
      options: [{ name: "topic", type: STRING, value: "volcano" }],
      admin: false,
    });
    const followUp = await fake.waitForRequest(isFollowUp(token));
    const calls = fake.requests.filter(forToken(token)).map((r) => r.method);
    expect(calls).toEqual(["POST", "DELETE", "POST"]);
    expect(callback(token)?.body).toEqual({ type: DEFERRED, data: { flags: 0 } });
    expect(followUp.body).toMatchObject({ flags: EPHEMERAL, allowed_mentions: { parse: [] } });
    expect(embedText(followUp.body)).toContain("Nothing about");
    expect(checkDiscordLimits(followUp.body)).toEqual([]);
  });

  it("refuses /feed add from a non-admin, privately, and stores nothing", async () => {
    const before = await app.store.feeds.listFeeds();
    const { token } = fake.slashCommand({
      name: "feed",
      options: [
        { name: "add", type: SUBCOMMAND, options: [{ name: "url", type: STRING, value: feedServer.url("/rss") }] },
      ],
      admin: false,
    });
    const edit = await fake.waitForRequest(isEdit(token));
    expect(callback(token)?.body).toEqual({ type: DEFERRED, data: { flags: EPHEMERAL } });
    expect(embedText(edit.body)).toContain("Only admins can change feeds");
    expect(await app.store.feeds.listFeeds()).toEqual(before);
    expect(feedServer.hits("/rss")).toBe(0);
  });

  it("lets only Manage Server set a feed's kind with /feed kind (issue 15): a member is refused privately", async () => {
    const feed = await app.store.feeds.addFeed({
      url: "https://column.example/feed",
      title: "Column Daily",
      siteLink: null,
      origin: null,
      refreshMinutes: 15,
      nextFetchAt: Number.MAX_SAFE_INTEGER,
      createdAt: 0,
    });
    const kind = (admin: boolean) =>
      fake.slashCommand({
        name: "feed",
        options: [
          {
            name: "kind",
            type: SUBCOMMAND,
            options: [
              { name: "feed", type: STRING, value: String(feed.id) },
              { name: "mode", type: STRING, value: "opinion" },
            ],
          },
        ],
        admin,
      });
    await app.store.articles.upsertArticles(
      feed.id,
      [
        plainArticle("column.example", "strike", "Dockworkers stopped work on Monday, the port said.", {
          kind: "news",
          kindReason: "prose reads as reporting",
        }),
      ],
      {
        backlog: false,
      },
    );
    const labelOf = async () => {
      const [row] = await app.store.articles.feedArticleLabels(feed.id, 0, 1, 0);
      return row && { kind: row.kind, kindReason: row.kindReason };
    };
    const refused = kind(false);
    const edit = await fake.waitForRequest(isEdit(refused.token));
    expect(callback(refused.token)?.body).toEqual({ type: DEFERRED, data: { flags: EPHEMERAL } });
    expect(embedText(edit.body)).toContain("Only admins can change feeds");
    expect((await app.store.feeds.getFeed(feed.id))?.kind).toBe("auto");
    expect(await labelOf()).toEqual({ kind: "news", kindReason: "prose reads as reporting" });
    const allowed = kind(true);
    const done = await fake.waitForRequest(isEdit(allowed.token));
    expect(callback(allowed.token)?.body).toEqual({ type: DEFERRED, data: { flags: 0 } });
    expect(embedText(done.body)).toContain("opinion");
    expect(embedText(done.body)).toContain("Relabelled 1 of the feed's 1 stored article as opinion");
    expect((await app.store.feeds.getFeed(feed.id))?.kind).toBe("opinion");
    expect(await labelOf()).toEqual({ kind: "opinion", kindReason: "feed set to opinion" });
    await app.store.feeds.removeFeed(feed.id);
  });

  it("lets someone with Manage Server add a feed, announced in the channel, with where it was added", async () => {
    const { token } = fake.slashCommand({
      name: "feed",
      options: [
        {
          name: "add",
          type: SUBCOMMAND,
          options: [
            { name: "url", type: STRING, value: feedServer.url("/rss") },
            { name: "name", type: STRING, value: 'The "Loopback" Times' },
          ],
        },
      ],
      admin: true,
      guildId: "100000000000000009",
      channelId: "200000000000000009",
      userId: "300000000000000009",
    });
    const edit = await fake.waitForRequest(isEdit(token));
    expect(callback(token)?.body).toEqual({ type: DEFERRED, data: { flags: 0 } });
    expect(embedText(edit.body)).toContain("Feed added");
    const feed = await app.store.feeds.findFeedByUrl(feedServer.url("/rss"));
    expect(feed?.title).toBe('The "Loopback" Times');
    expect(feed?.origin).toEqual({
      platform: "discord",
      workspaceId: "100000000000000009",
      channelId: "200000000000000009",
      userId: "300000000000000009",
    });
  });

  it("answers an admin's failed feed change privately (the public defer is replaced)", async () => {
    const { token } = fake.slashCommand({
      name: "feed",
      options: [{ name: "enable", type: SUBCOMMAND, options: [{ name: "feed", type: STRING, value: "99" }] }],
      admin: true,
    });
    const followUp = await fake.waitForRequest(isFollowUp(token));
    expect(callback(token)?.body).toEqual({ type: DEFERRED, data: { flags: 0 } });
    expect(fake.requests.some((r) => r.method === "DELETE" && r.path.includes(token))).toBe(true);
    expect(followUp.body).toMatchObject({ flags: EPHEMERAL });
  });

  it("schedules a digest for an admin and explains a mistake privately", async () => {
    const { token } = fake.slashCommand({
      name: "digest",
      options: [{ name: "text", type: STRING, value: "schedule 07:30 mexico tz:America/Mexico_City" }],
      admin: true,
    });
    await fake.waitForRequest((r) => r.path.includes(`/webhooks/`) && r.path.includes(token) && r.method !== "DELETE");
    const [schedule] = await app.store.schedules.listSchedules();
    expect(schedule).toMatchObject({ topic: "mexico", timeZone: "America/Mexico_City", minuteOfDay: 7 * 60 + 30 });
    const wrong = fake.slashCommand({
      name: "digest",
      options: [{ name: "text", type: STRING, value: "schedule 25:00" }],
      admin: true,
    });
    // Deferred publicly (an admin's schedule change is announced), so the refusal goes out as a
    // private follow-up after the public placeholder is deleted.
    const followUp = await fake.waitForRequest(
      (r) => r.method === "POST" && r.path.includes("/webhooks/") && r.path.includes(wrong.token),
    );
    expect(followUp.body).toMatchObject({ flags: EPHEMERAL });
    expect(embedText(followUp.body)).toMatch(/25:00/);
  });

  it("autocompletes feed ids from the store", async () => {
    const { token } = fake.autocomplete({
      name: "feed",
      options: [
        {
          name: "remove",
          type: SUBCOMMAND,
          options: [{ name: "feed", type: STRING, value: "loopback", focused: true }],
        },
      ],
      admin: true,
    });
    const answer = await fake.waitForRequest((r) => r.path.endsWith(`/${token}/callback`));
    const feed = await app.store.feeds.findFeedByUrl(feedServer.url("/rss"));
    expect(answer.body).toEqual({
      type: 8,
      data: { choices: [{ name: `#${feed?.id} The "Loopback" Times`, value: String(feed?.id) }] },
    });
  });

  it("renders a feed title holding @everyone and <@&123> inert, and pings nobody", async () => {
    const [first] = await app.store.feeds.listFeeds();
    await app.store.feeds.updateFeed(first?.id ?? 0, { title: "@everyone <@&123> <@456> <#789> **News** @here" });
    const list = fake.slashCommand({ name: "feed", options: [{ name: "list", type: SUBCOMMAND }], admin: false });
    const brief = fake.slashCommand({
      name: "brief",
      options: [{ name: "topic", type: STRING, value: "mexico" }],
      admin: false,
    });
    const edits = [await fake.waitForRequest(isEdit(list.token)), await fake.waitForRequest(isEdit(brief.token))];
    for (const edit of edits) {
      const text = embedText(edit.body);
      expect(text).toContain("everyone");
      // Mass mentions broken by a zero-width space; <@…> escaped so Discord shows it as text.
      expect(text).not.toMatch(/@(everyone|here)/);
      expect(text).not.toMatch(/(?<!\\\\)<[@#]/);
      expect(text).not.toContain("**News**");
      expect(edit.body).toMatchObject({ allowed_mentions: { parse: [] } });
      expect(checkDiscordLimits(edit.body)).toEqual([]);
    }
  });

  it("logs an unexpected failure with its context and answers with a short private apology", async () => {
    const feeds = app.deps.feeds;
    const broken: FeedStore = new Proxy(feeds, {
      get(target, key) {
        if (key === "listFeeds") return () => Promise.reject(new Error("disk on fire"));
        const value: unknown = Reflect.get(target, key);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    app.deps.feeds = broken;
    try {
      const { token } = fake.slashCommand({
        name: "feed",
        options: [{ name: "list", type: SUBCOMMAND }],
        admin: false,
      });
      const edit = await fake.waitForRequest(isEdit(token));
      expect(embedText(edit.body)).toContain("Something went wrong on briefbot's side");
      expect(embedText(edit.body)).not.toContain("disk on fire");
      const logged = logs.find((entry) => entry.message === "discord command failed");
      expect(logged?.level).toBe("error");
      expect(logged?.context).toMatchObject({
        command: "feed",
        guildId: expect.any(String),
        channelId: expect.any(String),
      });
    } finally {
      app.deps.feeds = feeds;
    }
  });

  it("sent every message with mentions disabled, and within every limit", () => {
    const bodies = fake.messageBodies();
    expect(bodies.length).toBeGreaterThanOrEqual(10);
    for (const body of bodies) {
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(checkDiscordLimits(body)).toEqual([]);
    }
    // The gateway client identified with the Guilds intent only (1 << 0): no privileged intents.
    expect(fake.identify).toMatchObject({ token: "fake-bot-token", intents: 1 });
  });
});
