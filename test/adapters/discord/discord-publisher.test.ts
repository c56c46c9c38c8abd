// Posting to channels through discord.js's REST client against the fake Discord: a 429 is waited
// out and the message arrives once; a timeout or 5xx after Discord took it is never sent again;
// 403/404 are reported to whoever set things up and never retried; outbox announcements are
// settled exactly once (their record retried until stored), other platforms' events left alone.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REST } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliverAnnouncements } from "../../../src/adapters/chat/deliver-announcements.js";
import { discordRestOptions } from "../../../src/adapters/discord/create-discord-client.js";
import { DiscordDigestPublisher } from "../../../src/adapters/discord/discord-digest-publisher.js";
import { DiscordPublisher } from "../../../src/adapters/discord/discord-publisher.js";
import { renderDiscordReply } from "../../../src/adapters/discord/render-discord-reply.js";
import type { MarkRetry } from "../../../src/adapters/outbox/mark-delivered-until-stored.js";
import type { Origin } from "../../../src/briefing/feed.js";
import type { EventStore, Logger } from "../../../src/briefing/ports.js";
import { openSqliteStore, type SqliteStore } from "../../../src/store/sqlite/open-sqlite-store.js";
import {
  type FakeDiscord,
  MISSING_ACCESS,
  rateLimited,
  startFakeDiscord,
  UNKNOWN_CHANNEL,
} from "../../support/fake-discord.js";
import { startLocalHttpServer } from "../../support/local-http-server.js";
import { checkDiscordLimits } from "./check-discord-limits.js";

const GOOD = "210000000000000001";
const CLOSED = "210000000000000002";
const GONE = "210000000000000003";
const OWNER = "310000000000000001";
const NOW = Date.UTC(2026, 0, 14);
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** The one announcement loop, with Discord as the only running platform. */
function deliver(publisher: DiscordPublisher, events: EventStore, logger: Logger, markRetry?: MarkRetry) {
  const publishers = { discord: new DiscordDigestPublisher(publisher) };
  return deliverAnnouncements({ events, publishers, now: () => NOW, logger, ...(markRetry ? { markRetry } : {}) });
}

const notice = (text: string) =>
  renderDiscordReply({
    kind: "notice",
    visibility: "channel",
    title: "A feed was disabled",
    lines: [text],
    tone: "error",
  });

const messagesTo = (fake: FakeDiscord, channelId: string) =>
  fake.requests.filter((r) => r.method === "POST" && r.path === `/api/v10/channels/${channelId}/messages`);

function discordOrigin(channelId: string | null, userId: string | null): Origin {
  return { platform: "discord", workspaceId: "110000000000000001", channelId, userId };
}

describe("DiscordPublisher", () => {
  let fake: FakeDiscord;
  let dir: string;
  let store: SqliteStore;
  let publisher: DiscordPublisher;
  let warnings: string[];
  let log: Logger;

  beforeEach(async () => {
    fake = await startFakeDiscord();
    dir = mkdtempSync(join(tmpdir(), "briefbot-discord-pub-"));
    store = openSqliteStore(join(dir, "p.db"));
    warnings = [];
    const logger: Logger = {
      debug: () => {},
      info: () => {},
      warn: (_context, message) => warnings.push(message),
      error: (_context, message) => warnings.push(message),
    };
    // briefbot's REST options: no automatic retries (discord.js would retry a 5xx 3 times by default).
    const rest = new REST(discordRestOptions({ DISCORD_API_URL: fake.apiUrl })).setToken("fake-bot-token");
    publisher = new DiscordPublisher(rest, { clock: { now: () => NOW }, logger });
    log = logger;
  });

  afterEach(async () => {
    store.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("waits out a 429 and delivers the message once", async () => {
    fake.fail("POST", new RegExp(`/channels/${GOOD}/messages$`), rateLimited(0.01));
    const outcome = await publisher.post(GOOD, notice("Feed #1 (@everyone) was disabled"));
    expect(outcome).toMatchObject({ status: "sent" });
    expect(messagesTo(fake, GOOD).map((r) => r.status)).toEqual([429, 200]);
    // The same body both times, mentions off.
    for (const request of messagesTo(fake, GOOD))
      expect(request.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it("logs a post or an edit Discord took without naming the message, and reports it unconfirmed", async () => {
    const noId = { status: 200, body: {} };
    fake.fail("POST", new RegExp(`/channels/${GOOD}/messages$`), noId);
    fake.fail("PATCH", new RegExp(`/channels/${GOOD}/messages/`), noId);
    const unconfirmed = { status: "unconfirmed", reason: "Discord's answer had no message id" };
    expect(await publisher.post(GOOD, notice("x"))).toEqual(unconfirmed);
    expect(await publisher.edit(GOOD, "410000000000000001", notice("y"))).toEqual(unconfirmed);
    expect(warnings).toEqual(["post answered without a message id", "edit answered without a message id"]);
  });

  it("reports a 403 Missing Access and never retries it", async () => {
    fake.fail("POST", new RegExp(`/channels/${CLOSED}/messages$`), MISSING_ACCESS, 100);
    const outcome = await publisher.post(CLOSED, notice("x"));
    expect(outcome).toEqual({
      status: "unreachable",
      httpStatus: 403,
      code: 50001,
      reason: "Missing Access: briefbot cannot see the channel",
    });
    expect(messagesTo(fake, CLOSED)).toHaveLength(1);
    // Remembered: a second post to the same channel sends nothing (no invalid request to count).
    expect(await publisher.post(CLOSED, notice("y"))).toMatchObject({ status: "unreachable" });
    expect(messagesTo(fake, CLOSED)).toHaveLength(1);
  });

  it("announces disabled feeds in their channels, tells the owner when a channel is closed, and settles each once", async () => {
    fake.fail("POST", new RegExp(`/channels/${CLOSED}/messages$`), MISSING_ACCESS, 100);
    fake.fail("POST", new RegExp(`/channels/${GONE}/messages$`), UNKNOWN_CHANNEL, 100);
    const record = (origin: Origin | null, message: string) =>
      store.events.recordEvent({ kind: "feed_disabled", feedId: null, origin, message, createdAt: NOW });
    const good = await record(
      discordOrigin(GOOD, OWNER),
      "Feed #1 (<@&123> Daily) was disabled after 10 failed fetches",
    );
    const closed = await record(discordOrigin(CLOSED, OWNER), "Feed #2 (Closed) was disabled");
    const gone = await record(discordOrigin(GONE, null), "Feed #3 (Gone) was disabled");
    const slack = await record(
      { platform: "slack", workspaceId: "T1", channelId: "C1", userId: "U1" },
      "Feed #4 was disabled",
    );

    expect(await deliver(publisher, store.events, log)).toEqual({
      delivered: 1,
      redirected: 1,
      retryLater: 0,
      dropped: 1,
      unconfirmed: 0,
    });

    const [announcement] = messagesTo(fake, GOOD);
    expect(checkDiscordLimits(announcement?.body)).toEqual([]);
    expect(JSON.stringify(announcement?.body)).toContain("\\\\<@&123>");
    expect(messagesTo(fake, CLOSED)).toHaveLength(1);
    expect(messagesTo(fake, GONE)).toHaveLength(1);
    // The owner of the closed channel's feed gets a DM naming the channel and the fix.
    const dmOpen = fake.requests.find((r) => r.path === "/api/v10/users/@me/channels");
    expect(dmOpen?.body).toEqual({ recipient_id: OWNER });
    const dm = fake.requests.find(
      (r) =>
        r.method === "POST" &&
        /\/channels\/\d+\/messages$/.test(r.path) &&
        JSON.stringify(r.body).includes("could not post"),
    );
    expect(JSON.stringify(dm?.body)).toContain(`<#${CLOSED}>`);
    expect(JSON.stringify(dm?.body)).toContain("Missing Access");
    expect(dm?.body).toMatchObject({ allowed_mentions: { parse: [] } });
    expect(warnings).toContain("an announcement could not be delivered (no reachable channel or person); dropping it");

    const pending = (await store.events.pendingEvents(10)).map((e) => e.id);
    expect(pending).toEqual([slack.id]);
    expect([good.id, closed.id, gone.id].some((id) => pending.includes(id))).toBe(false);

    // A second round sends nothing at all.
    const before = fake.requests.length;
    expect(await deliver(publisher, store.events, log)).toEqual({
      delivered: 0,
      redirected: 0,
      retryLater: 0,
      dropped: 0,
      unconfirmed: 0,
    });
    expect(fake.requests.length).toBe(before);
  });

  const announce = (channelId: string) =>
    store.events.recordEvent({
      kind: "feed_disabled",
      feedId: null,
      origin: discordOrigin(channelId, OWNER),
      message: "Feed #1 was disabled",
      createdAt: NOW,
    });

  it("settles an announcement Discord took but answered with a 5xx: sent once, never again", async () => {
    fake.acceptThen("POST", new RegExp(`/channels/${GOOD}/messages$`), {
      failure: { status: 502, body: { message: "Bad Gateway" } },
    });
    await announce(GOOD);
    expect(await deliver(publisher, store.events, log)).toEqual({
      delivered: 0,
      redirected: 0,
      retryLater: 0,
      dropped: 0,
      unconfirmed: 1,
    });
    expect(await store.events.pendingEvents(10)).toEqual([]);
    expect(await deliver(publisher, store.events, log)).toEqual({
      delivered: 0,
      redirected: 0,
      retryLater: 0,
      dropped: 0,
      unconfirmed: 0,
    });
    expect(messagesTo(fake, GOOD).map((r) => r.status)).toEqual([502]);
  });

  it("sends a message once when Discord answers after the client's timeout, with briefbot's REST options", async () => {
    // The REST options briefbot runs with (no automatic retries), with a short timeout.
    const rest = new REST({ ...discordRestOptions({ DISCORD_API_URL: fake.apiUrl }), timeout: 200 });
    const slow = new DiscordPublisher(rest.setToken("fake-bot-token"), {
      clock: { now: () => NOW },
      logger: silent,
    });
    fake.acceptThen("POST", new RegExp(`/channels/${GOOD}/messages$`), { delayMs: 1_500 });
    await announce(GOOD);
    expect(await deliver(slow, store.events, silent)).toEqual({
      delivered: 0,
      redirected: 0,
      retryLater: 0,
      dropped: 0,
      unconfirmed: 1,
    });
    expect(await deliver(slow, store.events, silent)).toEqual({
      delivered: 0,
      redirected: 0,
      retryLater: 0,
      dropped: 0,
      unconfirmed: 0,
    });
    expect(messagesTo(fake, GOOD)).toHaveLength(1);
  });

  it("leaves an announcement pending when the request never reached Discord, and delivers it next round", async () => {
    const down = await startLocalHttpServer();
    const unreachable = down.origin;
    await down.close(); // nothing listens there now: connection refused
    const refused = new DiscordPublisher(
      new REST(discordRestOptions({ DISCORD_API_URL: `${unreachable}/api` })).setToken("fake-bot-token"),
      { clock: { now: () => NOW }, logger: silent },
    );
    const recorded = await announce(GOOD);
    expect(await deliver(refused, store.events, silent)).toEqual({
      delivered: 0,
      redirected: 0,
      retryLater: 1,
      dropped: 0,
      unconfirmed: 0,
    });
    expect((await store.events.pendingEvents(10)).map((e) => e.id)).toEqual([recorded.id]);
    expect(await deliver(publisher, store.events, log)).toEqual({
      delivered: 1,
      redirected: 0,
      retryLater: 0,
      dropped: 0,
      unconfirmed: 0,
    });
    expect(messagesTo(fake, GOOD).map((r) => r.status)).toEqual([200]);
  });

  it("retries recording a delivered announcement until stored, without posting it again", async () => {
    await announce(GOOD);
    let failures = 2;
    const flaky = {
      pendingEvents: (limit: number) => store.events.pendingEvents(limit),
      recordEvent: store.events.recordEvent.bind(store.events),
      markEventDelivered: async (id: number, at: number) => {
        if (failures-- > 0) throw new Error("SQLITE_BUSY: database is locked");
        return store.events.markEventDelivered(id, at);
      },
    } as EventStore;
    const pauses: number[] = [];
    const withFlakyStore = new DiscordPublisher(
      new REST(discordRestOptions({ DISCORD_API_URL: fake.apiUrl })).setToken("fake-bot-token"),
      { clock: { now: () => NOW }, logger: silent },
    );
    const retry = { firstMs: 10, maxMs: 40, sleep: async (ms: number) => void pauses.push(ms) };
    expect(await deliver(withFlakyStore, flaky, silent, retry)).toMatchObject({ delivered: 1 });
    expect(pauses).toEqual([10, 20]);
    expect(await store.events.pendingEvents(10)).toEqual([]);
    expect(messagesTo(fake, GOOD)).toHaveLength(1);
  });
});
