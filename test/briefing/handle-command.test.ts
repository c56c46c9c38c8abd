// The core's command handler: admin-only commands refused for others (nothing stored), mistakes
// answered to the sender only, cards to the channel, /digest answered until scheduling lands.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFeedFile, StaticFeedSource } from "../../src/adapters/feeds/file-feed-source.js";
import { normalizeArticle } from "../../src/adapters/feeds/normalize-article.js";
import { parseCommand } from "../../src/briefing/command.js";
import { type Actor, type CommandDeps, handleCommand } from "../../src/briefing/handle-command.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";

const SAMPLE = resolve(import.meta.dirname, "../../examples/feeds/news-one-mexico.xml");
const origin = { platform: "slack", workspaceId: "T1", channelId: "C1", userId: "U1" } as const;
const member: Actor = { origin, isAdmin: false };
const admin: Actor = { origin, isAdmin: true };

describe("handleCommand", () => {
  let dir: string;
  let store: SqliteStore;
  let deps: CommandDeps;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "briefbot-handle-"));
    store = openSqliteStore(join(dir, "h.db"));
    deps = {
      feeds: store.feeds,
      articles: store.articles,
      events: store.events,
      source: new StaticFeedSource("https://news-one.example/rss", await readFeedFile(SAMPLE)),
      normalize: normalizeArticle,
      clock: { now: () => Date.UTC(2026, 0, 14) },
      random: () => 0.5,
      policy: { refreshMinutes: 15, maxFailures: 10 },
    };
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses feed changes from non-admins, only to them, and stores nothing", async () => {
    for (const line of ["/feed add https://news-one.example/rss", "/feed remove 1", "/feed enable 1"]) {
      const reply = await handleCommand(deps, parseCommand(line), member);
      expect(reply).toMatchObject({ kind: "notice", tone: "error", code: "not_admin", visibility: "sender" });
    }
    expect(await store.feeds.listFeeds()).toEqual([]);
  });

  it("lets admins add a feed, announced in the channel, with who added it and where", async () => {
    const reply = await handleCommand(deps, parseCommand("/feed add https://news-one.example/rss"), admin);
    expect(reply).toMatchObject({ kind: "notice", title: "Feed added", visibility: "channel" });
    const [feed] = await store.feeds.listFeeds();
    expect(feed?.origin).toEqual(origin);
    expect(await handleCommand(deps, parseCommand("/feed list"), member)).toMatchObject({
      kind: "notice",
      visibility: "sender",
    });
  });

  it("answers a brief with a card for the channel, and an empty answer for the sender only", async () => {
    await handleCommand(deps, parseCommand("/feed add https://news-one.example/rss"), admin);
    const card = await handleCommand(deps, parseCommand("/brief sheinbaum"), member);
    expect(card).toMatchObject({ kind: "card", visibility: "channel" });
    const empty = await handleCommand(deps, parseCommand("/brief volcano"), member);
    expect(empty).toMatchObject({ kind: "card", visibility: "sender" });
  });

  it("turns user mistakes into replies for the sender, and answers /digest and help", async () => {
    expect(await handleCommand(deps, parseCommand("/feed status 42"), member)).toMatchObject({
      tone: "error",
      code: "feed_not_found",
      visibility: "sender",
    });
    expect(await handleCommand(deps, parseCommand("/digest schedule 07:30"), admin)).toMatchObject({
      title: "Scheduled digests are not available yet",
    });
    expect(await handleCommand(deps, parseCommand("help"), member)).toMatchObject({
      title: "briefbot commands",
      visibility: "sender",
    });
  });
});
