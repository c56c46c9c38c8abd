// What `briefbot serve` gets from the Slack adapter before anything runs: which transport the
// configuration asks for or what is missing, and a refused bot token reported with its fix.
import { describe, expect, it } from "vitest";
import { readSlackSettings } from "../../../src/adapters/slack/slack-settings.js";
import { startSlack } from "../../../src/adapters/slack/start-slack.js";
import { parseConfig } from "../../../src/config.js";
import { startFakeSlackApi } from "../../support/fake-slack-api.js";
import { recordingLogger } from "./recording-logger.js";
import { APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, slackTestApp } from "./slack-test-app.js";

describe("readSlackSettings", () => {
  it("says Slack is not configured when no Slack variable is set", () => {
    expect(readSlackSettings(parseConfig({}))).toEqual({ configured: false });
  });

  it("picks Socket Mode when the app token is set, HTTP mode with the signing secret otherwise", () => {
    const socket = readSlackSettings(
      parseConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET }),
    );
    expect(socket).toMatchObject({ configured: true, settings: { mode: "socket" } });
    const http = readSlackSettings(
      parseConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: "8080" }),
    );
    expect(http).toMatchObject({ configured: true, settings: { mode: "http", port: 8080 } });
  });

  it("lists what is missing, with the fix", () => {
    const result = readSlackSettings(parseConfig({ SLACK_BOT_TOKEN: BOT_TOKEN }));
    expect(result).toMatchObject({ configured: true, settings: null });
    expect(JSON.stringify(result)).toContain("SLACK_APP_TOKEN");
    const noBot = readSlackSettings(parseConfig({ SLACK_APP_TOKEN: APP_TOKEN }));
    expect(JSON.stringify(noBot)).toContain("SLACK_BOT_TOKEN is missing");
  });
});

describe("startSlack", () => {
  it("fails at start with the fix when Slack refuses the bot token, without printing it", async () => {
    const fake = await startFakeSlackApi();
    const logger = recordingLogger();
    const testApp = await slackTestApp({ SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: fake.apiUrl }, logger, {
      seed: false,
    });
    try {
      fake.queue("auth.test", { body: { ok: false, error: "invalid_auth" } });
      const started = startSlack(testApp.app, logger);
      await expect(started).rejects.toThrow(/Slack refused SLACK_BOT_TOKEN \(invalid_auth\)/);
      await started.catch((error: Error) => expect(error.message).not.toContain(BOT_TOKEN));
      expect(fake.socketConnections).toBe(0);
    } finally {
      await testApp.close();
      await fake.close();
    }
  });
});
