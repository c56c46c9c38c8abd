// Starts the Discord side of `briefbot serve`: logs the gateway client in, answers interactions,
// and delivers pending announcements (on ready, then every minute). stop() lets in-flight
// interactions finish, then disconnects.
import { Events, type RESTOptions } from "discord.js";
import { UserError } from "../../briefing/errors.js";
import type { Logger } from "../../briefing/ports.js";
import type { App } from "../../compose-app.js";
import { createDiscordClient } from "./create-discord-client.js";
import { DiscordPublisher } from "./discord-publisher.js";
import { handleDiscordInteraction } from "./handle-discord-interaction.js";

export interface DiscordBot {
  publisher: DiscordPublisher;
  /** Delivers pending announcements now (also runs on a timer). */
  deliverNow(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartDiscordOptions {
  /** Between announcement rounds; default one minute (feeds are polled every few minutes at most). */
  deliverEveryMs?: number;
  /** Passed to discord.js's REST client (tests lower `retries` or `timeout`). */
  rest?: Partial<RESTOptions>;
  /** How long to wait for the gateway's READY; default 30 s. */
  readyTimeoutMs?: number;
}

export async function startDiscord(app: App, logger: Logger, options: StartDiscordOptions = {}): Promise<DiscordBot> {
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId } = app.config;
  if (!token || !applicationId) {
    throw new UserError(
      "discord_not_configured",
      "Set DISCORD_TOKEN and DISCORD_APPLICATION_ID to run the Discord bot (see the README, section Discord).",
    );
  }
  const client = createDiscordClient(app.config, options.rest);
  const publisher = new DiscordPublisher(client.rest, { events: app.deps.events, clock: app.deps.clock, logger });
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  client.on(Events.InteractionCreate, (interaction) => {
    track(
      handleDiscordInteraction(interaction, { deps: app.deps, logger }).catch((error: unknown) =>
        logger.error({ err: error, interactionId: interaction.id }, "discord interaction failed"),
      ),
    );
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ shardId, code: event.code }, "discord gateway disconnected"),
  );

  let delivering: Promise<void> | null = null;
  const deliverNow = (): Promise<void> => {
    // One round at a time: a slow round is not overlapped by the next tick.
    delivering ??= publisher
      .deliverPendingEvents()
      .then((report) => {
        if (report.delivered + report.reported + report.failed > 0) logger.info({ ...report }, "discord announcements");
      })
      .catch((error: unknown) => logger.error({ err: error }, "discord announcements failed"))
      .finally(() => {
        delivering = null;
      });
    return delivering;
  };

  let readyTimer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    readyTimer = setTimeout(
      () => reject(new Error("Discord's gateway did not send READY in time")),
      options.readyTimeoutMs ?? 30_000,
    );
    client.once(Events.ClientReady, () => resolve());
  });
  // Handled below; this keeps a login failure from leaving an unhandled rejection behind.
  ready.catch(() => {});
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    await client.destroy();
    if (error instanceof Error && "code" in error && error.code === "TokenInvalid") {
      throw new UserError(
        "discord_token",
        "Discord refused DISCORD_TOKEN. Copy the bot token from the developer portal (your application → Bot → Reset Token).",
      );
    }
    throw error;
  } finally {
    clearTimeout(readyTimer);
  }
  logger.info({ user: client.user?.tag, applicationId }, "discord bot ready");

  track(deliverNow());
  const timer = setInterval(() => track(deliverNow()), options.deliverEveryMs ?? 60_000);
  timer.unref();

  return {
    publisher,
    deliverNow,
    async stop() {
      clearInterval(timer);
      await Promise.allSettled([...inFlight]);
      await client.destroy();
    },
  };
}
