// Starts Discord's gateway connection for `briefbot serve`: logs the client in and answers
// interactions over the REST client it is given (the one digests and announcements post through).
// stop() lets in-flight interactions finish, then disconnects.
import { Events, type REST } from "discord.js";
import type { MuteStory } from "../../briefing/briefs/handle-story-action.js";
import { PlatformError } from "../../briefing/errors.js";
import type { Logger } from "../../briefing/ports.js";
import type { App } from "../../compose-app.js";
import { createDiscordClient } from "./create-discord-client.js";
import { handleDiscordInteraction } from "./handle-discord-interaction.js";

export interface DiscordBot {
  stop(): Promise<void>;
}

export interface StartDiscordOptions {
  /** The REST client shared with the platform's publisher (default: the gateway client's own). */
  rest?: REST;
  /** How long to wait for the gateway's READY; default 30 s. */
  readyTimeoutMs?: number;
  /** "Mute this story" (see DiscordInteractionContext.muteStory). */
  muteStory?: MuteStory;
}

/** Said when the gateway never sends READY: connected, but nothing usable came back. */
const NO_READY = "Discord's gateway did not send READY in time";

/**
 * A login failure as the operator must act on it: Discord refused the token (or answered 401), or
 * Discord could not be reached at all (socket errors, timeouts, HTTP errors, no READY). Anything
 * else is returned unchanged: a bug of ours, not the operator's to fix.
 */
export function discordStartError(error: unknown, apiUrl: string | undefined): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const status = (error as { status?: unknown } | null)?.status;
  const name = error instanceof Error ? error.name : "";
  if (code === "TokenInvalid" || status === 401) {
    return new PlatformError(
      "discord",
      "refused",
      "Discord refused DISCORD_TOKEN. Copy the bot token from the developer portal (your application → Bot → Reset Token).",
      { cause: error },
    );
  }
  const network =
    (typeof code === "string" && (/^E[A-Z]+$/.test(code) || code.startsWith("UND_ERR"))) ||
    typeof status === "number" ||
    name === "AbortError" ||
    name === "TimeoutError" ||
    (error instanceof Error && (error.message === NO_READY || error.message === "fetch failed"));
  if (!network) return error;
  const why = error instanceof Error ? error.message : String(error);
  return new PlatformError(
    "discord",
    "unreachable",
    `Cannot reach Discord at ${apiUrl ?? "https://discord.com/api"} (${typeof status === "number" ? `HTTP ${status}: ` : ""}${why}). Check the network, any proxy and DISCORD_API_URL (unset means Discord itself), then start briefbot again.`,
    { cause: error },
  );
}

export async function startDiscord(app: App, logger: Logger, options: StartDiscordOptions = {}): Promise<DiscordBot> {
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId } = app.config;
  if (!token || !applicationId) {
    throw new PlatformError(
      "discord",
      "not_configured",
      "Set DISCORD_TOKEN and DISCORD_APPLICATION_ID to run the Discord bot (see docs/discord.md).",
    );
  }
  const client = createDiscordClient(app.config);
  // Interactions answer over the same REST client (one rate-limit state) that digests use.
  if (options.rest) client.rest = options.rest;
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  client.on(Events.InteractionCreate, (interaction) => {
    track(
      handleDiscordInteraction(interaction, {
        deps: app.deps,
        logger,
        ...(options.muteStory ? { muteStory: options.muteStory } : {}),
      }).catch((error: unknown) =>
        logger.error({ err: error, interactionId: interaction.id }, "discord interaction failed"),
      ),
    );
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ shardId, code: event.code }, "discord gateway disconnected"),
  );

  let readyTimer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    readyTimer = setTimeout(() => reject(new Error(NO_READY)), options.readyTimeoutMs ?? 30_000);
    client.once(Events.ClientReady, () => resolve());
  });
  // Handled below; this keeps a login failure from leaving an unhandled rejection behind.
  ready.catch(() => {});
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    await client.destroy();
    options.rest?.setToken(token);
    throw discordStartError(error, app.config.DISCORD_API_URL);
  } finally {
    clearTimeout(readyTimer);
  }
  logger.info({ user: client.user?.tag, applicationId }, "discord bot ready");

  return {
    async stop() {
      await Promise.allSettled([...inFlight]);
      await client.destroy();
      // destroy() clears the REST client's token; the shared one keeps posting digests.
      options.rest?.setToken(token);
    },
  };
}
