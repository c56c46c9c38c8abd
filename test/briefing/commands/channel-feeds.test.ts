// Per-channel feeds (issue 17 point 2) through the core's command handler on both engines: /feed add
// records the channel, a feed another channel follows is joined rather than refused, /feed remove
// ends one channel's subscription and deletes the feed after the last, /feed list puts this
// channel's feeds first; feeds from before subscriptions keep working.
import { resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFeedFile } from "../../../src/adapters/feeds/file-feed-source.js";
import { normalizeArticle } from "../../../src/adapters/feeds/normalize-article.js";
import { parseCommand } from "../../../src/briefing/commands/command.js";
import { type Actor, type CommandDeps, handleCommand } from "../../../src/briefing/commands/handle-command.js";
import type { Reply } from "../../../src/briefing/commands/reply.js";
import type { FeedSource } from "../../../src/briefing/ports.js";
import type { Store } from "../../../src/store/store.js";
import { storeFactories } from "../../support/store-factories.js";
import { plainFeed } from "../../support/test-records.js";

const SAMPLE = resolve(import.meta.dirname, "../../../examples/feeds/news-one-mexico.xml");
const inChannel = (channelId: string, workspaceId = "T1", platform: "slack" | "discord" = "slack"): Actor => ({
  origin: { platform, workspaceId, channelId, userId: `U-${channelId}` },
  isAdmin: true,
});
const C1 = inChannel("C1");
const C2 = inChannel("C2");
const cli: Actor = { origin: { platform: "cli", workspaceId: null, channelId: null, userId: null }, isAdmin: true };

function lines(reply: Reply): string[] {
  if (reply.kind !== "notice") throw new Error("expected a notice");
  return reply.lines;
}

describe.each(storeFactories())("per-channel feeds on $name", (factory) => {
  let store: Store;
  let deps: CommandDeps;
  const fetched: string[] = [];

  beforeEach(async () => {
    store = await factory.open();
    fetched.length = 0;
    const parsed = await readFeedFile(SAMPLE);
    // Answers every URL as itself, so each address is its own feed; counts fetches.
    const source: FeedSource = {
      async fetchFeed(url) {
        fetched.push(url);
        return { kind: "feed", url, etag: null, lastModified: null, feed: parsed };
      },
    };
    deps = {
      feeds: store.feeds,
      articles: store.articles,
      events: store.events,
      source,
      normalize: normalizeArticle,
      clock: { now: () => Date.UTC(2026, 0, 14) },
      random: () => 0.5,
      policy: { refreshMinutes: 15, maxFailures: 10 },
    };
  });
  afterEach(async () => {
    await store.close();
  });

  const run = (line: string, actor: Actor) => handleCommand(deps, parseCommand(line), actor);

  it("records the channel on /feed add; another channel joins the same feed instead of failing", async () => {
    const added = await run("/feed add https://one.example/rss", C1);
    expect(added).toMatchObject({ kind: "notice", title: "Feed added", visibility: "channel" });
    const [feed] = await store.feeds.listFeeds();
    const id = feed?.id ?? 0;
    expect(await store.feeds.feedSubscribers(id)).toEqual([
      {
        feedId: id,
        channel: { platform: "slack", workspaceId: "T1", channelId: "C1" },
        addedBy: "U-C1",
        addedAt: Date.UTC(2026, 0, 14),
      },
    ]);
    const joined = await run("/feed add https://one.example/rss", C2);
    expect(joined).toMatchObject({ kind: "notice", title: "Feed added to this channel", visibility: "channel" });
    expect(lines(joined).join(" ")).toMatch(/already followed elsewhere.*this channel now follows it too/);
    // Joining fetches nothing and stores no second feed.
    expect(fetched).toEqual(["https://one.example/rss"]);
    expect(await store.feeds.listFeeds()).toHaveLength(1);
    expect(await store.feeds.channelFeedIds({ platform: "slack", workspaceId: "T1", channelId: "C2" })).toEqual([id]);
    // The same channel adding it again, or the CLI, is told it is there already.
    expect(await run("/feed add https://one.example/rss", C2)).toMatchObject({
      tone: "error",
      code: "feed_exists",
      lines: [expect.stringContaining("already subscribed in this channel as feed #")],
    });
    expect(await run("/feed add https://one.example/rss", cli)).toMatchObject({ code: "feed_exists" });
  });

  it("refuses a feed address longer than 2,048 characters before fetching anything", async () => {
    const long = `https://one.example/${"a".repeat(2_100)}`;
    expect(await run(`/feed add ${long}`, C1)).toMatchObject({
      code: "feed_url_too_long",
      lines: [expect.stringContaining("a feed address may have at most 2048")],
    });
    expect(fetched).toEqual([]);
  });

  it("/feed list shows this channel's feeds first, then the rest of the install", async () => {
    await run("/feed add https://one.example/rss", C1);
    await run("/feed add https://two.example/rss", C2);
    await run("/feed add https://three.example/rss", C1);
    const mine = lines(await run("/feed list", C1));
    expect(mine[0]).toBe("In this channel (2):");
    expect(mine[1]).toMatch(/^#1 .*one\.example/);
    expect(mine[2]).toMatch(/^#3 .*three\.example/);
    expect(mine[3]).toBe("Elsewhere in this install (1):");
    expect(mine[4]).toMatch(/^#2 .*two\.example/);
    const theirs = lines(await run("/feed list", C2));
    expect(theirs.map((l) => l.slice(0, 3))).toEqual(["In ", "#2 ", "Els", "#1 ", "#3 "]);
    const elsewhere = lines(await run("/feed list", inChannel("C9", "T9", "discord")));
    expect(elsewhere[0]).toBe("This channel follows no feed yet; add one here with /feed add <url>.");
    expect(elsewhere).toHaveLength(5);
    // The CLI (no channel) lists every feed as before.
    expect(lines(await run("/feed list", cli)).map((l) => l.slice(0, 2))).toEqual(["#1", "#2", "#3"]);
  });

  it("/feed remove ends this channel's subscription, and deletes the feed only after the last", async () => {
    await run("/feed add https://one.example/rss", C1);
    await run("/feed add https://one.example/rss", C2);
    const articles = await store.articles.countArticles(1);
    expect(articles).toBeGreaterThan(0);
    const first = await run("/feed remove 1", C1);
    expect(first).toMatchObject({ title: "Feed removed from this channel", visibility: "channel" });
    expect(lines(first)[0]).toMatch(/1 other channel still follows it, so it and its articles are kept/);
    expect(await store.articles.countArticles(1)).toBe(articles);
    // Removing again from a channel that no longer follows it, while another does: refused, named.
    expect(await run("/feed remove 1", C1)).toMatchObject({
      tone: "error",
      code: "feed_followed_elsewhere",
      lines: [expect.stringContaining("/feed remove 1 everywhere")],
    });
    const last = await run("/feed remove 1", C2);
    expect(last).toMatchObject({
      title: "Feed removed",
      lines: [expect.stringContaining("and its articles were removed")],
    });
    expect(await store.feeds.getFeed(1)).toBeUndefined();
    expect(await store.articles.countArticles(1)).toBe(0);
  });

  it("/feed remove <id> everywhere (admins) and the CLI remove a feed every channel follows", async () => {
    await run("/feed add https://one.example/rss", C1);
    await run("/feed add https://one.example/rss", C2);
    expect(await run("/feed remove 1 everywhere", { ...inChannel("C3"), isAdmin: false })).toMatchObject({
      code: "not_admin",
    });
    expect(await store.feeds.getFeed(1)).toBeDefined();
    expect(await run("/feed remove 1 everywhere", inChannel("C3"))).toMatchObject({ title: "Feed removed" });
    expect(await store.feeds.getFeed(1)).toBeUndefined();
    await run("/feed add https://two.example/rss", C1);
    expect(await run("/feed remove https://two.example/rss", cli)).toMatchObject({ title: "Feed removed" });
    expect(await store.feeds.listFeeds()).toEqual([]);
  });

  it("keeps feeds from before subscriptions working: listed, joined, and removable from any channel", async () => {
    const legacy = await store.feeds.addFeed(plainFeed("https://legacy.example/rss"));
    expect(lines(await run("/feed list", C1))).toEqual([
      "This channel follows no feed yet; add one here with /feed add <url>.",
      "Elsewhere in this install (1):",
      expect.stringMatching(/^#1 .*legacy\.example/),
    ]);
    expect(await run("/feed add https://legacy.example/rss", C1)).toMatchObject({
      title: "Feed added to this channel",
    });
    expect(lines(await run("/feed list", C1))[0]).toBe("In this channel (1):");
    const other = await store.feeds.addFeed(plainFeed("https://legacy-two.example/rss"));
    expect(await run(`/feed remove ${other.id}`, C2)).toMatchObject({ title: "Feed removed" });
    expect(await store.feeds.getFeed(other.id)).toBeUndefined();
    expect(await store.feeds.getFeed(legacy.id)).toBeDefined();
  });
});
