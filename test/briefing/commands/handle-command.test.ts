// The core's command handler: admin-only commands refused for others (nothing stored), mistakes
// answered to the sender only, cards to the channel, and the /digest commands per workspace.
import { resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFeedFile, StaticFeedSource } from "../../../src/adapters/feeds/file-feed-source.js";
import { normalizeArticle } from "../../../src/adapters/feeds/normalize-article.js";
import { parseCommand } from "../../../src/briefing/commands/command.js";
import { type Actor, type CommandDeps, handleCommand } from "../../../src/briefing/commands/handle-command.js";
import type { Store } from "../../../src/store/store.js";
import { storeFactories } from "../../support/store-factories.js";

const SAMPLE = resolve(import.meta.dirname, "../../../examples/feeds/news-one-mexico.xml");
const origin = { platform: "slack", workspaceId: "T1", channelId: "C1", userId: "U1" } as const;
const member: Actor = { origin, isAdmin: false };
const admin: Actor = { origin, isAdmin: true };

describe.each(storeFactories())("handleCommand on $name", (factory) => {
  let store: Store;
  let deps: CommandDeps;

  beforeEach(async () => {
    store = await factory.open();
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
  afterEach(async () => {
    await store.close();
  });

  it("refuses feed changes from non-admins, only to them, and stores nothing", async () => {
    for (const line of ["/feed add https://news-one.example/rss", "/feed remove 1", "/feed enable 1"]) {
      const reply = await handleCommand(deps, parseCommand(line), member);
      expect(reply).toMatchObject({ kind: "notice", tone: "error", code: "not_admin", visibility: "sender" });
    }
    expect(await store.feeds.listFeeds()).toEqual([]);
  });

  it("sets a feed's fulltext mode for admins only, and shows it in /feed status", async () => {
    await handleCommand(deps, parseCommand("/feed add https://news-one.example/rss"), admin);
    const refused = await handleCommand(deps, parseCommand("/feed fulltext 1 never"), member);
    expect(refused).toMatchObject({ tone: "error", code: "not_admin", visibility: "sender" });
    expect((await store.feeds.getFeed(1))?.fulltext).toBe("auto");
    const status = async () => JSON.stringify(await handleCommand(deps, parseCommand("/feed status 1"), member));
    expect(await status()).toContain("Full text: auto");
    const set = await handleCommand(deps, parseCommand("/feed fulltext 1 NEVER"), admin);
    expect(set).toMatchObject({ kind: "notice", title: "Feed full text", visibility: "channel" });
    expect((await store.feeds.getFeed(1))?.fulltext).toBe("never");
    expect(await status()).toContain("Full text: never");
    expect(await handleCommand(deps, parseCommand("/feed fulltext 9 always"), admin)).toMatchObject({
      code: "feed_not_found",
    });
  });

  it("says in /feed status when the feed's last document needed the lenient parser", async () => {
    await handleCommand(deps, parseCommand("/feed add https://news-one.example/rss"), admin);
    const status = async () => JSON.stringify(await handleCommand(deps, parseCommand("/feed status 1"), member));
    expect(await status()).not.toContain("Parsing: lenient");
    await store.feeds.updateFeed(1, { lastParseLenient: true });
    expect(await status()).toContain("Parsing: lenient (the last document was not well-formed XML");
  });

  it("sets a feed's kind for admins only, and shows it in /feed status", async () => {
    await handleCommand(deps, parseCommand("/feed add https://news-one.example/rss"), admin);
    const refused = await handleCommand(deps, parseCommand("/feed kind 1 opinion"), member);
    expect(refused).toMatchObject({ tone: "error", code: "not_admin", visibility: "sender" });
    expect((await store.feeds.getFeed(1))?.kind).toBe("auto");
    const status = async () => JSON.stringify(await handleCommand(deps, parseCommand("/feed status 1"), member));
    expect(await status()).toContain("Kind: auto");
    // The articles /feed add stored are relabelled in the same command, and the reply counts them.
    const stored = await store.articles.recentArticles({ limit: 100 });
    expect(stored.length).toBeGreaterThan(0);
    const before = stored.filter((a) => a.kind !== "opinion").length;
    const set = await handleCommand(deps, parseCommand("/feed kind 1 Opinion"), admin);
    expect(set).toMatchObject({ kind: "notice", title: "Feed kind", visibility: "channel" });
    expect(JSON.stringify(set)).toContain(`Relabelled ${before} of the feed's ${stored.length} stored article`);
    const relabelled = await store.articles.getArticles(stored.map((a) => a.id));
    expect(relabelled.every((a) => a.kind === "opinion" && a.kindReason === "feed set to opinion")).toBe(true);
    expect((await store.feeds.getFeed(1))?.kind).toBe("opinion");
    expect(await status()).toContain("Kind: opinion");
    expect(await handleCommand(deps, parseCommand("/feed kind 9 news"), admin)).toMatchObject({
      code: "feed_not_found",
    });
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
      title: "Scheduled digests are not set up here",
    });
    expect(await handleCommand(deps, parseCommand("help"), member)).toMatchObject({
      title: "briefbot commands",
      visibility: "sender",
    });
  });

  describe("/digest", () => {
    const digest = (line: string, actor: Actor) =>
      handleCommand(
        { ...deps, digests: { schedules: store.schedules, deliveries: store.deliveries } },
        parseCommand(`/digest ${line}`),
        actor,
      );

    it("refuses changes from non-admins, lets everyone list and preview", async () => {
      for (const line of ["schedule 07:30", "remove 1", "resume 1", "timezone Europe/Berlin"]) {
        expect(await digest(line, member), line).toMatchObject({
          tone: "error",
          code: "not_admin",
          visibility: "sender",
        });
      }
      expect(await store.schedules.listSchedules()).toEqual([]);
      expect(await digest("list", member)).toMatchObject({ title: "No digests scheduled", visibility: "sender" });
      expect(await digest("timezone", member)).toMatchObject({ title: "Default time zone" });
    });

    it("schedules in the sender's channel, in the workspace's zone, and lists it", async () => {
      await digest("timezone Europe/Berlin", admin);
      const made = await digest("schedule 07:30 mexico days:mon-fri stories:3", admin);
      expect(made).toMatchObject({ kind: "notice", title: "Digest scheduled", visibility: "channel" });
      expect(JSON.stringify(made)).toMatch(/#1 07:30 Europe\/Berlin, mon-fri: mexico, up to 3 stories/);
      expect(JSON.stringify(made)).toMatch(/First digest: 2026-01-14 06:30 UTC/);
      const [schedule] = await store.schedules.listSchedules();
      expect(schedule).toMatchObject({
        target: { platform: "slack", workspaceId: "T1", channelId: "C1" },
        createdBy: "U1",
      });
      const list = await digest("list", member);
      expect(JSON.stringify(list)).toMatch(/#1 07:30 Europe\/Berlin.*channel C1 — next 2026-01-14 06:30 UTC/);
      expect(await digest("schedule 08:00 tz:Amerca/New_York", admin)).toMatchObject({
        code: "unknown_time_zone",
        lines: [expect.stringMatching(/Did you mean America\/New_York\?/)],
      });
    });

    it("keeps workspaces apart: another workspace cannot see, preview or remove a schedule", async () => {
      await digest("schedule 07:30", admin);
      const stranger: Actor = { origin: { ...origin, workspaceId: "T2" }, isAdmin: true };
      expect(await digest("list", stranger)).toMatchObject({ title: "No digests scheduled" });
      for (const line of ["remove 1", "preview 1", "resume 1"]) {
        expect(await digest(line, stranger), line).toMatchObject({ code: "schedule_not_found" });
      }
      const operator: Actor = {
        origin: { platform: "cli", workspaceId: null, channelId: null, userId: null },
        isAdmin: true,
        operator: true,
      };
      expect(JSON.stringify(await digest("list", operator))).toMatch(/slack:T1:C1/);
      expect(await digest("schedule 07:30", operator)).toMatchObject({ code: "no_channel" });
    });

    it("previews only to the sender, removes, and resumes a paused schedule", async () => {
      await handleCommand(deps, parseCommand("/feed add https://news-one.example/rss"), admin);
      await digest("schedule 07:30 sheinbaum quiet:off", admin);
      const preview = await digest("preview 1", member);
      expect(preview).toMatchObject({ kind: "card", visibility: "sender", card: { title: "Digest: sheinbaum" } });
      await store.schedules.updateSchedule(1, { pausedAt: 1, pausedReason: "channel_not_found" });
      expect(JSON.stringify(await digest("list", member))).toMatch(
        /PAUSED \(channel_not_found\); resume with \/digest resume 1/,
      );
      expect(await digest("resume 1", admin)).toMatchObject({ title: "Digest resumed", visibility: "channel" });
      expect(await store.schedules.getSchedule(1)).toMatchObject({
        pausedAt: null,
        consecutiveFailures: 0,
        activeFrom: Date.UTC(2026, 0, 14),
      });
      expect(await digest("resume 1", admin)).toMatchObject({ title: "Digest is running" });
      expect(await digest("remove 1", admin)).toMatchObject({ title: "Digest removed", visibility: "channel" });
      expect(await digest("remove 1", admin)).toMatchObject({ code: "schedule_not_found" });
    });
  });
});
