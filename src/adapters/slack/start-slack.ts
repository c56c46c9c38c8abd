// Starts briefbot on Slack for `briefbot serve`: checks the bot token (auth.test), starts Bolt in
// Socket Mode or HTTP mode, and delivers the events outbox (disabled feeds) every minute. stop()
// ends it all; the caller owns the App (store) and closes it afterwards.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebClient } from "@slack/web-api";
import { z } from "zod";
import type { Logger } from "../../briefing/ports.js";
import type { App } from "../../compose-app.js";
import { createSlackApp, type SlackBot, slackClientOptions } from "./create-slack-app.js";
import { deliverPendingSlackEvents } from "./deliver-pending-slack-events.js";
import { readSlackSettings } from "./slack-settings.js";

/** Feed-disabled announcements wait at most this long; the outbox is cheap to read. */
export const EVENTS_INTERVAL_MS = 60_000;

export interface StartSlackOptions {
  /** HTTP mode only: where to listen (default: PORT on every interface). Tests use port 0 on 127.0.0.1. */
  listen?: { port: number; host?: string };
  /** How often the events outbox is delivered (default EVENTS_INTERVAL_MS); null: only through deliverEvents(). */
  eventsIntervalMs?: number | null;
}

export interface RunningSlack {
  mode: SlackBot["mode"];
  /** The HTTP listener's address in HTTP mode; null in Socket Mode. */
  address: AddressInfo | null;
  bot: SlackBot;
  /** Runs one delivery pass now (the timer does this on its own). */
  deliverEvents(): Promise<void>;
  stop(): Promise<void>;
}

const AuthTestSchema = z.object({
  user: z.string().optional(),
  team: z.string().optional(),
  user_id: z.string(),
  bot_id: z.string(),
});

export async function startSlack(app: App, logger: Logger, options: StartSlackOptions = {}): Promise<RunningSlack> {
  const read = readSlackSettings(app.config);
  if (!read.configured)
    throw new Error(
      "Slack is not configured: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (see the README, section Slack).",
    );
  if (read.settings === null) throw new Error(`Slack is not fully configured: ${read.problems.join("; ")}.`);
  const { settings } = read;

  // Fail at start, with the fix, rather than at the first command.
  let identity: z.infer<typeof AuthTestSchema>;
  try {
    const client = new WebClient(settings.botToken, slackClientOptions(settings, logger));
    identity = AuthTestSchema.parse(await client.auth.test());
  } catch (error) {
    const code = z.object({ data: z.object({ error: z.string() }) }).safeParse(error);
    const why = code.success ? code.data.data.error : error instanceof Error ? error.message : String(error);
    throw new Error(
      `Slack refused SLACK_BOT_TOKEN (${why}). Copy the Bot User OAuth Token (xoxb-...) from your app's OAuth & Permissions page.`,
    );
  }

  const bot = createSlackApp({
    deps: app.deps,
    settings,
    logger,
    clock: app.deps.clock,
    identity: { botId: identity.bot_id, botUserId: identity.user_id },
  });

  let address: AddressInfo | null = null;
  if (settings.mode === "socket") await bot.bolt.start();
  else {
    const listen = options.listen ?? { port: settings.port };
    const server = (await bot.bolt.start(listen)) as Server;
    address = server.address() as AddressInfo;
  }
  logger.info(
    { component: "slack", mode: settings.mode, botUser: identity.user, team: identity.team, port: address?.port },
    settings.mode === "socket" ? "Slack connected (Socket Mode)" : "Slack listening for requests (HTTP mode)",
  );

  let running: Promise<void> | null = null;
  const deliverEvents = (): Promise<void> => {
    // One pass at a time: a slow Slack (rate limits) must not stack passes that post twice.
    running ??= deliverPendingSlackEvents(app.deps.events, bot.publisher, () => app.deps.clock.now(), logger)
      .then(() => undefined)
      .catch((error: unknown) => logger.error({ component: "slack", err: error }, "delivering events to Slack failed"))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const interval = options.eventsIntervalMs === undefined ? EVENTS_INTERVAL_MS : options.eventsIntervalMs;
  const timer = interval === null ? null : setInterval(() => void deliverEvents(), interval);
  timer?.unref();
  if (timer) void deliverEvents();

  return {
    mode: settings.mode,
    address,
    bot,
    deliverEvents,
    async stop() {
      if (timer) clearInterval(timer);
      await running;
      await bot.bolt.stop();
    },
  };
}
