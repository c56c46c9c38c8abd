// The /watch grammar and commands: options, patterns and limits parsed or refused with the fix
// named; every change refused for non-admins with nothing stored; list, preview and why for anyone,
// why naming the filter that dropped an article after a real alert pass.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runAlertPass } from "../../../src/briefing/alerts/run-alert-pass.js";
import { parseCommand } from "../../../src/briefing/commands/command.js";
import { type Actor, type CommandDeps, handleCommand } from "../../../src/briefing/commands/handle-command.js";
import { isWatchChange, parseWatchCommand } from "../../../src/briefing/commands/watch-command.js";
import { isUserError } from "../../../src/briefing/errors.js";
import type { Store } from "../../../src/store/store.js";
import { alertRunDeps } from "../../support/alert-run-deps.js";
import { offlineCommandDeps } from "../../support/offline-command-deps.js";
import { RecordingAlertPublisher } from "../../support/recording-alert-publisher.js";
import { storeFactories } from "../../support/store-factories.js";
import { plainFeed } from "../../support/test-records.js";

const parse = (line: string) => parseWatchCommand(line.split(" "));
const failure = (line: string): string => {
  try {
    parseWatchCommand(parseCommandTokens(line));
  } catch (error) {
    if (isUserError(error)) return error.message;
    throw error;
  }
  throw new Error(`parsed: ${line}`);
};
function parseCommandTokens(line: string): string[] {
  const command = parseCommand(`/watch ${line}`);
  if (command.kind !== "watch") throw new Error("not a watch command");
  return command.args;
}

describe("parseWatchCommand", () => {
  it("reads a topic with its options, phrases and prefixes", () => {
    expect(
      parseWatchCommand(
        parseCommandTokens(
          'volcano iceland sources:Reuters,ap min-sources:2 exclude:"keflavik airport" include:erupt* opinion:off',
        ),
      ),
    ).toEqual({
      action: "add",
      topic: "volcano iceland",
      sources: ["reuters", "ap"],
      minSources: 2,
      include: ["erupt*"],
      exclude: ['"keflavik airport"'],
      opinion: false,
    });
    expect(parse("add")).toMatchObject({ action: "add", topic: null });
    expect(parse("list")).toEqual({ action: "list" });
    expect(parse("pause #3")).toEqual({ action: "pause", id: 3 });
    expect(parse("why https://example.com/a")).toEqual({ action: "why", url: "https://example.com/a" });
    expect(parse("limits 2/min 50/day quiet 22:00-07:00 tz:Europe/Berlin")).toEqual({
      action: "limits",
      perMinute: 2,
      perDay: 50,
      quiet: { start: 22 * 60, end: 7 * 60 },
      timeZone: "Europe/Berlin",
    });
    expect(parse("limits quiet off")).toMatchObject({ quiet: null });
  });

  it("names the fix for each mistake", () => {
    expect(failure("")).toContain("/watch needs a topic");
    expect(failure("volcano min-sources:0")).toContain("from 1 to 10");
    expect(failure("volcano exclude:***")).toContain("has no word in it");
    expect(failure("volcano opinion:maybe")).toContain("opinion:maybe must be on");
    expect(failure("volcano exlcude:sport")).toContain("Did you mean exclude:?");
    expect(failure("lsit")).toContain("Did you mean /watch list?");
    expect(failure("remove x")).toContain("is not a watch id");
    expect(failure("limits quiet 25:00-07:00")).toContain("HH:MM-HH:MM");
    expect(failure("limits 0/min")).toContain("from 1/min");
    expect(failure("limits tz:Europe/Berlni")).toContain("Europe/Berlin");
    expect(failure("why")).toContain("needs one article link");
  });

  it("keeps patterns as data: a pattern full of RegExp syntax is a plain word", () => {
    expect(parse("x exclude:(a+)+$")).toMatchObject({ exclude: ["a"] });
  });

  it("tells changes (admins) from looks (everyone)", () => {
    for (const line of ["volcano", "add", "remove 1", "pause 1", "resume 1", "limits 2/min"])
      expect(isWatchChange(line.split(" ")), line).toBe(true);
    for (const line of ["list", "preview 1", "why https://x.example/1", "limits"])
      expect(isWatchChange(line.split(" ")), line).toBe(false);
  });
});

const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);
const origin = { platform: "slack", workspaceId: "T1", channelId: "C1", userId: "U1" } as const;
const member: Actor = { origin, isAdmin: false };
const admin: Actor = { origin, isAdmin: true };

describe.each(storeFactories())("/watch on $name", (factory) => {
  let store: Store;
  let deps: CommandDeps;
  let now = T0;
  beforeEach(async () => {
    store = await factory.open();
    now = T0;
    deps = offlineCommandDeps(store, () => now, "no fetching here");
  });
  afterEach(async () => {
    await store.close();
  });
  const run = (line: string, actor: Actor) => handleCommand(deps, parseCommand(line), actor);
  const text = async (line: string, actor: Actor) => JSON.stringify(await run(line, actor));

  it("refuses every change from non-admins, only to them, and stores nothing", async () => {
    await run("/watch volcano", admin);
    for (const line of [
      "/watch earthquake",
      "/watch add",
      "/watch remove 1",
      "/watch pause 1",
      "/watch resume 1",
      "/watch limits 5/min",
      "/watch limits quiet 22:00-07:00",
    ]) {
      expect(await run(line, member), line).toMatchObject({ tone: "error", code: "not_admin", visibility: "sender" });
    }
    expect((await store.watches.listWatches()).map((w) => [w.id, w.pausedAt])).toEqual([[1, null]]);
    expect(await store.watches.getAlertSettings({ platform: "slack", workspaceId: "T1", channelId: "C1" })).toBeNull();
    expect(await run("/watch list", member)).toMatchObject({ title: "1 watch", visibility: "sender" });
    expect(await run("/watch limits", member)).toMatchObject({ title: "Alert limits" });
  });

  it("adds, lists, pauses, resumes and removes a watch in its channel; other workspaces cannot see it", async () => {
    expect(await run('/watch volcano min-sources:2 exclude:"sport"', admin)).toMatchObject({
      title: "Watch added",
      visibility: "channel",
    });
    expect(await text("/watch list", admin)).toContain('#1 \\"volcano\\" (waits for 2 sources; exclude sport)');
    expect(await run("/watch pause 1", admin)).toMatchObject({ title: "Watch paused" });
    expect((await store.watches.activeWatches()).length).toBe(0);
    expect(await run("/watch resume 1", admin)).toMatchObject({ title: "Watch resumed" });
    const stranger: Actor = { origin: { ...origin, workspaceId: "T2" }, isAdmin: true };
    expect(await run("/watch remove 1", stranger)).toMatchObject({ code: "watch_not_found" });
    expect(await run("/watch remove 1", admin)).toMatchObject({ title: "Watch removed" });
    expect(await store.watches.listWatches()).toEqual([]);
  });

  it("sets flood control and quiet hours, and says when they are read in UTC", async () => {
    const reply = await text("/watch limits 3/min 10/day quiet 22:00-07:00", admin);
    expect(reply).toContain("at most 3 a minute and 10 a day");
    expect(reply).toContain("read in UTC");
    expect(await text("/watch limits tz:Europe/Berlin", admin)).toContain("22:00-07:00 Europe/Berlin");
  });

  it("answers /watch why: not found, not fetched yet, and the filter that dropped an article", async () => {
    expect(await text("/watch why https://nowhere.example/a", member)).toContain("Not found");
    const feed = await store.feeds.addFeed(
      plainFeed("https://reuters.example/rss", { title: "Reuters", origin: { ...origin }, nextFetchAt: T0 + 600_000 }),
    );
    expect(await text("/watch why https://reuters.example/news/later", member)).toContain(
      "Feed #1 Reuters is next fetched at 2026-03-10 12:10 UTC",
    );
    await run('/watch volcano exclude:"keflavik airport"', admin);
    now = T0 + 60_000;
    await store.articles.upsertArticles(
      feed.id,
      [
        {
          url: "https://reuters.example/news/hekla",
          guid: "hekla",
          title: "Volcano erupts near Reykjavik, flights cancelled",
          author: null,
          publishedAt: now,
          publishedAtEstimated: false,
          fetchedAt: now,
          summary: null,
          text: "The Hekla volcano erupted near Reykjavik. Flights were cancelled at Keflavik airport.",
          contentHash: "hekla",
          language: "en",
        },
      ],
      { backlog: false },
    );
    const publisher = new RecordingAlertPublisher();
    await runAlertPass(alertRunDeps(store, publisher, () => now));
    expect(publisher.sent).toEqual([]);
    const why = await text("/watch why https://reuters.example/news/hekla?utm_source=x", member);
    expect(why).toContain("Watch #1: dropped by a filter");
    expect(why).toContain('exclude: \\"keflavik airport\\"');
    const preview = await text("/watch preview 1", member);
    expect(preview).toContain("0 of the last day's 1 story would have been posted");
    expect(preview).toContain("not posted (exclude:");
  });
});
