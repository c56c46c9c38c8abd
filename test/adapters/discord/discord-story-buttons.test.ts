// The buttons under stories on Discord, through the real discord.js client logged in to the fake
// Discord: a /brief card carries a row of buttons per story (custom_id within 100 characters); a
// click is deferred privately at once (flags 64), then answered for the clicker only: "More
// sources", "Brief me", "Mute this story" through the composed mute (admins only) or, without it,
// "not here yet"; a forged custom_id gets a polite refusal.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISCORD_LIMITS } from "../../../src/adapters/discord/discord-limits.js";
import { type DiscordBot, startDiscord } from "../../../src/adapters/discord/start-discord.js";
import type { MuteStoryCommand } from "../../../src/briefing/briefs/handle-story-action.js";
import { encodeStoryAction } from "../../../src/briefing/briefs/story-action.js";
import { notice } from "../../../src/briefing/commands/reply.js";
import type { Logger } from "../../../src/briefing/ports.js";
import { ingestFile } from "../../../src/cli/ingest-file.js";
import { type App, composeApp } from "../../../src/compose-app.js";
import { parseConfig } from "../../../src/config.js";
import { type FakeDiscord, type RecordedDiscordRequest, startFakeDiscord } from "../../support/fake-discord.js";
import { checkDiscordLimits } from "./check-discord-limits.js";

const FEEDS = resolve(import.meta.dirname, "../../../examples/feeds");
const STRING = 3;
const EPHEMERAL = 64;
const DEFERRED = 5;
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

interface Row {
  type: number;
  components: Array<{ type: number; custom_id: string; label: string }>;
}

describe("story buttons on Discord", () => {
  let fake: FakeDiscord;
  let dir: string;
  let app: App;
  let bot: DiscordBot;
  const mutes: MuteStoryCommand[] = [];

  beforeAll(async () => {
    fake = await startFakeDiscord();
    dir = mkdtempSync(join(tmpdir(), "briefbot-discord-buttons-"));
    const config = parseConfig({
      DISCORD_TOKEN: "fake-bot-token",
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
    });
    app = await composeApp(config, silent, { database: join(dir, "bot.db") });
    app.deps.clock = { now: () => Date.UTC(2026, 0, 14) };
    await ingestFile(app.deps, join(FEEDS, "news-one-mexico.xml"));
    await ingestFile(app.deps, join(FEEDS, "news-two-mexico.xml"));
    const muteStory = async (command: MuteStoryCommand) => {
      mutes.push(command);
      return notice("Story muted", ["No more alerts or thread replies for it in this channel."]);
    };
    bot = await startDiscord(app, silent, { muteStory });
    await fake.whenReady();
  });
  afterAll(async () => {
    await bot?.stop();
    await app?.close();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const isEdit = (token: string) => (r: RecordedDiscordRequest) =>
    r.method === "PATCH" && r.path.endsWith(`/${token}/messages/@original`);
  const callback = (token: string) => fake.requests.find((r) => r.path.endsWith(`/${token}/callback`));

  /** Clicks; returns the deferral and the private answer that replaced it. */
  async function click(customId: string, admin = false) {
    const { token } = fake.button({ customId, admin });
    const edit = await fake.waitForRequest(isEdit(token));
    const defer = callback(token);
    expect(defer?.body).toEqual({ type: DEFERRED, data: { flags: EPHEMERAL } });
    expect(defer?.seq).toBeLessThan(edit.seq);
    return { edit, text: JSON.stringify(edit.body) };
  }

  let rows: Row[] = [];

  it("puts a row of buttons under each of a /brief card's first five stories, within Discord's limits", async () => {
    const { token } = fake.slashCommand({
      name: "brief",
      options: [{ name: "topic", type: STRING, value: "mexico" }],
      admin: false,
    });
    const edit = await fake.waitForRequest(isEdit(token));
    expect(checkDiscordLimits(edit.body)).toEqual([]);
    const body = edit.body as { embeds: unknown[]; components?: Row[] };
    rows = body.components ?? [];
    expect(rows.length).toBe(Math.min(body.embeds.length, DISCORD_LIMITS.actionRows));
    for (const row of rows) {
      // Mute needs a story alert's key; a /brief story has none.
      expect(row.components.map((c) => c.label.replace(/^\d+ · /, ""))).toEqual(["More sources", "Brief me"]);
      for (const button of row.components) expect(button.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
    }
    expect(rows[0]?.components[0]?.custom_id).toMatch(/^bb1:sources:\d+::mexico$/);
  });

  it("defers More sources privately, then lists the story's sources", async () => {
    const { edit, text } = await click(rows[0]?.components[0]?.custom_id ?? "");
    expect(text).toMatch(/Sources of this story: \d+ articles? from \d+ sources?/);
    expect(checkDiscordLimits(edit.body)).toEqual([]);
    expect(edit.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it("answers Brief me with a private /brief card", async () => {
    const { text } = await click(rows[0]?.components[1]?.custom_id ?? "");
    expect(text).toContain("Brief: mexico");
  });

  it("sends Mute to the composed mute for someone with Manage Server, and refuses a member", async () => {
    const customId = encodeStoryAction("mute", { articleId: 1, storyKey: "s:1", topic: null }, 100) as string;
    expect((await click(customId, false)).text).toContain("Only admins can mute");
    expect((await click(customId, true)).text).toContain("Story muted");
    expect(mutes).toEqual([
      {
        kind: "mute-story",
        storyKey: "s:1",
        channel: { platform: "discord", workspaceId: "100000000000000001", channelId: "200000000000000001" },
        userId: "300000000000000001",
      },
    ]);
  });

  it("answers a forged or unknown custom_id privately, naming the fix", async () => {
    for (const customId of ["bb1:brief:x::mexico", "@everyone", "bb1:sources:1"]) {
      const { text } = await click(customId);
      expect(text).toContain("Run /brief again");
      expect(text).not.toMatch(/(?<!\u200b)@everyone(?!\u200b)/);
    }
  });
});
