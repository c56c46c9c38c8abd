// Slack in Socket Mode: real Bolt connects through the fake's apps.connections.open to a loopback
// WebSocket, which says hello, delivers a slash_commands envelope and receives the ack; the answer
// then goes to response_url. A button click comes as an interactive envelope, acked the same way.
// Also: an unexpected failure is logged with context and apologised for.
import { afterEach, describe, expect, it } from "vitest";
import { type RunningSlack, startSlack } from "../../../src/adapters/slack/start-slack.js";
import type { App } from "../../../src/compose-app.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/fake-slack-api.js";
import { checkSlackLimits } from "./check-slack-limits.js";
import { recordingLogger } from "./recording-logger.js";
import { slashCommandBody } from "./signed-slash-command.js";
import { APP_TOKEN, BOT_TOKEN, type SlackTestApp, slackTestApp } from "./slack-test-app.js";

describe("Slack in Socket Mode", () => {
  let fake: FakeSlackApi | undefined;
  let testApp: SlackTestApp | undefined;
  let slack: RunningSlack | undefined;

  afterEach(async () => {
    await slack?.stop();
    await testApp?.close();
    await fake?.close();
  });

  async function start(change: (app: App) => App = (app) => app) {
    fake = await startFakeSlackApi();
    const logger = recordingLogger();
    testApp = await slackTestApp({ SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: fake.apiUrl }, logger);
    slack = await startSlack(change(testApp.app), logger);
    return { fake, logger };
  }

  function commandPayload(fake: FakeSlackApi, id: string, text: string) {
    return Object.fromEntries(
      new URLSearchParams(slashCommandBody({ command: "/brief", text, response_url: fake.responseUrl(id) })),
    );
  }

  it("connects, acks a /brief mexico envelope, then answers with a card in the channel", async () => {
    const { fake, logger } = await start();
    expect(slack?.mode).toBe("socket");
    expect(fake.socketConnections).toBe(1);
    // apps.connections.open went to the fake with the app-level token, never the bot token.
    const [open] = fake.calls("apps.connections.open");
    expect(open?.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);

    const ack = await fake.sendEnvelope("slash_commands", commandPayload(fake, "socket-brief", "mexico"));
    const [answer] = await fake.waitFor("the answer", () => {
      const answers = fake.responses("socket-brief");
      return answers.length > 0 ? answers : undefined;
    });
    expect(ack.kind).toBe("socket_ack");
    expect(ack.seq).toBeLessThan(answer?.seq ?? 0);
    expect(answer?.body.response_type).toBe("in_channel");
    expect(checkSlackLimits(answer?.body)).toEqual([]);

    const logged = logger.text();
    for (const secret of [BOT_TOKEN, APP_TOKEN]) expect(logged).not.toContain(secret);
  });

  it("acks a button click (an interactive envelope) and answers the clicker only", async () => {
    const { fake } = await start();
    await fake.sendEnvelope("slash_commands", commandPayload(fake, "socket-card", "mexico"));
    const [card] = await fake.waitFor("the card", () => {
      const answers = fake.responses("socket-card");
      return answers.length > 0 ? answers : undefined;
    });
    const blocks = card?.body.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>;
    const button = blocks.find((b) => b.type === "actions")?.elements?.[0];
    expect(button?.action_id).toBe("story_sources");
    const click = {
      type: "block_actions",
      user: { id: "UMEMBER", team_id: "T1" },
      team: { id: "T1" },
      channel: { id: "C1" },
      response_url: fake.responseUrl("socket-click"),
      actions: [{ ...button, type: "button", block_id: "b1", action_ts: "1" }],
    };
    const ack = await fake.sendEnvelope("interactive", click);
    const [answer] = await fake.waitFor("the click's answer", () => {
      const answers = fake.responses("socket-click");
      return answers.length > 0 ? answers : undefined;
    });
    expect(ack.seq).toBeLessThan(answer?.seq ?? 0);
    expect(answer?.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(String(answer?.body.text)).toContain("Sources of this story");
  });

  it("logs an unexpected failure with its context and answers the sender with a short apology", async () => {
    const { fake, logger } = await start((app) => ({
      ...app,
      deps: {
        ...app.deps,
        // A store that breaks (a fake of the port, not a patched module).
        articles: {
          ...app.deps.articles,
          searchArticles: () => Promise.reject(new Error("disk I/O error")),
          recentArticles: () => Promise.reject(new Error("disk I/O error")),
        },
      },
    }));
    await fake.sendEnvelope("slash_commands", commandPayload(fake, "broken", "mexico"));
    const [answer] = await fake.waitFor("the apology", () => {
      const answers = fake.responses("broken");
      return answers.length > 0 ? answers : undefined;
    });
    expect(answer?.body.response_type).toBe("ephemeral");
    expect(String(answer?.body.text)).toContain("Sorry, something went wrong");
    expect(String(answer?.body.text)).not.toContain("disk I/O");
    const failure = logger.entries.find((e) => e.message === "slash command failed");
    expect(failure?.level).toBe("error");
    expect(failure?.context).toMatchObject({
      command: "/brief",
      text: "mexico",
      channelId: "C1",
      userId: "UMEMBER",
      teamId: "T1",
    });
  });
});
