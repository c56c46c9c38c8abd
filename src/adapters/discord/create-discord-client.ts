// The discord.js client briefbot runs: the Guilds intent only (slash commands need no privileged
// intents), mentions off by default on everything it sends, and the REST base overridable
// (DISCORD_API_URL) so a proxy or a test's fake Discord can stand in. REST never retries on its
// own: a request that timed out or got a 5xx may have been posted, and a retry would post it twice.
import { Client, GatewayIntentBits, type RESTOptions } from "discord.js";
import type { Config } from "../../config.js";

/**
 * REST options from the config: `api` without a trailing slash (discord.js appends `/v10/...`), and
 * no automatic retries (@discordjs/rest retries 5xx and aborted requests 3 times by default; 429s
 * are waited out whatever this says).
 */
export function discordRestOptions(config: Pick<Config, "DISCORD_API_URL">): Partial<RESTOptions> {
  return { retries: 0, ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL.replace(/\/+$/, "") } : {}) };
}

export function createDiscordClient(config: Pick<Config, "DISCORD_API_URL">, rest: Partial<RESTOptions> = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { ...discordRestOptions(config), ...rest },
  });
}
