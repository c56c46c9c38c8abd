// Discord as a ChatPlatform against the fake Discord: the gateway and the publisher share one REST
// client, so digests keep posting after the gateway stops (a standby, or a lost leader seat) and a
// channel found closed is remembered for both.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChatPlatform } from "../../../src/adapters/chat/chat-platform.js";
import { createDiscordPlatform } from "../../../src/adapters/discord/discord-platform.js";
import type { Announcement, Logger } from "../../../src/briefing/ports.js";
import { type App, composeApp } from "../../../src/compose-app.js";
import { parseConfig } from "../../../src/config.js";
import { type FakeDiscord, MISSING_ACCESS, startFakeDiscord } from "../../support/fake-discord.js";

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const CHANNEL = "210000000000000001";
const CLOSED = "210000000000000002";
const notice: Announcement = { title: "A feed was disabled", lines: ["Feed #1 was disabled"], tone: "error" };
const target = (channelId: string) => ({ platform: "discord" as const, workspaceId: "1", channelId });

describe("the Discord platform", () => {
  let fake: FakeDiscord;
  let dir: string;
  let app: App;
  let platform: ChatPlatform;

  beforeEach(async () => {
    fake = await startFakeDiscord();
    dir = mkdtempSync(join(tmpdir(), "briefbot-discord-platform-"));
    const config = parseConfig({
      DISCORD_TOKEN: "fake-bot-token",
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
    });
    app = await composeApp(config, silent, { database: join(dir, "p.db") });
    const made = createDiscordPlatform(app, silent);
    if (made === null) throw new Error("configured, so a platform is made");
    platform = made;
  });
  afterEach(async () => {
    await platform.stop();
    await app.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const posts = (channelId: string) =>
    fake.requests.filter((r) => r.method === "POST" && r.path === `/api/v10/channels/${channelId}/messages`);

  it("posts on a standby instance, before and without any gateway connection", async () => {
    expect(await platform.publisher.announce(target(CHANNEL), notice)).toMatchObject({ ok: true });
    expect(posts(CHANNEL)).toHaveLength(1);
  });

  it("keeps posting after the gateway it shares the REST client with has stopped", async () => {
    expect(await platform.start()).toBe("gateway connected");
    await platform.stop();
    expect(await platform.publisher.announce(target(CHANNEL), notice)).toMatchObject({ ok: true });
    expect(posts(CHANNEL)).toHaveLength(1);
  });

  it("remembers a closed channel across announcements and digests: one request, not one each", async () => {
    fake.fail("POST", new RegExp(`/channels/${CLOSED}/messages$`), MISSING_ACCESS, 100);
    await platform.start();
    expect(await platform.publisher.announce(target(CLOSED), notice)).toMatchObject({ ok: false });
    expect(await platform.publisher.announce(target(CLOSED), notice)).toMatchObject({ ok: false });
    expect(posts(CLOSED)).toHaveLength(1);
  });
});
