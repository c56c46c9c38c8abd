// Posting with chat.postMessage through the real WebClient against the fake Web API: a 429 with
// Retry-After is waited out and the message arrives once; a post Slack took but answered late or
// with a 5xx is never sent again; not_in_channel is reported (not retried) and the events outbox
// falls back to a direct message to whoever added the feed.

import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverAnnouncements } from "../../../src/adapters/chat/deliver-announcements.js";
import type { MarkRetry } from "../../../src/adapters/outbox/mark-delivered-until-stored.js";
import {
  createSlackApp,
  type SlackBot,
  slackPostingClientOptions,
} from "../../../src/adapters/slack/create-slack-app.js";
import { renderSlackNotice } from "../../../src/adapters/slack/render-slack-reply.js";
import { SlackDigestPublisher } from "../../../src/adapters/slack/slack-digest-publisher.js";
import { SlackPublisher } from "../../../src/adapters/slack/slack-publisher.js";
import type { EventStore } from "../../../src/briefing/ports.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/fake-slack-api.js";
import { startLocalHttpServer } from "../../support/local-http-server.js";
import { checkSlackLimits } from "./check-slack-limits.js";
import { type RecordingLogger, recordingLogger } from "./recording-logger.js";
import { BOT_TOKEN, PINNED_NOW, SIGNING_SECRET, type SlackTestApp, slackTestApp } from "./slack-test-app.js";

/** The one announcement loop, with Slack as the only running platform. */
function deliverOnSlack(
  events: EventStore,
  publisher: SlackPublisher,
  now: () => number,
  logger: RecordingLogger,
  markRetry?: MarkRetry,
) {
  const publishers = { slack: new SlackDigestPublisher(publisher) };
  return deliverAnnouncements({ events, publishers, now, logger, ...(markRetry ? { markRetry } : {}) });
}

describe("SlackPublisher", () => {
  let fake: FakeSlackApi;
  let logger: RecordingLogger;
  let testApp: SlackTestApp;
  let bot: SlackBot;

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    logger = recordingLogger();
    testApp = await slackTestApp({ SLACK_SIGNING_SECRET: SIGNING_SECRET }, logger, { seed: false });
    bot = createSlackApp({
      deps: testApp.app.deps,
      settings: {
        mode: "http",
        botToken: BOT_TOKEN,
        signingSecret: SIGNING_SECRET,
        port: 1,
        apiUrl: fake.apiUrl,
        admins: [],
      },
      logger,
      clock: testApp.app.deps.clock,
    });
  });
  afterAll(async () => {
    await testApp?.close();
    await fake?.close();
  });

  const message = renderSlackNotice("Hello", ["A test announcement"]);

  it("waits out a 429 with Retry-After: 1 and delivers the message exactly once", async () => {
    fake.queue("chat.postMessage", {
      status: 429,
      headers: { "retry-after": "1" },
      body: { ok: false, error: "ratelimited" },
    });
    const before = fake.calls("chat.postMessage").length;
    const result = await bot.publisher.post("C429", message);
    expect(result).toMatchObject({ ok: true, channel: "C429" });
    const calls = fake.calls("chat.postMessage").slice(before);
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    // Retry-After is in seconds; the retry came no sooner (a little slack for timer rounding).
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(990);
    expect(fake.accepted("chat.postMessage").filter((c) => c.body.channel === "C429")).toHaveLength(1);
    expect(checkSlackLimits(calls[1]?.body)).toEqual([]);
    // The token travels in the Authorization header, never in the form body the fake recorded.
    expect(calls[1]?.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(JSON.stringify(calls[1]?.body)).not.toContain(BOT_TOKEN);
    expect(logger.entries.some((e) => e.message.includes("rate limit") && e.context.retryAfterSeconds === 1)).toBe(
      true,
    );
  });

  it("reports not_in_channel and channel_not_found with the fix, without retrying", async () => {
    for (const error of ["not_in_channel", "channel_not_found"]) {
      fake.queue("chat.postMessage", { body: { ok: false, error } });
      const before = fake.calls("chat.postMessage").length;
      const result = await bot.publisher.post("CGONE", message);
      expect(result).toMatchObject({ ok: false, reason: error, channel: "CGONE" });
      expect(result.ok === false && "hint" in result ? result.hint : "").toContain("/invite @briefbot");
      expect(fake.calls("chat.postMessage").length - before).toBe(1);
    }
  });

  it("delivers a disabled feed's event in its channel, or by direct message when the bot is not there", async () => {
    const { events } = testApp.app.store;
    const slackOrigin = (channelId: string) => ({
      platform: "slack" as const,
      workspaceId: "T1",
      channelId,
      userId: "USETUP",
    });
    const inChannel = await events.recordEvent({
      kind: "feed_disabled",
      feedId: null,
      origin: slackOrigin("CHERE"),
      message: "Feed #7 (Example <!channel>) was disabled after 10 failures",
      createdAt: PINNED_NOW,
    });
    const outside = await events.recordEvent({
      kind: "feed_disabled",
      feedId: null,
      origin: slackOrigin("CNOTIN"),
      message: "Feed #8 (Other) was disabled after 10 failures",
      createdAt: PINNED_NOW,
    });
    const discord = await events.recordEvent({
      kind: "feed_disabled",
      feedId: null,
      origin: { platform: "discord", workspaceId: "G1", channelId: "123", userId: "456" },
      message: "Feed #9 was disabled",
      createdAt: PINNED_NOW,
    });
    fake.queue(
      "chat.postMessage",
      { body: { ok: true, channel: "CHERE", ts: "1.1" }, status: 200 },
      { body: { ok: false, error: "not_in_channel" } },
    );
    const before = fake.calls("chat.postMessage").length;

    const summary = await deliverOnSlack(events, bot.publisher, () => PINNED_NOW + 1, logger);

    expect(summary).toEqual({ delivered: 1, redirected: 1, retryLater: 0, dropped: 0, unconfirmed: 0 });
    const posts = fake.calls("chat.postMessage").slice(before);
    // CNOTIN was tried once, then the person who added the feed got a DM (channel = their user id).
    expect(posts.map((p) => p.body.channel)).toEqual(["CHERE", "CNOTIN", "USETUP"]);
    expect(JSON.stringify(posts[0]?.body)).not.toContain("<!channel>");
    expect(String(posts[2]?.body.text)).toContain("/invite @briefbot");
    const pending = (await events.pendingEvents(100)).map((e) => e.id);
    expect(pending).not.toContain(inChannel.id);
    expect(pending).not.toContain(outside.id);
    // Another platform's events are left for its own adapter.
    expect(pending).toContain(discord.id);
  });

  const settings = {
    mode: "http" as const,
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    port: 1,
    apiUrl: "",
    admins: [],
  };
  /** A publisher on briefbot's posting options (no automatic retries) with a short timeout. */
  const quickPublisher = (apiUrl = fake.apiUrl) =>
    new SlackPublisher(
      new WebClient(BOT_TOKEN, { ...slackPostingClientOptions({ ...settings, apiUrl }, logger), timeout: 200 }),
      logger,
    );

  it("sends a post once when Slack takes it but answers after the client's timeout", async () => {
    fake.queue("chat.postMessage", { delayMs: 1_500 });
    const result = await quickPublisher().post("CSLOW", message);
    expect(result).toMatchObject({ ok: false, reason: "unconfirmed", channel: "CSLOW" });
    expect(fake.calls("chat.postMessage").filter((c) => c.body.channel === "CSLOW")).toHaveLength(1);
    expect(fake.accepted("chat.postMessage").filter((c) => c.body.channel === "CSLOW")).toHaveLength(1);
  });

  it("sends a post once when Slack takes it but answers with a 5xx", async () => {
    fake.queue("chat.postMessage", {
      status: 503,
      body: { ok: false, error: "service_unavailable" },
      postedAnyway: true,
    });
    const result = await quickPublisher().post("C5XX", message);
    expect(result).toMatchObject({ ok: false, reason: "unconfirmed", channel: "C5XX" });
    expect(fake.calls("chat.postMessage").filter((c) => c.body.channel === "C5XX")).toHaveLength(1);
  });

  it("reports a post that never left (connection refused) as one to try later", async () => {
    const down = await startLocalHttpServer();
    const apiUrl = `${down.origin}/api/`;
    await down.close();
    const result = await quickPublisher(apiUrl).post("CDOWN", message);
    expect(result).toMatchObject({ ok: false, reason: "failed", permanent: false });
  });

  it("settles an announcement Slack may have posted, and retries its record until stored", async () => {
    const { events } = testApp.app.store;
    const origin = { platform: "slack" as const, workspaceId: "T1", channelId: "CMAYBE", userId: "USETUP" };
    const late = await events.recordEvent({
      kind: "feed_disabled",
      feedId: null,
      origin,
      message: "Feed #10 was disabled",
      createdAt: PINNED_NOW,
    });
    const taken = await events.recordEvent({
      kind: "feed_disabled",
      feedId: null,
      origin: { ...origin, channelId: "CTAKEN" },
      message: "Feed #11 was disabled",
      createdAt: PINNED_NOW,
    });
    fake.queue("chat.postMessage", { delayMs: 1_500 }, {});
    let failures = 2;
    const flaky = {
      pendingEvents: async (limit: number) =>
        (await events.pendingEvents(limit)).filter((e) => e.id === late.id || e.id === taken.id),
      markEventDelivered: async (id: number, at: number) => {
        if (id === taken.id && failures-- > 0) throw new Error("SQLITE_BUSY: database is locked");
        return events.markEventDelivered(id, at);
      },
    } as EventStore;
    const pauses: number[] = [];
    const retry = { firstMs: 10, maxMs: 40, sleep: async (ms: number) => void pauses.push(ms) };
    const summary = await deliverOnSlack(flaky, quickPublisher(), () => PINNED_NOW + 2, logger, retry);
    expect(summary).toEqual({ delivered: 1, redirected: 0, retryLater: 0, dropped: 0, unconfirmed: 1 });
    expect(pauses).toEqual([10, 20]);
    const again = await deliverOnSlack(flaky, quickPublisher(), () => PINNED_NOW + 3, logger, retry);
    expect(again).toEqual({ delivered: 0, redirected: 0, retryLater: 0, dropped: 0, unconfirmed: 0 });
    for (const channel of ["CMAYBE", "CTAKEN"])
      expect(fake.calls("chat.postMessage").filter((c) => c.body.channel === channel)).toHaveLength(1);
  });
});
