// A briefbot for end-to-end alert tests and the alert benchmark: a real app (composeApp on a SQLite
// file or PostgreSQL) polling RSS feeds from a loopback HTTP server, with a pinned clock.

import { WebClient } from "@slack/web-api";
import { REST } from "discord.js";
import { DiscordAlertPublisher } from "../../src/adapters/discord/discord-alert-publisher.js";
import { DiscordPublisher } from "../../src/adapters/discord/discord-publisher.js";
import { createAlertRunDeps } from "../../src/adapters/scheduler/create-alert-run-deps.js";
import { RoutingAlertPublisher } from "../../src/adapters/scheduler/routing-alert-publisher.js";
import { slackPostingClientOptions } from "../../src/adapters/slack/create-slack-app.js";
import { SlackAlertPublisher } from "../../src/adapters/slack/slack-alert-publisher.js";
import { SlackDigestPublisher } from "../../src/adapters/slack/slack-digest-publisher.js";
import { SlackPublisher } from "../../src/adapters/slack/slack-publisher.js";
import type { AlertRunDeps } from "../../src/briefing/alerts/run-alert-pass.js";
import { pollDueFeeds } from "../../src/briefing/feeds/poll-due-feeds.js";
import type { Clock, Logger } from "../../src/briefing/ports.js";
import { type App, composeApp } from "../../src/compose-app.js";
import { parseConfig } from "../../src/config.js";
import { type LocalHttpServer, startLocalHttpServer } from "./local-http-server.js";

export const SLACK_BOT_TOKEN = "xoxb-1111-2222-secretbottoken";

export interface FeedItem {
  guid: string;
  title: string;
  link: string;
  text: string;
  publishedAt: number;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function rss(title: string, items: readonly FeedItem[]): string {
  const entries = items
    .map(
      (i) =>
        `<item><guid>${escapeXml(i.guid)}</guid><title>${escapeXml(i.title)}</title><link>${escapeXml(i.link)}</link>` +
        `<pubDate>${new Date(i.publishedAt).toUTCString()}</pubDate><description>${escapeXml(i.text)}</description></item>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${escapeXml(title)}</title><link>https://example.org/</link>${entries}</channel></rss>`;
}

/** Feeds served on loopback: `/feeds/<name>.xml`, each answering its current items. */
export class FeedHost {
  readonly items = new Map<string, FeedItem[]>();
  private constructor(readonly server: LocalHttpServer) {}

  static async start(): Promise<FeedHost> {
    return new FeedHost(await startLocalHttpServer());
  }

  url(name: string): string {
    return this.server.url(`/feeds/${name}.xml`);
  }

  /** Serves `name` (titled `title`) with no items until `publish`. */
  serve(name: string, title: string): string {
    this.items.set(name, []);
    this.server.route(`/feeds/${name}.xml`, (_req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
      res.end(rss(title, this.items.get(name) ?? []));
    });
    return this.url(name);
  }

  publish(name: string, ...items: FeedItem[]): void {
    this.items.set(name, [...(this.items.get(name) ?? []), ...items]);
  }

  close(): Promise<void> {
    return this.server.close();
  }
}

export interface AlertWorld {
  app: App;
  clock: { t: number };
  /** One feed poll of the due feeds (the clock's time). */
  poll(): Promise<number>;
  deps(publisher: AlertRunDeps["publisher"]): AlertRunDeps;
  close(): Promise<void>;
}

/** `env` adds configuration (a Slack signing secret and API URL for a test that runs Bolt). */
export async function openAlertWorld(
  database: string,
  logger: Logger,
  start: number,
  env: Record<string, string> = {},
): Promise<AlertWorld> {
  const config = parseConfig({ BRIEFBOT_ALLOW_PRIVATE_FEEDS: "true", BRIEFBOT_LOG_LEVEL: "silent", ...env });
  const composed = await composeApp(config, logger, { database });
  const clock = { t: start };
  const pinned: Clock = { now: () => clock.t };
  const app: App = {
    ...composed,
    deps: {
      ...composed.deps,
      clock: pinned,
      random: () => 0,
      alerts: { ...composed.deps.alerts, alertPlatforms: ["slack", "discord"] },
    },
  };
  return {
    app,
    clock,
    async poll() {
      const summary = await pollDueFeeds(app.deps, { concurrency: 8, limit: 5000 });
      return summary.inserted;
    },
    deps: (publisher) => ({ ...createAlertRunDeps(app.store, publisher, pinned, logger), wait: async () => {} }),
    close: () => composed.close(),
  };
}

function slackPublisher(apiUrl: string, logger: Logger): SlackPublisher {
  const settings = { mode: "http" as const, botToken: SLACK_BOT_TOKEN, signingSecret: "x", port: 1, admins: [] };
  const client = new WebClient(SLACK_BOT_TOKEN, slackPostingClientOptions({ ...settings, apiUrl }, logger));
  return new SlackPublisher(client, logger);
}

export function slackAlertPublisher(apiUrl: string, logger: Logger): SlackAlertPublisher {
  return new SlackAlertPublisher(slackPublisher(apiUrl, logger));
}

/** Slack's publisher for digests and announcements (the outbox's `deliverAnnouncements`). */
export function slackChatPublisher(apiUrl: string, logger: Logger): SlackDigestPublisher {
  return new SlackDigestPublisher(slackPublisher(apiUrl, logger));
}

export function discordAlertPublisher(apiUrl: string, clock: Clock, logger: Logger): DiscordAlertPublisher {
  const rest = new REST({ api: apiUrl, retries: 0 }).setToken("fake-bot-token");
  return new DiscordAlertPublisher(new DiscordPublisher(rest, { clock, logger }));
}

export function routing(slack: SlackAlertPublisher, discord?: DiscordAlertPublisher): RoutingAlertPublisher {
  return new RoutingAlertPublisher({ slack, ...(discord ? { discord } : {}) });
}
