// `briefbot serve`: runs the long-lived parts until SIGINT/SIGTERM: the feed poller (leasing due
// feeds, so instances on one PostgreSQL database split them), every chat platform that is
// configured (each made by its factory in PLATFORMS) and the digest timer posting through
// them. Things that must happen on one instance only (the Discord gateway connection, delivering
// the announcement outbox, story-alert passes) run in leader seats: one holder per database, a standby takes over
// when it dies. With no platform configured it says what to set.

import { startAnnouncementLoop } from "../adapters/chat/announcement-loop.js";
import type { ChatPlatform, ChatPlatformFactory } from "../adapters/chat/chat-platform.js";
import { FeedPoller } from "../adapters/feeds/feed-poller.js";
import { AlertTimer } from "../adapters/scheduler/alert-timer.js";
import { createAlertRunDeps } from "../adapters/scheduler/create-alert-run-deps.js";
import { createDigestRunDeps } from "../adapters/scheduler/create-digest-run-deps.js";
import { parseDigestSettings } from "../adapters/scheduler/digest-settings.js";
import { DigestTimer, type MinuteScheduler } from "../adapters/scheduler/digest-timer.js";
import { RoutingAlertPublisher } from "../adapters/scheduler/routing-alert-publisher.js";
import { RoutingPublisher } from "../adapters/scheduler/routing-publisher.js";
import { readSlackSettings } from "../adapters/slack/slack-settings.js";
import { createMuteStory } from "../briefing/alerts/mute-story.js";
import { runAlertPass } from "../briefing/alerts/run-alert-pass.js";
import { runDueDigests } from "../briefing/digests/run-due-digests.js";
import type { Logger } from "../briefing/ports.js";
import type { App } from "../compose-app.js";
import { createArticleExtraction } from "../compose-extraction.js";
import { instanceId } from "../instance-id.js";
import { AlertSeat } from "./alert-seat.js";
import type { CliIo } from "./cli-io.js";
import { LeaderSeat } from "./leader-seat.js";
import { releaseYoungGeneration } from "./young-generation.js";

const NOTHING_CONFIGURED = `No chat platform is configured, so briefbot only polls feeds. To answer in chat, set:
  Slack:   SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode), or SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP mode on PORT)
  Discord: DISCORD_TOKEN and DISCORD_APPLICATION_ID, then run \`briefbot discord register\`
(see .env.example, docs/slack.md and docs/discord.md). To try every command locally, run \`briefbot console\`.
`;

/**
 * Every chat platform briefbot speaks: adding one (Mattermost, Teams) is its folder and one entry here.
 * A platform's module (and its SDK) is imported only when one of its settings is present: discord.js
 * and Bolt add about 58 MB to a process at import, which a serve without them must not carry.
 * "Mute this story" on an alert goes to the alert ledger (no more thread replies there).
 */
const PLATFORMS: { mentioned(config: App["config"]): boolean; load(): Promise<ChatPlatformFactory> }[] = [
  {
    mentioned: (config) => readSlackSettings(config).configured,
    load: async () => {
      const { createSlackPlatform } = await import("../adapters/slack/slack-platform.js");
      return (app, logger) => createSlackPlatform(app, logger, { muteStory: muteStoryOf(app) });
    },
  },
  {
    // The factory's own test: either Discord setting (it reports the other missing).
    mentioned: (config) => Boolean(config.DISCORD_TOKEN || config.DISCORD_APPLICATION_ID),
    load: async () => {
      const { createDiscordPlatform } = await import("../adapters/discord/discord-platform.js");
      return (app, logger) => createDiscordPlatform(app, logger, { muteStory: muteStoryOf(app) });
    },
  },
];

function muteStoryOf(app: App) {
  return createMuteStory({ alerts: app.store.alerts, clock: app.deps.clock });
}

interface Running {
  platform: ChatPlatform;
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

/**
 * Starts every configured platform: on each instance, or in a leader seat when only one connection
 * per fleet may exist. A half-configured platform throws its PlatformError before anything starts.
 */
async function startPlatforms(app: App, logger: Logger, io: CliIo): Promise<Running[]> {
  const platforms: ChatPlatform[] = [];
  for (const entry of PLATFORMS) {
    if (!entry.mentioned(app.config)) continue;
    const platform = (await entry.load())(app, logger);
    if (platform !== null) platforms.push(platform);
  }
  const running: Running[] = [];
  try {
    for (const platform of platforms) {
      if (platform.connection === "every-instance") {
        // Slack hands each event to one of the instances (HTTP behind a load balancer, or each
        // instance's own Socket Mode connection).
        const how = await platform.start();
        running.push({ platform, stop: () => platform.stop() });
        io.err(`briefbot is on ${platform.title} (${how}).\n`);
        continue;
      }
      // One connection per fleet (Discord would deliver each interaction to every gateway
      // connection): the seat's holder connects; the others stand by. Posting needs no
      // connection, so every instance can deliver its claimed digest slots.
      const seat = new LeaderSeat({
        leadership: app.store.leadership,
        name: `${platform.name}-gateway`,
        logger,
        start: async () => {
          const how = await platform.start();
          io.err(`briefbot is on ${platform.title} (${how}; this instance holds the connection).\n`);
          return { stop: () => platform.stop() };
        },
      });
      await seat.start();
      if (!seat.leading) {
        io.err(`briefbot is on ${platform.title} (standing by: another instance holds the connection).\n`);
      }
      running.push({ platform, stop: () => seat.stop() });
    }
  } catch (error) {
    // One platform failing to start must not leave another running behind the error.
    await Promise.allSettled(running.map((r) => r.stop()));
    throw error;
  }
  return running;
}

/** The announcement outbox, delivered by one instance per database through every running platform. */
async function startAnnouncements(app: App, logger: Logger, running: Running[]): Promise<LeaderSeat | null> {
  if (running.length === 0) return null;
  const publishers = Object.fromEntries(running.map((r) => [r.platform.name, r.platform.publisher]));
  const seat = new LeaderSeat({
    leadership: app.store.leadership,
    name: "announcements",
    logger,
    start: async () =>
      startAnnouncementLoop({ events: app.deps.events, publishers, now: () => app.deps.clock.now(), logger }),
  });
  await seat.start();
  return seat;
}

/**
 * SIGINT/SIGTERM, listened for from the moment serve starts: a signal that came before the
 * listeners took Node's default and ended the process at once, mid-post for an announcement loop
 * already running (seen under load: the ready line was printed, the process was preempted before
 * its listeners were added, and a SIGTERM killed it). One during start-up stops serve once started.
 */
function listenForStop(): { requested: Promise<void>; dispose(): void } {
  let stop = () => {};
  const requested = new Promise<void>((resolveStop) => {
    stop = () => resolveStop();
  });
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return {
    requested,
    dispose: () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    },
  };
}

export async function serveCommand(app: App, io: CliIo, logger: Logger): Promise<number> {
  const stop = listenForStop();
  try {
    return await serveUntil(app, io, logger, stop.requested);
  } finally {
    // A start that failed leaves no listener behind (commands also run in-process, in tests).
    stop.dispose();
  }
}

async function serveUntil(app: App, io: CliIo, logger: Logger, stopRequested: Promise<void>): Promise<number> {
  const settings = parseDigestSettings(app.config);
  let platforms: Running[];
  try {
    platforms = await startPlatforms(app, logger, io);
  } finally {
    // Start-up ends once the chat SDKs are loaded and connected (main.ts held the young generation
    // until here): polling, briefs and alerts run with V8's default growth.
    releaseYoungGeneration();
  }
  let announcements: LeaderSeat | null;
  try {
    announcements = await startAnnouncements(app, logger, platforms);
  } catch (error) {
    await Promise.allSettled(platforms.map((p) => p.stop()));
    throw error;
  }
  const holder = instanceId("serve");
  // Story alerts through each running platform's alert publisher; one without it is reported per
  // watch ("cannot post story alerts on ..."). Passes run on one instance per database (the
  // "alerts" seat): two instances clustering the window a moment apart could key one event
  // differently and both post it. The ledger's claims stay the second guard (decision 015).
  const alertPublishers = Object.fromEntries(platforms.map((p) => [p.platform.name, p.platform.alerts ?? null]));
  app.deps.alerts.alertPlatforms = platforms.flatMap((p) => (p.platform.alerts ? [p.platform.name] : []));
  const alertDeps = createAlertRunDeps(app.store, new RoutingAlertPublisher(alertPublishers), app.deps.clock, logger);
  const alertTick = app.config.BRIEFBOT_DIGEST_TICK_MS;
  const alertSeat = new AlertSeat({
    leadership: app.store.leadership,
    logger,
    timer: () =>
      new AlertTimer({
        run: () => runAlertPass(alertDeps),
        logger,
        ...(alertTick === undefined ? {} : { scheduler: intervalScheduler(alertTick) }),
      }),
  });
  try {
    await alertSeat.start();
  } catch (error) {
    // As the other seats: a database that cannot be asked at start stops serve with its error.
    await announcements?.stop();
    await Promise.allSettled(platforms.map((p) => p.stop()));
    throw error;
  }
  const poller = new FeedPoller(app.deps, {
    retentionDays: app.config.BRIEFBOT_RETENTION_DAYS,
    pruneArticles: (cutoff) => app.store.articles.pruneArticles(cutoff),
    tickMs: app.config.BRIEFBOT_POLL_TICK_MS,
    lease: { holder, ms: app.config.BRIEFBOT_FEED_LEASE_MS },
    // New articles are matched at once, not at the next minute: alert latency is one poll.
    afterNewArticles: () => void alertSeat.tick(),
  });
  poller.start();
  // Teasers are stored at once by the poller; their pages are fetched and extracted apart, so a
  // slow site never delays polling.
  const extraction = createArticleExtraction(app.config, app.deps);
  extraction.extractor.start();
  const publisher = new RoutingPublisher(
    Object.fromEntries(platforms.map((p) => [p.platform.name, p.platform.publisher])),
  );
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
  await stopRequested;
  io.err("Stopping…\n");
  await timer.stop();
  await alertSeat.stop();
  await announcements?.stop();
  await Promise.allSettled(platforms.map((p) => p.stop()));
  await poller.stop();
  await extraction.close();
  return 0;
}
