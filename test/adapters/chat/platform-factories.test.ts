// Each platform's factory as serve composes them: nothing when the platform is not configured, its
// PlatformError (exit 1, the fix named) when half-configured, a ChatPlatform when configured.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ChatPlatformFactory } from "../../../src/adapters/chat/chat-platform.js";
import { createDiscordPlatform } from "../../../src/adapters/discord/discord-platform.js";
import { createSlackPlatform } from "../../../src/adapters/slack/slack-platform.js";
import { PlatformError } from "../../../src/briefing/errors.js";
import type { Logger } from "../../../src/briefing/ports.js";
import { type App, composeApp } from "../../../src/compose-app.js";
import { parseConfig } from "../../../src/config.js";

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

describe("chat platform factories", () => {
  const opened: { app: App; dir: string }[] = [];
  afterEach(async () => {
    for (const { app, dir } of opened.splice(0)) {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  async function appWith(env: Record<string, string>): Promise<App> {
    const dir = mkdtempSync(join(tmpdir(), "briefbot-factories-"));
    const app = await composeApp(parseConfig(env), silent, { database: join(dir, "f.db") });
    opened.push({ app, dir });
    return app;
  }
  const make = async (factory: ChatPlatformFactory, env: Record<string, string>) => factory(await appWith(env), silent);

  it("make nothing when their platform is not configured", async () => {
    expect(await make(createSlackPlatform, {})).toBeNull();
    expect(await make(createDiscordPlatform, {})).toBeNull();
  });

  it("throw their PlatformError, naming what is missing, when half-configured", async () => {
    const cases: [ChatPlatformFactory, Record<string, string>, string, RegExp][] = [
      [createSlackPlatform, { SLACK_APP_TOKEN: "xapp-1" }, "slack", /SLACK_BOT_TOKEN is missing/],
      [createSlackPlatform, { SLACK_BOT_TOKEN: "xoxb-1" }, "slack", /SLACK_APP_TOKEN .* or SLACK_SIGNING_SECRET/],
      [createDiscordPlatform, { DISCORD_TOKEN: "t" }, "discord", /DISCORD_APPLICATION_ID is missing/],
      [createDiscordPlatform, { DISCORD_APPLICATION_ID: "1" }, "discord", /DISCORD_TOKEN is missing/],
    ];
    for (const [factory, env, platform, message] of cases) {
      const made = make(factory, env);
      await expect(made).rejects.toBeInstanceOf(PlatformError);
      await expect(made).rejects.toMatchObject({
        platform,
        reason: "not_configured",
        message: expect.stringMatching(message),
      });
    }
  });

  it("make a platform with its name, its connection rule a publisher and story alerts, without connecting", async () => {
    const slack = await make(createSlackPlatform, { SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" });
    const discord = await make(createDiscordPlatform, { DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "1" });
    expect(slack).toMatchObject({ name: "slack", title: "Slack", connection: "every-instance" });
    expect(discord).toMatchObject({ name: "discord", title: "Discord", connection: "one-per-fleet" });
    for (const platform of [slack, discord]) {
      expect(typeof platform?.publisher.announce).toBe("function");
      // Story alerts post through the same poster.
      expect(typeof platform?.alerts?.replyInThread).toBe("function");
      // Stopping what never started is safe (a standby never connects).
      await platform?.stop();
    }
  });
});
