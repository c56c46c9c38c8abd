// Story alerts on Slack through the real WebClient (briefbot's posting options: no automatic retries)
// against the fake Web API: a story posted once, replies in its thread (thread_ts), the card edited
// (chat.update), a deleted parent answered message_gone, an archived channel or locked thread
// thread_closed, and a slow or 5xx answer unconfirmed and never sent again.
import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackPostingClientOptions } from "../../../src/adapters/slack/create-slack-app.js";
import { SlackAlertPublisher } from "../../../src/adapters/slack/slack-alert-publisher.js";
import { SlackPublisher } from "../../../src/adapters/slack/slack-publisher.js";
import type { AlertPost } from "../../../src/briefing/alerts/alert-publisher.js";
import type { PublishResult } from "../../../src/briefing/ports.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/fake-slack-api.js";
import { roundupCard, storyAlert, threadReply, withSource } from "../../support/story-alert-fixtures.js";
import { checkSlackLimits } from "./check-slack-limits.js";
import { type RecordingLogger, recordingLogger } from "./recording-logger.js";
import { BOT_TOKEN, SIGNING_SECRET } from "./slack-test-app.js";

const channel = (channelId: string) => ({ platform: "slack" as const, workspaceId: "T1", channelId });

describe("SlackAlertPublisher", () => {
  let fake: FakeSlackApi;
  let logger: RecordingLogger;
  let alerts: SlackAlertPublisher;
  /** The same with a short timeout, so a late answer comes after it. */
  let quick: SlackAlertPublisher;

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    logger = recordingLogger();
    const settings = { mode: "http" as const, botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 1, admins: [] };
    const options = slackPostingClientOptions({ ...settings, apiUrl: fake.apiUrl }, logger);
    alerts = new SlackAlertPublisher(new SlackPublisher(new WebClient(BOT_TOKEN, options), logger));
    const short = new WebClient(BOT_TOKEN, { ...options, timeout: 200 });
    quick = new SlackAlertPublisher(new SlackPublisher(short, logger));
  });
  afterAll(async () => {
    await fake?.close();
  });

  async function posted(channelId: string): Promise<AlertPost> {
    const result = await alerts.postStory(channel(channelId), storyAlert());
    if (!result.ok) throw new Error(`not posted: ${result.reason}`);
    return { channel: channel(channelId), messageId: result.messageId };
  }

  it("posts a story, replies twice in its thread and edits the card, all on one message", async () => {
    const parent = await posted("CALERT");
    const first = await alerts.replyInThread(parent, threadReply("Reuters"));
    const second = await alerts.replyInThread(parent, threadReply("AP", "Officials said 12 people were hurt."));
    const edited = await alerts.editStory(parent, withSource(withSource(storyAlert(), "Reuters"), "AP"));
    expect([first.ok, second.ok, edited]).toEqual([true, true, { ok: true, messageId: parent.messageId }]);

    const top = fake.messages("CALERT").filter((m) => m.threadTs === null);
    expect(top).toHaveLength(1);
    expect(top[0]?.edits).toBe(1);
    expect(top[0]?.text).toContain("3 sources");
    const replies = fake.thread("CALERT", parent.messageId);
    expect(replies.map((r) => r.text)).toEqual([
      "+ Reuters: Buildings swayed for nearly a minute.",
      "+ AP: Officials said 12 people were hurt.",
    ]);
    // The outlet links to its article; the sentence stays quoted text.
    expect(JSON.stringify(replies[0]?.blocks)).toContain("<https://reuters.example/q|Reuters>");
    for (const call of [...fake.calls("chat.postMessage"), ...fake.calls("chat.update")]) {
      expect(checkSlackLimits(call.body)).toEqual([]);
      // Feed text cannot mention anyone or bring its own links.
      expect(JSON.stringify(call.body)).not.toMatch(/<!channel>|<@U123>/);
      if (call.name === "chat.postMessage") expect(String(call.body.unfurl_links)).toBe("false");
    }
  });

  it("escapes a thread reply's feed text: no mentions, links or control characters", async () => {
    const parent = await posted("CESCAPE");
    const reply = threadReply("Evil <!here>", "Click <https://evil.example|here> now\u202e\u0007 <@U999>");
    expect(await alerts.replyInThread(parent, reply)).toMatchObject({ ok: true });
    const [sent] = fake.thread("CESCAPE", parent.messageId);
    const wire = JSON.stringify(sent);
    expect(wire).not.toMatch(/<!here>|<@U999>|<https:\/\/evil/);
    for (const invisible of ["\u202e", "\u0007", "\\u0007"]) expect(wire).not.toContain(invisible);
    expect(wire).toContain("&lt;!here&gt;");
  });

  it("answers message_gone when the parent was deleted, for replies and edits", async () => {
    const parent = await posted("CGONE");
    fake.deleteMessage("CGONE", parent.messageId);
    const reply = await alerts.replyInThread(parent, threadReply("Reuters"));
    const edit = await alerts.editStory(parent, withSource(storyAlert(), "Reuters"));
    expect(reply).toMatchObject({ ok: false, reason: "message_gone" });
    expect(edit).toMatchObject({ ok: false, reason: "message_gone" });
  });

  it("answers thread_closed for an archived channel or a locked thread, and sends each once", async () => {
    const parent = await posted("CARCH");
    const locked = await posted("CLOCK");
    fake.archiveChannel("CARCH");
    fake.lockThread("CLOCK", locked.messageId);
    const before = fake.calls("chat.postMessage").length;
    const results: PublishResult[] = [
      await alerts.replyInThread(parent, threadReply("Reuters")),
      await alerts.editStory(parent, withSource(storyAlert(), "Reuters")),
      await alerts.replyInThread(locked, threadReply("Reuters")),
    ];
    expect(results.map((r) => (r.ok ? "ok" : r.reason))).toEqual(["thread_closed", "thread_closed", "thread_closed"]);
    expect(fake.calls("chat.postMessage").length - before).toBe(2);
    // A locked thread's parent can still be edited.
    expect(await alerts.editStory(locked, withSource(storyAlert(), "Reuters"))).toMatchObject({ ok: true });
  });

  it("reports a reply or an edit Slack took but answered late or with a 5xx as unconfirmed, never sent again", async () => {
    const parent = await posted("CSLOW");
    fake.queue("chat.postMessage", { delayMs: 1_000 });
    fake.queue("chat.update", { status: 503, body: { ok: false, error: "service_unavailable" }, postedAnyway: true });
    const reply = await quick.replyInThread(parent, threadReply("Reuters"));
    const edit = await quick.editStory(parent, withSource(storyAlert(), "Reuters"));
    expect(reply).toMatchObject({ ok: false, reason: "unconfirmed" });
    expect(edit).toMatchObject({ ok: false, reason: "unconfirmed" });
    await fake.waitFor("the late reply", () => (fake.thread("CSLOW", parent.messageId).length > 0 ? true : undefined));
    expect(fake.calls("chat.postMessage").filter((c) => c.body.thread_ts === parent.messageId)).toHaveLength(1);
    expect(fake.calls("chat.update").filter((c) => c.body.ts === parent.messageId)).toHaveLength(1);
    // And a story post answered late is not posted twice either.
    fake.queue("chat.postMessage", { delayMs: 1_000 });
    expect(await quick.postStory(channel("CSLOWPOST"), storyAlert())).toMatchObject({ reason: "unconfirmed" });
    expect(fake.calls("chat.postMessage").filter((c) => c.body.channel === "CSLOWPOST")).toHaveLength(1);
  });

  it("waits out a 429 on a reply and delivers it once", async () => {
    const parent = await posted("C429");
    fake.queue("chat.postMessage", {
      status: 429,
      headers: { "retry-after": "1" },
      body: { ok: false, error: "ratelimited" },
    });
    expect(await alerts.replyInThread(parent, threadReply("Reuters"))).toMatchObject({ ok: true });
    expect(
      fake
        .calls("chat.postMessage")
        .filter((c) => c.body.thread_ts === parent.messageId)
        .map((c) => c.status),
    ).toEqual([429, 200]);
    expect(fake.thread("C429", parent.messageId)).toHaveLength(1);
  });

  it("posts a round-up as a digest card", async () => {
    const card = roundupCard();
    expect(await alerts.postRoundup(channel("CROUND"), card, "roundup-1")).toMatchObject({ ok: true });
    const [sent] = fake.messages("CROUND");
    expect(JSON.stringify(sent?.blocks)).toContain("12 more stories");
  });
});
