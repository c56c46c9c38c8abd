// Per-channel feeds through Discord (issue 17 point 2): the real discord.js client on a fake
// Discord over loopback, /feed from two channels of one guild. The second channel joins the first's
// feed (said in the reply), /feed list puts the asking channel's feeds first, /feed remove ends one
// channel's subscription, and "<id> everywhere" in the feed field removes it for all.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DiscordBot, startDiscord } from "../../../src/adapters/discord/start-discord.js";
import type { Logger } from "../../../src/briefing/ports.js";
import { type App, composeApp } from "../../../src/compose-app.js";
import { parseConfig } from "../../../src/config.js";
import { type FakeDiscord, type RecordedDiscordRequest, startFakeDiscord } from "../../support/fake-discord.js";
import { type LocalHttpServer, startLocalHttpServer } from "../../support/local-http-server.js";
import { checkDiscordLimits } from "./check-discord-limits.js";

const FEEDS = resolve(import.meta.dirname, "../../../examples/feeds");
const STRING = 3;
const SUBCOMMAND = 1;
const GUILD = "100000000000000007";
const NEWS = "200000000000000007";
const DESK = "200000000000000008";
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

describe("per-channel feeds on Discord", () => {
  let fake: FakeDiscord;
  let feedServer: LocalHttpServer;
  let dir: string;
  let app: App;
  let bot: DiscordBot;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    const rss = readFileSync(join(FEEDS, "news-one-mexico.xml"));
    feedServer = await startLocalHttpServer();
    for (const name of ["shared", "own"])
      feedServer.route(`/${name}.rss`, (_request, response) => {
        response.writeHead(200, { "content-type": "application/rss+xml" }).end(rss);
      });
    dir = mkdtempSync(join(tmpdir(), "briefbot-discord-feeds-"));
    const config = parseConfig({
      DISCORD_TOKEN: "fake-bot-token",
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      BRIEFBOT_ALLOW_PRIVATE_FEEDS: "true",
    });
    app = await composeApp(config, silent, { database: join(dir, "bot.db") });
    bot = await startDiscord(app, silent);
    await fake.whenReady();
  });

  afterAll(async () => {
    await bot?.stop();
    await app?.close();
    await fake?.close();
    await feedServer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // A success edits the deferred answer; a refusal deletes it and follows up privately.
  const isAnswer = (token: string) => (r: RecordedDiscordRequest) =>
    (r.method === "PATCH" && r.path.endsWith(`/${token}/messages/@original`)) ||
    (r.method === "POST" && r.path.endsWith(`/webhooks/${fake.applicationId}/${token}`));

  /** An admin's /feed <sub> in `channelId`; resolves with the answer as text. */
  async function feed(channelId: string, sub: string, option?: { name: string; value: string }): Promise<string> {
    const { token } = fake.slashCommand({
      name: "feed",
      options: [{ name: sub, type: SUBCOMMAND, options: option ? [{ ...option, type: STRING }] : [] }],
      admin: true,
      guildId: GUILD,
      channelId,
      userId: "300000000000000007",
    });
    const edit = await fake.waitForRequest(isAnswer(token));
    expect(checkDiscordLimits(edit.body)).toEqual([]);
    return JSON.stringify(edit.body);
  }

  it("joins a feed another channel added, lists per channel, and removes per channel or everywhere", async () => {
    const shared = feedServer.url("/shared.rss");
    expect(await feed(NEWS, "add", { name: "url", value: shared })).toContain("Feed added");
    const joined = await feed(DESK, "add", { name: "url", value: shared });
    expect(joined).toContain("Feed added to this channel");
    expect(joined).toContain("this channel now follows it too");
    expect(feedServer.hits("/shared.rss")).toBe(1);
    await feed(DESK, "add", { name: "url", value: feedServer.url("/own.rss") });

    const sharedFeed = await app.store.feeds.findFeedByUrl(shared);
    const id = sharedFeed?.id ?? 0;
    expect((await app.store.feeds.feedSubscribers(id)).map((s) => s.channel)).toEqual(
      expect.arrayContaining([
        { platform: "discord", workspaceId: GUILD, channelId: NEWS },
        { platform: "discord", workspaceId: GUILD, channelId: DESK },
      ]),
    );
    const list = await feed(NEWS, "list");
    const here = list.indexOf("In this channel (1)");
    const elsewhere = list.indexOf("Elsewhere in this install (1)");
    expect(here).toBeGreaterThanOrEqual(0);
    expect(elsewhere).toBeGreaterThan(list.indexOf(`#${id} `));
    expect(list.indexOf(`#${id} `)).toBeGreaterThan(here);

    expect(await feed(NEWS, "remove", { name: "feed", value: String(id) })).toContain("Feed removed from this channel");
    expect(await app.store.feeds.channelFeedIds({ platform: "discord", workspaceId: GUILD, channelId: NEWS })).toEqual(
      [],
    );
    expect(await app.store.feeds.getFeed(id)).toBeDefined();
    const refused = await feed(NEWS, "remove", { name: "feed", value: String(id) });
    expect(refused).toContain(`/feed remove ${id} everywhere`);
    expect(JSON.parse(refused)).toMatchObject({ flags: 64 });
    expect(await feed(NEWS, "remove", { name: "feed", value: `${id} everywhere` })).toContain(
      "and its articles were removed",
    );
    expect(await app.store.feeds.getFeed(id)).toBeUndefined();
  });
});
