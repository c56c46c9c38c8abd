// `briefbot serve`: runs the long-lived parts until SIGINT/SIGTERM: the feed poller, every chat
// platform that is configured (Slack, Discord) and the digest timer posting through them. With
// no platform configured it says what to set.

import { DiscordDigestPublisher } from "../adapters/discord/discord-digest-publisher.js";
import { startDiscord } from "../adapters/discord/start-discord.js";
import { FeedPoller } from "../adapters/feeds/feed-poller.js";
import { createDigestRunDeps } from "../adapters/scheduler/create-digest-run-deps.js";
import { parseDigestSettings } from "../adapters/scheduler/digest-settings.js";
import { DigestTimer } from "../adapters/scheduler/digest-timer.js";
import { RoutingPublisher } from "../adapters/scheduler/routing-publisher.js";
import { SlackDigestPublisher } from "../adapters/slack/slack-digest-publisher.js";
import { readSlackSettings } from "../adapters/slack/slack-settings.js";
import { startSlack } from "../adapters/slack/start-slack.js";
import { UserError } from "../briefing/errors.js";
import type { Logger, Publisher } from "../briefing/ports.js";
import { runDueDigests } from "../briefing/run-due-digests.js";
import type { App } from "../compose-app.js";
import type { CliIo } from "./cli-io.js";

const NOTHING_CONFIGURED = `No chat platform is configured, so briefbot only polls feeds. To answer in chat, set:
  Slack:   SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode), or SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP mode on PORT)
  Discord: DISCORD_TOKEN and DISCORD_APPLICATION_ID, then run \`briefbot discord register\`
(see .env.example and the README). To try every command locally, run \`briefbot console\`.
`;

interface Running {
  name: "slack" | "discord";
  /** Posts digests and announcements into this platform's channels. */
  publisher: Publisher;
  stop(): Promise<void>;
}

/** Starts what the configuration asks for; a half-configured platform is a UserError naming what is missing. */
async function startPlatforms(app: App, logger: Logger, io: CliIo): Promise<Running[]> {
  const running: Running[] = [];
  try {
    const slack = readSlackSettings(app.config);
    if (slack.configured && slack.settings === null) {
      throw new UserError("slack_config", `Slack is not fully configured:\n  - ${slack.problems.join("\n  - ")}`);
    }
    if (slack.configured) {
      const bot = await startSlack(app, logger);
      running.push({ name: "slack", publisher: new SlackDigestPublisher(bot.bot.publisher), stop: () => bot.stop() });
      io.err(
        `briefbot is on Slack (${bot.mode === "socket" ? "Socket Mode" : `HTTP mode on port ${bot.address?.port}`}).\n`,
      );
    }
    const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId } = app.config;
    if (Boolean(token) !== Boolean(applicationId)) {
      throw new UserError(
        "discord_config",
        `Discord needs both DISCORD_TOKEN and DISCORD_APPLICATION_ID; ${token ? "DISCORD_APPLICATION_ID" : "DISCORD_TOKEN"} is missing.`,
      );
    }
    if (token && applicationId) {
      const bot = await startDiscord(app, logger);
      running.push({ name: "discord", publisher: new DiscordDigestPublisher(bot.publisher), stop: () => bot.stop() });
      io.err("briefbot is on Discord.\n");
    }
  } catch (error) {
    // One platform failing to start must not leave the other running behind the error.
    await Promise.allSettled(running.map((r) => r.stop()));
    throw error;
  }
  return running;
}

export async function serveCommand(app: App, io: CliIo, logger: Logger): Promise<number> {
  const settings = parseDigestSettings(app.config, io.env);
  const platforms = await startPlatforms(app, logger, io);
  const poller = new FeedPoller(app.deps, {
    retentionDays: app.config.BRIEFBOT_RETENTION_DAYS,
    pruneArticles: (cutoff) => app.store.articles.pruneArticles(cutoff),
  });
  poller.start();
  const publisher = new RoutingPublisher(Object.fromEntries(platforms.map((p) => [p.name, p.publisher])));
  const digestDeps = createDigestRunDeps(app.store, publisher, settings, app.deps.clock, logger);
  const timer = new DigestTimer({ run: () => runDueDigests(digestDeps), logger });
  timer.start();
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
  return 0;
}
