// `briefbot serve` as a real process: with no platform configured it says what to set and keeps
// polling until SIGTERM; a half-configured platform stops it with the missing variable named; with
// Slack and Discord configured, one announcement loop posts each pending event on its platform once.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import { startFakeDiscord } from "../support/fake-discord.js";
import { startFakeSlackApi } from "../support/fake-slack-api.js";

const ROOT = resolve(import.meta.dirname, "../..");
const MAIN = join(ROOT, "src/main.ts");
/** tsx's loader by absolute URL: the child runs in a temporary folder, where "tsx" would not resolve. */
const TSX = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;

function serve(env: Record<string, string>, dir: string) {
  const child = spawn(process.execPath, ["--import", TSX, MAIN, "serve"], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? "",
      BRIEFBOT_DATABASE: join(dir, "serve.db"),
      BRIEFBOT_LOG_LEVEL: "error",
      ...env,
    },
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const waitFor = async (pattern: RegExp): Promise<void> => {
    for (let i = 0; i < 200 && !pattern.test(stderr); i++) await new Promise((r) => setTimeout(r, 50));
  };
  return { child, exited, waitFor, stderr: () => stderr };
}

/** A port nothing listens on right now, for Slack's HTTP mode. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const address = server.address();
  await new Promise((closed) => server.close(closed));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("briefbot serve", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "briefbot-serve-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("says what to set when no platform is configured, polls, and stops cleanly on SIGTERM", async () => {
    const run = serve({}, dir);
    await run.waitFor(/briefbot console/);
    expect(run.stderr()).toMatch(/SLACK_BOT_TOKEN and SLACK_APP_TOKEN/);
    expect(run.stderr()).toMatch(/DISCORD_TOKEN and DISCORD_APPLICATION_ID/);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  });

  it("refuses to start with a half-configured platform, naming what is missing", async () => {
    const run = serve({ DISCORD_TOKEN: "token-value-never-printed" }, dir);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toMatch(/DISCORD_APPLICATION_ID is missing/);
    expect(run.stderr()).not.toContain("token-value-never-printed");
    const slack = serve({ SLACK_BOT_TOKEN: "xoxb-secret-value" }, dir);
    expect(await slack.exited).toBe(1);
    expect(slack.stderr()).toMatch(/SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET/);
    expect(slack.stderr()).not.toContain("xoxb-secret-value");
  });

  it("delivers Slack and Discord announcements through one loop, each on its own platform, once", async () => {
    const slack = await startFakeSlackApi();
    const discord = await startFakeDiscord();
    try {
      const store = openSqliteStore(join(dir, "serve.db"));
      const at = Date.UTC(2026, 0, 14);
      const record = (platform: "slack" | "discord", channelId: string) =>
        store.events.recordEvent({
          kind: "feed_disabled",
          feedId: null,
          origin: { platform, workspaceId: "W1", channelId, userId: "U1" },
          message: `A ${platform} feed was disabled`,
          createdAt: at,
        });
      await record("slack", "CANNOUNCE");
      await record("discord", "210000000000000001");
      store.close();
      const run = serve(
        {
          SLACK_BOT_TOKEN: "xoxb-test",
          SLACK_SIGNING_SECRET: "secret",
          SLACK_API_URL: slack.apiUrl,
          PORT: String(await freePort()),
          DISCORD_TOKEN: "fake-bot-token",
          DISCORD_APPLICATION_ID: discord.applicationId,
          DISCORD_API_URL: discord.apiUrl,
        },
        dir,
      );
      const discordPosts = () =>
        discord.requests.filter((r) => r.method === "POST" && r.path.endsWith("/channels/210000000000000001/messages"));
      const slackPosts = () => slack.calls("chat.postMessage").filter((c) => c.body.channel === "CANNOUNCE");
      for (let i = 0; i < 300 && (slackPosts().length === 0 || discordPosts().length === 0); i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(run.stderr()).toMatch(/briefbot is on Slack \(HTTP mode/);
      expect(run.stderr()).toMatch(/briefbot is on Discord \(gateway connected; this instance holds the connection\)/);
      run.child.kill("SIGTERM");
      expect(await run.exited).toBe(0);
      expect(slackPosts()).toHaveLength(1);
      expect(discordPosts()).toHaveLength(1);
      const after = openSqliteStore(join(dir, "serve.db"));
      expect(await after.events.pendingEvents(10)).toEqual([]);
      after.close();
    } finally {
      await slack.close();
      await discord.close();
    }
  });
});
