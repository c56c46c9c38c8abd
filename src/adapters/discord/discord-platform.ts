// Discord as a ChatPlatform: one REST client and one publisher (with its memory of unreachable
// channels) shared by the gateway's interactions, digests and announcements. The gateway runs in
// one leader seat per fleet; posting works on every instance.
import { REST, type RESTOptions } from "discord.js";
import type { MuteStory } from "../../briefing/briefs/handle-story-action.js";
import { PlatformError } from "../../briefing/errors.js";
import type { Logger } from "../../briefing/ports.js";
import type { App } from "../../compose-app.js";
import type { ChatPlatform } from "../chat/chat-platform.js";
import { discordRestOptions } from "./create-discord-client.js";
import { DiscordAlertPublisher } from "./discord-alert-publisher.js";
import { DiscordDigestPublisher } from "./discord-digest-publisher.js";
import { DiscordPublisher } from "./discord-publisher.js";
import { type DiscordBot, startDiscord } from "./start-discord.js";

export interface DiscordPlatformOptions {
  /** Passed to discord.js's REST client (tests lower `timeout`). */
  rest?: Partial<RESTOptions>;
  /** How long to wait for the gateway's READY; default 30 s. */
  readyTimeoutMs?: number;
  /** "Mute this story" (see DiscordInteractionContext.muteStory). */
  muteStory?: MuteStory;
}

export function createDiscordPlatform(
  app: App,
  logger: Logger,
  options: DiscordPlatformOptions = {},
): ChatPlatform | null {
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId } = app.config;
  if (!token && !applicationId) return null;
  if (!token || !applicationId) {
    throw new PlatformError(
      "discord",
      "not_configured",
      `Discord needs both DISCORD_TOKEN and DISCORD_APPLICATION_ID; ${token ? "DISCORD_APPLICATION_ID" : "DISCORD_TOKEN"} is missing.`,
    );
  }
  const rest = new REST({ ...discordRestOptions(app.config), ...options.rest }).setToken(token);
  const poster = new DiscordPublisher(rest, { clock: app.deps.clock, logger });
  let gateway: DiscordBot | null = null;
  return {
    name: "discord",
    title: "Discord",
    connection: "one-per-fleet",
    publisher: new DiscordDigestPublisher(poster),
    alerts: new DiscordAlertPublisher(poster),
    async start() {
      gateway = await startDiscord(app, logger, {
        rest,
        ...(options.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: options.readyTimeoutMs }),
        ...(options.muteStory ? { muteStory: options.muteStory } : {}),
      });
      return "gateway connected";
    },
    async stop() {
      const running = gateway;
      gateway = null;
      await running?.stop();
    },
  };
}
