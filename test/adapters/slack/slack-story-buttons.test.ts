// The buttons under stories on Slack, through real Bolt in HTTP mode: a /brief card carries them; a
// signed click is acked at once and answered privately through response_url ("More sources" lists
// the story's outlets, "Brief me" is a /brief for the clicker, "Mute this story" reaches the
// composed mute or says it is not here yet); unsigned clicks get 401, malformed ones 400, forged
// values a polite refusal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORY_ACTION_IDS } from "../../../src/adapters/slack/render-slack-buttons.js";
import { type RunningSlack, startSlack } from "../../../src/adapters/slack/start-slack.js";
import type { MuteStoryCommand } from "../../../src/briefing/briefs/handle-story-action.js";
import { encodeStoryAction } from "../../../src/briefing/briefs/story-action.js";
import { notice } from "../../../src/briefing/commands/reply.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/fake-slack-api.js";
import { checkSlackLimits } from "./check-slack-limits.js";
import { type RecordingLogger, recordingLogger } from "./recording-logger.js";
import { postSignedBody, postSlashCommand } from "./signed-slash-command.js";
import { SIGNING_SECRET, type SlackTestApp, slackTestApp } from "./slack-test-app.js";

interface Button {
  action_id: string;
  value: string;
}

describe("Story buttons on Slack", () => {
  let fake: FakeSlackApi;
  let logger: RecordingLogger;
  let testApp: SlackTestApp;
  let slack: RunningSlack;
  let eventsUrl: string;
  const mutes: MuteStoryCommand[] = [];

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    fake.setUser("UMEMBER", {});
    fake.setUser("UOWNER", { is_owner: true });
    logger = recordingLogger();
    testApp = await slackTestApp({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl }, logger);
    const muteStory = async (command: MuteStoryCommand) => {
      mutes.push(command);
      return notice("Story muted", ["No more alerts or thread replies for it in this channel."]);
    };
    slack = await startSlack(testApp.app, logger, { listen: { port: 0, host: "127.0.0.1" }, muteStory });
    eventsUrl = `http://127.0.0.1:${slack.address?.port}/slack/events`;
  });
  afterAll(async () => {
    await slack?.stop();
    await testApp?.close();
    await fake?.close();
  });

  async function answerOf(id: string) {
    const [response] = await fake.waitFor(`the answer to ${id}`, () => {
      const answers = fake.responses(id);
      return answers.length > 0 ? answers : undefined;
    });
    return response as NonNullable<typeof response>;
  }

  /** Slack's block_actions payload for a click on `button`, form-encoded as Slack sends it. */
  function clickBody(id: string, button: Button, user = "UMEMBER"): string {
    const payload = {
      type: "block_actions",
      user: { id: user, username: "someone", team_id: "T1" },
      api_app_id: "A1",
      token: "deprecated",
      container: { type: "message", message_ts: "1700000000.000001", channel_id: "C1", is_ephemeral: false },
      trigger_id: "1.2.3",
      team: { id: "T1", domain: "fake" },
      channel: { id: "C1", name: "general" },
      response_url: fake.responseUrl(id),
      actions: [{ ...button, block_id: "b1", type: "button", text: { type: "plain_text", text: "x" }, action_ts: "1" }],
    };
    return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  }

  async function click(id: string, button: Button, user?: string) {
    const ack = await postSignedBody(eventsUrl, SIGNING_SECRET, clickBody(id, button, user));
    const ackBody = await ack.text();
    const ackMark = fake.mark(`ack ${id}`);
    const response = await answerOf(id);
    return { ack, ackBody, ackMark, response };
  }

  let buttons: Button[] = [];

  it("puts More sources and Brief me under each story of a /brief card, within Slack's limits", async () => {
    await postSlashCommand(eventsUrl, SIGNING_SECRET, {
      command: "/brief",
      text: "mexico",
      response_url: fake.responseUrl("brief"),
    });
    const response = await answerOf("brief");
    expect(checkSlackLimits(response.body)).toEqual([]);
    const blocks = response.body.blocks as Array<{ type: string; elements?: Button[] }>;
    const actions = blocks.filter((b) => b.type === "actions");
    expect(actions.length).toBe(blocks.filter((b) => b.type === "divider").length);
    buttons = actions[0]?.elements ?? [];
    // Mute needs a story alert's key; a /brief story has none.
    expect(buttons.map((b) => b.action_id)).toEqual([STORY_ACTION_IDS.sources, STORY_ACTION_IDS.brief]);
    expect(buttons[0]?.value).toMatch(/^bb1:sources:\d+::mexico$/);
  });

  it("acks More sources at once, then lists the story's sources for the clicker only", async () => {
    const sources = buttons.find((b) => b.action_id === STORY_ACTION_IDS.sources) as Button;
    const { ack, ackBody, ackMark, response } = await click("sources", sources);
    expect(ack.status).toBe(200);
    expect(ackBody).toBe("");
    expect(ackMark.seq).toBeLessThan(response.seq);
    expect(response.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(String(response.body.text)).toMatch(/Sources of this story: \d+ articles? from \d+ sources?/);
    expect(checkSlackLimits(response.body)).toEqual([]);
  });

  it("answers Brief me with a /brief card for the clicker only", async () => {
    const brief = buttons.find((b) => b.action_id === STORY_ACTION_IDS.brief) as Button;
    const { response } = await click("brief-me", brief);
    expect(response.body.response_type).toBe("ephemeral");
    expect(String(response.body.text)).toMatch(/Brief: mexico/);
  });

  it("sends Mute to the composed mute for an admin, and refuses a member", async () => {
    const value = encodeStoryAction("mute", { articleId: 1, storyKey: "s:1", topic: null }, 2_000) as string;
    const mute = { action_id: STORY_ACTION_IDS.mute, value };
    const member = await click("mute-member", mute, "UMEMBER");
    expect(member.response.body.response_type).toBe("ephemeral");
    expect(String(member.response.body.text)).toContain("Only admins can mute");
    const owner = await click("mute-owner", mute, "UOWNER");
    expect(String(owner.response.body.text)).toContain("Story muted");
    expect(mutes).toEqual([
      {
        kind: "mute-story",
        storyKey: "s:1",
        channel: { platform: "slack", workspaceId: "T1", channelId: "C1" },
        userId: "UOWNER",
      },
    ]);
  });

  it("answers a forged or unknown value privately, naming the fix", async () => {
    for (const [i, value] of ["bb1:sources:0::x", "bb9:brief:1::x", "<!channel>", "bb1:drop:1::"].entries()) {
      const { response } = await click(`forged-${i}`, { action_id: STORY_ACTION_IDS.sources, value });
      expect(response.body.response_type).toBe("ephemeral");
      expect(String(response.body.text)).toContain("Run /brief again");
    }
  });

  it("refuses unsigned clicks with 401 and malformed signed ones with 400, answering neither", async () => {
    const sources = buttons[0] as Button;
    const body = clickBody("unsigned", sources);
    const timestamp = Math.floor(Date.now() / 1000);
    const unsigned = await fetch(eventsUrl, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": "v0=0000",
      },
      body,
    });
    expect(unsigned.status).toBe(401);
    const malformed = [
      { type: "block_actions", user: { id: "U1" }, actions: [] },
      { type: "block_actions", user: { id: "U1" }, response_url: "javascript:alert(1)", actions: [sources] },
      { type: "block_actions", response_url: fake.responseUrl("malformed"), actions: [sources] },
    ];
    for (const payload of malformed) {
      const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      expect((await postSignedBody(eventsUrl, SIGNING_SECRET, form)).status).toBe(400);
    }
    // A good click afterwards is answered; by then the refused ones would have been too.
    await click("after-refused", sources);
    expect(fake.responses("unsigned")).toEqual([]);
    expect(fake.responses("malformed")).toEqual([]);
  });
});
