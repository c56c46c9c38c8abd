// `briefbot serve`: runs the long-lived parts until SIGINT/SIGTERM: the feed poller (leasing due
// feeds, so instances on one PostgreSQL database split them), every chat platform that is
// configured (Slack, Discord) and the digest timer posting through them. Things that must happen
// on one instance only (the Discord gateway connection, delivering the announcement outbox) run in
// leader seats: one holder per database, a standby takes over when it dies. With no platform
// configured it says what to set.

import { createDiscordClient } from "../adapters/discord/create-discord-client.js";
import { DiscordDigestPublisher } from "../adapters/discord/discord-digest-publisher.js";
import { DiscordPublisher } from "../adapters/discord/discord-publisher.js";
import { startDiscord } from "../adapters/discord/start-discord.js";
import { FeedPoller } from "../adapters/feeds/feed-poller.js";
import { createDigestRunDeps } from "../adapters/scheduler/create-digest-run-deps.js";
import { parseDigestSettings } from "../adapters/scheduler/digest-settings.js";
import { DigestTimer, type MinuteScheduler } from "../adapters/scheduler/digest-timer.js";
import { RoutingPublisher } from "../adapters/scheduler/routing-publisher.js";
import { SlackDigestPublisher } from "../adapters/slack/slack-digest-publisher.js";
import { readSlackSettings } from "../adapters/slack/slack-settings.js";
import { EVENTS_INTERVAL_MS, startSlack } from "../adapters/slack/start-slack.js";
import { runDueDigests } from "../briefing/digests/run-due-digests.js";
import { PlatformError } from "../briefing/errors.js";
import type { Logger, Publisher } from "../briefing/ports.js";
import type { App } from "../compose-app.js";
import { createArticleExtraction } from "../compose-extraction.js";
import { instanceId } from "../instance-id.js";
import type { CliIo } from "./cli-io.js";
import { LeaderSeat } from "./leader-seat.js";

const NOTHING_CONFIGURED = `No chat platform is configured, so briefbot only polls feeds. To answer in chat, set:
  Slack:   SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode), or SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP mode on PORT)
  Discord: DISCORD_TOKEN and DISCORD_APPLICATION_ID, then run \`briefbot discord register\`
(see .env.example, docs/slack.md and docs/discord.md). To try every command locally, run \`briefbot console\`.
`;

interface Running {
  name: "slack" | "discord";
  /** Posts digests and announcements into this platform's channels. */
  publisher: Publisher;
  stop(): Promise<void>;
}

/** A fixed-interval stand-in for node-cron's minute tick (BRIEFBOT_DIGEST_TICK_MS, for tests and operators). */
function intervalScheduler(ms: number): MinuteScheduler {
  return {
    schedule(_expression, tick) {
      const timer = setInterval(() => void tick(), ms);
      return { stop: () => clearInterval(timer), destroy: () => clearInterval(timer) };
    },
  };
}

/** Starts what the configuration asks for; a half-configured platform is a PlatformError naming what is missing. */
async function startPlatforms(app: App, logger: Logger, io: CliIo): Promise<Running[]> {
  const running: Running[] = [];
  try {
    const slack = readSlackSettings(app.config);
    if (slack.configured && slack.settings === null) {
      throw new PlatformError(
        "slack",
        "not_configured",
        `Slack is not fully configured:\n  - ${slack.problems.join("\n  - ")}`,
      );
    }
    if (slack.configured) {
      // Every instance answers Slack (HTTP behind a load balancer, or its own Socket Mode connection:
      // Slack hands each event to one of them); the announcement outbox is delivered by one seat.
      const bot = await startSlack(app, logger, { eventsIntervalMs: null });
      const announcements = new LeaderSeat({
        leadership: app.store.leadership,
        name: "slack-announcements",
        logger,
        start: async () => {
          void bot.deliverEvents();
          const timer = setInterval(() => void bot.deliverEvents(), EVENTS_INTERVAL_MS);
          timer.unref();
          return { stop: async () => clearInterval(timer) };
        },
      });
      await announcements.start();
      running.push({
        name: "slack",
        publisher: new SlackDigestPublisher(bot.bot.publisher),
        stop: async () => {
          await announcements.stop();
          await bot.stop();
        },
      });
      io.err(
        `briefbot is on Slack (${bot.mode === "socket" ? "Socket Mode" : `HTTP mode on port ${bot.address?.port}`}).\n`,
      );
    }
    const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId } = app.config;
    if (Boolean(token) !== Boolean(applicationId)) {
      throw new PlatformError(
        "discord",
        "not_configured",
        `Discord needs both DISCORD_TOKEN and DISCORD_APPLICATION_ID; ${token ? "DISCORD_APPLICATION_ID" : "DISCORD_TOKEN"} is missing.`,
      );
    }
    if (token && applicationId) {
      // One gateway connection per fleet (Discord would deliver each interaction to every
      // connection otherwise): the seat's holder logs in; the others stand by. Digests post over
      // REST, which needs no gateway, so every instance can deliver its claimed slots.
      const seat = new LeaderSeat({
        leadership: app.store.leadership,
        name: "discord-gateway",
        logger,
        start: async () => {
          const bot = await startDiscord(app, logger);
          io.err("briefbot is on Discord (this instance holds the gateway connection).\n");
          return bot;
        },
      });
      await seat.start();
      if (!seat.leading) io.err("briefbot is on Discord (standing by: another instance holds the gateway).\n");
      const rest = createDiscordClient(app.config).rest.setToken(token);
      const publisher = new DiscordPublisher(rest, { events: app.deps.events, clock: app.deps.clock, logger });
      running.push({ name: "discord", publisher: new DiscordDigestPublisher(publisher), stop: () => seat.stop() });
    }
  } catch (error) {
    // One platform failing to start must not leave the other running behind the error.
    await Promise.allSettled(running.map((r) => r.stop()));
    throw error;
  }
  return running;
}

export async function serveCommand(app: App, io: CliIo, logger: Logger): Promise<number> {
  const settings = parseDigestSettings(app.config);
  const platforms = await startPlatforms(app, logger, io);
  const holder = instanceId("serve");
  const poller = new FeedPoller(app.deps, {
    retentionDays: app.config.BRIEFBOT_RETENTION_DAYS,
    pruneArticles: (cutoff) => app.store.articles.pruneArticles(cutoff),
    tickMs: app.config.BRIEFBOT_POLL_TICK_MS,
    lease: { holder, ms: app.config.BRIEFBOT_FEED_LEASE_MS },
  });
  poller.start();
  // Teasers are stored at once by the poller; their pages are fetched and extracted apart, so a
  // slow site never delays polling.
  const extraction = createArticleExtraction(app.config, app.deps);
  extraction.extractor.start();
  const publisher = new RoutingPublisher(Object.fromEntries(platforms.map((p) => [p.name, p.publisher])));
  const digestDeps = createDigestRunDeps(app.store, publisher, settings, app.deps.clock, logger);
  const tick = app.config.BRIEFBOT_DIGEST_TICK_MS;
  const timer = new DigestTimer({
    run: () => runDueDigests(digestDeps),
    logger,
    ...(tick === undefined ? {} : { scheduler: intervalScheduler(tick) }),
  });
  timer.start();
  logger.info({ instance: holder, database: app.store.location }, "briefbot serving");
  io.err(platforms.length === 0 ? NOTHING_CONFIGURED : "Polling feeds. Press Ctrl-C to stop.\n");
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  io.err("Stopping…\n");
  await timer.stop();
  await Promise.allSettled(platforms.map((p) => p.stop()));
  await poller.stop();
  await extraction.close();
  return 0;
}
