// `briefbot discord register [--guild ID]`: puts the slash command definitions to Discord
// (globally, or to one server where they appear at once, for trying things out) and builds the
// invite link with the scopes and permissions the bot needs. The CLI prints the result.
import { DiscordAPIError, OAuth2Scopes, PermissionFlagsBits, REST, Routes } from "discord.js";
import { z } from "zod";
import { UserError } from "../../briefing/errors.js";
import type { Config } from "../../config.js";
import { DISCORD_COMMANDS } from "./command-definitions.js";
import { discordRestOptions } from "./create-discord-client.js";

/**
 * What the bot needs in a channel to answer and post: see it, write in it, show embeds, and (story
 * alerts) start a thread on its own post and write in it.
 */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads;

const RegisteredSchema = z.array(z.object({ id: z.string(), name: z.string() }));

export interface RegisterResult {
  scope: "global" | "guild";
  guildId: string | null;
  /** The names Discord answered with, in its order. */
  commands: string[];
  inviteUrl: string;
}

/** The OAuth2 link a server admin opens to add the bot (bot + applications.commands). */
export function discordInviteUrl(applicationId: string): string {
  const query = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(" "),
    permissions: BOT_PERMISSIONS.toString(),
  });
  return `https://discord.com/oauth2/authorize?${query.toString()}`;
}

export async function registerDiscordCommands(
  config: Pick<Config, "DISCORD_TOKEN" | "DISCORD_APPLICATION_ID" | "DISCORD_API_URL">,
  options: { guildId?: string } = {},
): Promise<RegisterResult> {
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId } = config;
  if (!token || !applicationId) {
    throw new UserError(
      "discord_not_configured",
      "Set DISCORD_TOKEN and DISCORD_APPLICATION_ID first (the developer portal's Bot and General Information pages).",
    );
  }
  const guildId = options.guildId ?? null;
  if (guildId !== null && !/^\d{15,21}$/.test(guildId)) {
    throw new UserError(
      "bad_guild_id",
      `"${guildId}" is not a server id. Turn on Developer Mode in Discord, right-click the server, Copy Server ID.`,
    );
  }
  const rest = new REST(discordRestOptions(config)).setToken(token);
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  let answer: unknown;
  try {
    answer = await rest.put(route, { body: DISCORD_COMMANDS });
  } catch (error) {
    throw explain(error, applicationId, guildId);
  }
  return {
    scope: guildId ? "guild" : "global",
    guildId,
    commands: RegisteredSchema.parse(answer).map((command) => command.name),
    inviteUrl: discordInviteUrl(applicationId),
  };
}

/** The lines `briefbot discord register` prints. */
export function formatRegistration(result: RegisterResult): string {
  const where =
    result.scope === "guild"
      ? `in server ${result.guildId} (they appear there at once)`
      : "globally (new commands can take a few minutes to appear in every server)";
  return [
    `Registered ${result.commands.map((name) => `/${name}`).join(", ")} ${where}.`,
    "Invite the bot to a server with:",
    `  ${result.inviteUrl}`,
    "",
  ].join("\n");
}

function explain(error: unknown, applicationId: string, guildId: string | null): unknown {
  if (!(error instanceof DiscordAPIError)) return error;
  if (error.status === 401) {
    return new UserError(
      "discord_token",
      "Discord refused DISCORD_TOKEN. Copy the bot token from the developer portal (your application → Bot → Reset Token).",
    );
  }
  if (guildId && (error.status === 403 || error.status === 404)) {
    return new UserError(
      "discord_guild",
      `Discord would not register commands in server ${guildId} (${error.message}). Invite the bot there first: ${discordInviteUrl(applicationId)}`,
    );
  }
  if (error.status === 403 || error.status === 404) {
    return new UserError(
      "discord_application",
      `Discord would not register commands for application ${applicationId} (${error.message}). Check that DISCORD_APPLICATION_ID belongs to DISCORD_TOKEN's bot.`,
    );
  }
  return error;
}
