// `briefbot discord register`: the definitions PUT to the fake Discord, globally or to one
// server, match the committed snapshot (pretty JSON; `.snap` so the formatter leaves it as
// written); the invite link asks for exactly what the bot needs.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DISCORD_COMMANDS } from "../../../src/adapters/discord/command-definitions.js";
import {
  discordInviteUrl,
  formatRegistration,
  registerDiscordCommands,
} from "../../../src/adapters/discord/register-commands.js";
import { isUserError } from "../../../src/briefing/errors.js";
import { type FakeDiscord, MISSING_ACCESS, startFakeDiscord } from "../../support/fake-discord.js";

describe("registerDiscordCommands", () => {
  let fake: FakeDiscord;
  const config = () => ({
    DISCORD_TOKEN: "fake-bot-token",
    DISCORD_APPLICATION_ID: fake.applicationId,
    // A trailing slash is tolerated (discord.js appends /v10/...).
    DISCORD_API_URL: `${fake.apiUrl}/`,
  });

  beforeEach(async () => {
    fake = await startFakeDiscord();
  });
  afterEach(async () => {
    await fake.close();
  });

  it("puts the command definitions globally, as the snapshot says", async () => {
    const result = await registerDiscordCommands(config());
    const [put] = fake.requests;
    expect(put?.method).toBe("PUT");
    expect(put?.path).toBe(`/api/v10/applications/${fake.applicationId}/commands`);
    expect(put?.headers.authorization).toBe("Bot fake-bot-token");
    expect(put?.body).toEqual(JSON.parse(JSON.stringify(DISCORD_COMMANDS)));
    await expect(`${JSON.stringify(put?.body, null, 2)}\n`).toMatchFileSnapshot(
      "__snapshots__/discord-commands.json.snap",
    );
    expect(result).toEqual({
      scope: "global",
      guildId: null,
      commands: ["brief", "feed", "digest", "watch"],
      inviteUrl: discordInviteUrl(fake.applicationId),
    });
    expect(formatRegistration(result)).toContain("Registered /brief, /feed, /digest, /watch globally");
  });

  it("registers to one server with --guild", async () => {
    const result = await registerDiscordCommands(config(), { guildId: "100000000000000001" });
    expect(fake.requests[0]?.path).toBe(
      `/api/v10/applications/${fake.applicationId}/guilds/100000000000000001/commands`,
    );
    expect(formatRegistration(result)).toContain("in server 100000000000000001");
  });

  it("keeps feed and digest for Manage Server, /brief for everyone, all in servers only", () => {
    const byName = Object.fromEntries(DISCORD_COMMANDS.map((c) => [c.name, c]));
    expect(byName.feed?.default_member_permissions).toBe("32");
    expect(byName.digest?.default_member_permissions).toBe("32");
    expect(byName.brief?.default_member_permissions).toBeUndefined();
    // /watch list, preview and why are for everyone; changes are checked at run time.
    expect(byName.watch?.default_member_permissions).toBeUndefined();
    for (const command of DISCORD_COMMANDS) expect(command.contexts).toEqual([0]);
  });

  it("builds the invite link with bot + applications.commands and View Channels, Send Messages, Embed Links", () => {
    const url = new URL(discordInviteUrl("400000000000000001"));
    expect(url.origin + url.pathname).toBe("https://discord.com/oauth2/authorize");
    expect(url.searchParams.get("client_id")).toBe("400000000000000001");
    expect(url.searchParams.get("scope")).toBe("bot applications.commands");
    // View Channels, Send Messages, Embed Links, Create Public Threads, Send Messages in Threads.
    expect(url.searchParams.get("permissions")).toBe(String(1024 + 2048 + 16384 + 2 ** 35 + 2 ** 38));
  });

  it("explains what to fix: a bad server id, a server the bot is not in, missing settings", async () => {
    const refused = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => null,
        (e: unknown) => e,
      );
      expect(isUserError(error)).toBe(true);
      return (error as Error).message;
    };
    expect(await refused(registerDiscordCommands(config(), { guildId: "my-server" }))).toContain("Copy Server ID");
    expect(fake.requests).toHaveLength(0);
    fake.fail("PUT", /\/guilds\/\d+\/commands$/, MISSING_ACCESS);
    expect(await refused(registerDiscordCommands(config(), { guildId: "100000000000000002" }))).toContain(
      "Invite the bot there first",
    );
    expect(await refused(registerDiscordCommands({ ...config(), DISCORD_TOKEN: undefined }))).toContain(
      "DISCORD_TOKEN",
    );
  });
});
