// Story alerts on Discord through discord.js's REST client (briefbot's options: no automatic
// retries) against the fake Discord: a story posted once, a thread started on it the first time
// and replies posted in it, the card edited (PATCH), a deleted parent answered message_gone, an
// archived or locked thread thread_closed, and a slow or 5xx answer unconfirmed and never sent again.
import { REST } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { discordRestOptions } from "../../../src/adapters/discord/create-discord-client.js";
import { DiscordAlertPublisher } from "../../../src/adapters/discord/discord-alert-publisher.js";
import { DiscordPublisher } from "../../../src/adapters/discord/discord-publisher.js";
import type { AlertPost } from "../../../src/briefing/alerts/alert-publisher.js";
import type { Logger } from "../../../src/briefing/ports.js";
import { type FakeDiscord, startFakeDiscord } from "../../support/fake-discord.js";
import { roundupCard, storyAlert, threadReply, withSource } from "../../support/story-alert-fixtures.js";
import { checkDiscordLimits } from "./check-discord-limits.js";

const CHANNEL = "220000000000000001";
const NOW = Date.UTC(2026, 0, 14);
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const target = { platform: "discord" as const, workspaceId: "110000000000000001", channelId: CHANNEL };

describe("DiscordAlertPublisher", () => {
  let fake: FakeDiscord;
  let alerts: DiscordAlertPublisher;
  let rest: REST;

  beforeEach(async () => {
    fake = await startFakeDiscord();
    rest = new REST(discordRestOptions({ DISCORD_API_URL: fake.apiUrl })).setToken("fake-token");
    alerts = new DiscordAlertPublisher(new DiscordPublisher(rest, { clock: { now: () => NOW }, logger: silent }));
  });
  afterEach(async () => {
    await fake.close();
  });

  async function posted(publisher = alerts): Promise<AlertPost> {
    const result = await publisher.postStory(target, storyAlert());
    if (!result.ok) throw new Error(`not posted: ${result.reason}`);
    return { channel: target, messageId: result.messageId };
  }

  const threadStarts = () => fake.requests.filter((r) => r.method === "POST" && r.path.endsWith("/threads"));

  it("posts a story, starts its thread once, replies twice in it and edits the card", async () => {
    const parent = await posted();
    const first = await alerts.replyInThread(parent, threadReply("Reuters"));
    const second = await alerts.replyInThread(parent, threadReply("AP", "Officials said 12 people were hurt."));
    const edited = await alerts.editStory(parent, withSource(withSource(storyAlert(), "Reuters"), "AP"));
    expect([first.ok, second.ok, edited]).toEqual([true, true, { ok: true, messageId: parent.messageId }]);

    expect(fake.channelMessages(CHANNEL)).toHaveLength(1);
    expect(threadStarts()).toHaveLength(1);
    expect(fake.thread(parent.messageId)).toMatchObject({ parentId: CHANNEL, name: "More sources" });
    const replies = fake.channelMessages(parent.messageId).map((m) => String(m.body.content));
    expect(replies).toEqual([
      "+ **[Reuters](<https://reuters.example/q>)**: “Buildings swayed for nearly a minute.”",
      "+ **[AP](<https://ap.example/q>)**: “Officials said 12 people were hurt.”",
    ]);
    const [card] = fake.channelMessages(CHANNEL);
    expect(card?.edits).toBe(1);
    expect(JSON.stringify(card?.body)).toContain("3 sources");
    for (const body of fake.messageBodies()) {
      expect(checkDiscordLimits(body)).toEqual([]);
      expect(body.allowed_mentions).toEqual({ parse: [] });
      // Feed text's mentions and masked links stay inert.
      expect(JSON.stringify(body)).not.toMatch(/(?<!\\\\)<@U123>|@everyone|(?<!\\\\)\[click\]/);
    }
  });

  it("replies in a thread another instance (or an earlier run) started, after one refused start", async () => {
    const parent = await posted();
    expect(await alerts.replyInThread(parent, threadReply("Reuters"))).toMatchObject({ ok: true });
    const restarted = new DiscordAlertPublisher(
      new DiscordPublisher(rest, { clock: { now: () => NOW }, logger: silent }),
    );
    expect(await restarted.replyInThread(parent, threadReply("AP"))).toMatchObject({ ok: true });
    expect(threadStarts().map((r) => r.status)).toEqual([201, 400]);
    expect(fake.channelMessages(parent.messageId)).toHaveLength(2);
  });

  it("answers message_gone when the parent was deleted before its thread started, and for edits", async () => {
    const parent = await posted();
    fake.deleteMessage(parent.messageId);
    expect(await alerts.replyInThread(parent, threadReply("Reuters"))).toMatchObject({
      ok: false,
      reason: "message_gone",
    });
    expect(await alerts.editStory(parent, withSource(storyAlert(), "Reuters"))).toMatchObject({
      ok: false,
      reason: "message_gone",
    });
    expect(fake.channelMessages(parent.messageId)).toHaveLength(0);
  });

  it("answers thread_closed for an archived or a locked thread", async () => {
    for (const how of ["archived", "locked"] as const) {
      const parent = await posted();
      expect(await alerts.replyInThread(parent, threadReply("Reuters"))).toMatchObject({ ok: true });
      fake.closeThread(parent.messageId, how);
      expect(await alerts.replyInThread(parent, threadReply("AP"))).toMatchObject({
        ok: false,
        reason: "thread_closed",
      });
      expect(fake.channelMessages(parent.messageId)).toHaveLength(1);
    }
  });

  it("reports a reply, an edit or a post Discord took but answered late or with a 5xx as unconfirmed, never sent again", async () => {
    // briefbot's REST options with a short timeout, so the late answers below come after it.
    const quick = new REST({ ...discordRestOptions({ DISCORD_API_URL: fake.apiUrl }), timeout: 300 });
    const alerts = new DiscordAlertPublisher(
      new DiscordPublisher(quick.setToken("fake-token"), { clock: { now: () => NOW }, logger: silent }),
    );
    const parent = await posted(alerts);
    expect(await alerts.replyInThread(parent, threadReply("Reuters"))).toMatchObject({ ok: true });
    fake.acceptThen("POST", new RegExp(`/channels/${parent.messageId}/messages$`), { delayMs: 1_000 });
    fake.acceptThen("PATCH", /\/messages\/\d+$/, { failure: { status: 502, body: { message: "Bad Gateway" } } });
    fake.acceptThen("POST", new RegExp(`/channels/${CHANNEL}/messages$`), { delayMs: 1_000 });
    expect(await alerts.replyInThread(parent, threadReply("AP"))).toMatchObject({ reason: "unconfirmed" });
    expect(await alerts.editStory(parent, withSource(storyAlert(), "AP"))).toMatchObject({ reason: "unconfirmed" });
    expect(await alerts.postStory(target, storyAlert())).toMatchObject({ reason: "unconfirmed" });
    const sent = (path: RegExp, method = "POST") =>
      fake.requests.filter((r) => r.method === method && path.test(r.path));
    expect(sent(new RegExp(`/channels/${parent.messageId}/messages$`))).toHaveLength(2);
    expect(sent(/\/messages\/\d+$/, "PATCH")).toHaveLength(1);
    expect(sent(new RegExp(`/channels/${CHANNEL}/messages$`))).toHaveLength(2);
    // Each was taken once: two replies in the thread, one edit, two story posts.
    expect(fake.channelMessages(parent.messageId)).toHaveLength(2);
    expect(fake.channelMessages(CHANNEL)).toHaveLength(2);
  });

  it("posts a round-up as a digest card", async () => {
    const card = roundupCard();
    expect(await alerts.postRoundup(target, card, "roundup-1")).toMatchObject({ ok: true });
    expect(String(fake.channelMessages(CHANNEL)[0]?.body.content)).toContain("12 more stories");
  });
});
