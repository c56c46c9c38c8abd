// The one announcement loop over ChatPublisher: routing by the origin's platform in one pass,
// the direct-message fallback, and the exactly-once rule (taken or maybe taken: settled and never
// sent again; surely not taken: left pending). Publishers here are recording stand-ins for the
// contract; the real Slack and Discord publishers run this loop against their fakes in
// test/adapters/slack/slack-publisher.test.ts and test/adapters/discord/discord-publisher.test.ts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChatPublisher } from "../../../src/adapters/chat/chat-platform.js";
import { deliverAnnouncements } from "../../../src/adapters/chat/deliver-announcements.js";
import type { Origin, Platform } from "../../../src/briefing/feed.js";
import type { Logger, PublishResult } from "../../../src/briefing/ports.js";
import { openSqliteStore, type SqliteStore } from "../../../src/store/sqlite/open-sqlite-store.js";

const NOW = Date.UTC(2026, 0, 14);
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Answers each channel with a scripted result (default: ok) and records every call. */
function recordingPublisher(answers: Record<string, PublishResult[]> = {}) {
  const calls: string[] = [];
  const answer = (key: string): PublishResult => answers[key]?.shift() ?? { ok: true, messageId: `m-${key}` };
  const publisher: ChatPublisher = {
    publish: async () => ({ ok: false, reason: "error", detail: "not used" }),
    announce: async (target, announcement) => {
      calls.push(`${target.channelId}: ${announcement.title}`);
      return answer(target.channelId);
    },
    tellOwner: async (owner, _announcement, undelivered) => {
      calls.push(`dm ${owner.userId} about ${undelivered.channelId} (${undelivered.failure?.reason ?? "none"})`);
      return answer(`dm:${owner.userId}`);
    },
  };
  return { publisher, calls };
}

const fail = (reason: Extract<PublishResult, { ok: false }>["reason"]): PublishResult => ({
  ok: false,
  reason,
  detail: reason,
});

describe("deliverAnnouncements", () => {
  let dir: string;
  let store: SqliteStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "briefbot-announce-"));
    store = openSqliteStore(join(dir, "a.db"));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const record = (platform: Platform, channelId: string | null, userId: string | null) => {
    const origin: Origin = { platform, workspaceId: "W1", channelId, userId };
    return store.events.recordEvent({
      kind: "feed_disabled",
      feedId: null,
      origin,
      message: `Feed #7 was disabled (${platform} ${channelId})`,
      createdAt: NOW,
    });
  };
  const pending = async () => (await store.events.pendingEvents(100)).map((e) => e.id);
  const deliver = (publishers: Partial<Record<Platform, ChatPublisher>>) =>
    deliverAnnouncements({ events: store.events, publishers, now: () => NOW + 1, logger: silent });

  it("routes each event to the platform its origin names, in one pass, and leaves platforms not running here", async () => {
    const slack = recordingPublisher();
    const discord = recordingPublisher();
    const onSlack = await record("slack", "C1", "U1");
    const onDiscord = await record("discord", "210", "310");
    const onConsole = await record("console", "console", null);

    expect(await deliver({ slack: slack.publisher, discord: discord.publisher })).toEqual({
      delivered: 2,
      redirected: 0,
      retryLater: 0,
      dropped: 0,
      unconfirmed: 0,
    });
    expect(slack.calls).toEqual(["C1: A feed was disabled"]);
    expect(discord.calls).toEqual(["210: A feed was disabled"]);
    const left = await pending();
    expect(left).toEqual([onConsole.id]);
    expect(left).not.toContain(onSlack.id);
    expect(left).not.toContain(onDiscord.id);
  });

  it("tells the owner directly when the channel is out of reach, and drops what reaches nobody", async () => {
    const slack = recordingPublisher({ CGONE: [fail("channel_not_found")], CNOWNER: [fail("forbidden")] });
    await record("slack", "CGONE", "U1");
    await record("slack", "CNOWNER", null);
    await record("slack", null, "U2");

    expect(await deliver({ slack: slack.publisher })).toEqual({
      delivered: 0,
      redirected: 2,
      retryLater: 0,
      dropped: 1,
      unconfirmed: 0,
    });
    expect(slack.calls).toEqual([
      "CGONE: A feed was disabled",
      "dm U1 about CGONE (channel_not_found)",
      "CNOWNER: A feed was disabled",
      "dm U2 about null (none)",
    ]);
    expect(await pending()).toEqual([]);
  });

  it("never sends again what the platform may have taken; retries what it surely did not", async () => {
    const slack = recordingPublisher({
      CMAYBE: [fail("unconfirmed")],
      CDOWN: [fail("error")],
      CSLOW: [fail("rate_limited")],
      CDM: [fail("not_in_channel")],
      "dm:UDM": [fail("unconfirmed")],
    });
    await record("slack", "CMAYBE", "U1");
    const down = await record("slack", "CDOWN", "U1");
    const slow = await record("slack", "CSLOW", "U1");
    await record("slack", "CDM", "UDM");

    expect(await deliver({ slack: slack.publisher })).toEqual({
      delivered: 0,
      redirected: 0,
      retryLater: 2,
      dropped: 0,
      unconfirmed: 2,
    });
    expect(await pending()).toEqual([down.id, slow.id]);

    // The next pass tries only the two that surely were not posted.
    slack.calls.length = 0;
    expect(await deliver({ slack: slack.publisher })).toMatchObject({ delivered: 2, retryLater: 0 });
    expect(slack.calls).toEqual(["CDOWN: A feed was disabled", "CSLOW: A feed was disabled"]);
    expect(await pending()).toEqual([]);
  });

  it("retries a settled event's record until stored, without announcing it again", async () => {
    const slack = recordingPublisher();
    await record("slack", "C1", "U1");
    let failures = 3;
    const events = {
      ...store.events,
      pendingEvents: (limit: number) => store.events.pendingEvents(limit),
      recordEvent: store.events.recordEvent.bind(store.events),
      markEventDelivered: async (id: number, at: number) => {
        if (failures-- > 0) throw new Error("SQLITE_BUSY: database is locked");
        return store.events.markEventDelivered(id, at);
      },
    };
    const pauses: number[] = [];
    const markRetry = { firstMs: 10, maxMs: 25, sleep: async (ms: number) => void pauses.push(ms) };
    const summary = await deliverAnnouncements({
      events,
      publishers: { slack: slack.publisher },
      now: () => NOW,
      logger: silent,
      markRetry,
    });
    expect(summary.delivered).toBe(1);
    expect(pauses).toEqual([10, 20, 25]);
    expect(slack.calls).toHaveLength(1);
    expect(await pending()).toEqual([]);
  });
  it("tells a paused watch's creator directly when the watch's channel stays out of reach", async () => {
    const slack = recordingPublisher({ C9: [fail("not_in_channel")] });
    await store.events.recordEvent({
      kind: "watch_paused",
      feedId: null,
      origin: { platform: "slack", workspaceId: "W1", channelId: "C9", userId: "U7" },
      message: "Watch #3 was paused: briefbot could not post a story alert in this channel (not_in_channel).",
      createdAt: NOW,
    });
    expect(await deliver({ slack: slack.publisher })).toMatchObject({ delivered: 0, redirected: 1 });
    expect(slack.calls).toEqual(["C9: Story alerts were paused", "dm U7 about C9 (not_in_channel)"]);
    expect(await pending()).toEqual([]);
  });
});
