// Neutral command in, neutral reply out: the core behind every door (CLI, console, Slack,
// Discord). Admin-only commands are refused for others; user mistakes become replies only the
// sender sees; anything unexpected propagates for the adapter to log and apologise.

import { buildBrief } from "../briefs/build-brief.js";
import { formatUtc } from "../digests/time-format.js";
import { isUserError, UserError } from "../errors.js";
import type { Origin } from "../feed.js";
import { addFeed } from "../feeds/add-feed.js";
import { enableFeed } from "../feeds/enable-feed.js";
import type { FeedDeps } from "../feeds/feed-deps.js";
import type { FeedStatus } from "../feeds/feed-health.js";
import { channelOfOrigin } from "../feeds/feed-url.js";
import { feedStatus, listChannelFeeds, listFeeds } from "../feeds/list-feeds.js";
import { removeFeedFromChannel } from "../feeds/remove-feed.js";
import { fulltextLine, setFeedFulltext } from "../feeds/set-feed-fulltext.js";
import { feedKindLine, feedKindScope, setFeedKind } from "../feeds/set-feed-kind.js";
import type { EventStore, Logger } from "../ports.js";
import type { Command } from "./command.js";
import { countNoun } from "./count-noun.js";
import { isDigestChange, parseDigestCommand } from "./digest-command.js";
import { type DigestCommandDeps, handleDigestCommand } from "./handle-digest-command.js";
import { handleWatchCommand, type WatchCommandDeps } from "./handle-watch-command.js";
import { HELP_LINES } from "./help-text.js";
import { errorReply, notice, type Reply } from "./reply.js";
import { isWatchChange, parseWatchCommand } from "./watch-command.js";

export interface CommandDeps extends FeedDeps {
  events: EventStore;
  /** Warnings the answer does not show (computed clustering features that could not be kept). */
  logger?: Logger;
  /** Scheduled digests; without them /digest answers that scheduling is not set up. */
  digests?: Pick<DigestCommandDeps, "schedules" | "deliveries">;
  /** Story alerts; without them /watch answers that alerts are not set up. */
  alerts?: Pick<WatchCommandDeps, "watches" | "alerts" | "alertPlatforms">;
}

/** Who asked, and where: adapters fill it from the platform payload. */
export interface Actor {
  origin: Origin;
  /** Workspace admin/owner (Slack), Manage Server (Discord), the operator (CLI, console). */
  isAdmin: boolean;
  /** The person at the terminal (CLI, console): reaches every workspace's digest schedules. */
  operator?: boolean;
}

const ADMIN_ONLY = new Set<Command["kind"]>(["feed-add", "feed-remove", "feed-enable", "feed-fulltext", "feed-kind"]);

/**
 * Whether a command changes something only admins may change. Adapters can ask this before
 * looking up the sender's role (a platform call), and must pass isAdmin accordingly.
 */
export function isAdminCommand(command: Command): boolean {
  return (
    ADMIN_ONLY.has(command.kind) ||
    (command.kind === "digest" && isDigestChange(command.args)) ||
    (command.kind === "watch" && isWatchChange(command.args))
  );
}

export async function handleCommand(deps: CommandDeps, command: Command, actor: Actor): Promise<Reply> {
  try {
    if (isAdminCommand(command) && !actor.isAdmin) {
      const what =
        command.kind === "digest"
          ? "digest schedules"
          : command.kind === "watch"
            ? "watches and alert limits"
            : "feeds";
      throw new UserError(
        "not_admin",
        `Only admins can change ${what}. Ask a workspace admin (or someone with Manage Server) to run this command.`,
      );
    }
    return await run(deps, command, actor);
  } catch (error) {
    if (isUserError(error)) return errorReply(error.code, error.message);
    throw error;
  }
}

async function run(deps: CommandDeps, command: Command, actor: Actor): Promise<Reply> {
  switch (command.kind) {
    case "brief": {
      const card = await buildBrief(deps, {
        topic: command.topic,
        sinceMs: command.sinceMs,
        maxStories: command.maxStories,
      });
      // An empty answer is for the asker only; a real card is for the channel.
      return { kind: "card", card, visibility: card.stories.length > 0 ? "channel" : "sender" };
    }
    case "feed-add": {
      const { feed, stored, joined } = await addFeed(deps, {
        url: command.url,
        name: command.name ?? undefined,
        origin: actor.origin,
      });
      if (joined) {
        return notice(
          "Feed added to this channel",
          [
            `#${feed.id} ${feed.title ?? feed.url}`,
            feed.url,
            `This feed was already followed elsewhere in this install; this channel now follows it too (${countNoun(await deps.articles.countArticles(feed.id), "article")} stored so far).`,
          ],
          "channel",
        );
      }
      return notice(
        "Feed added",
        [
          `#${feed.id} ${feed.title ?? feed.url}`,
          feed.url,
          `${countNoun(stored, "article")} stored; new articles are fetched every ${feed.refreshMinutes} minutes.`,
        ],
        "channel",
      );
    }
    case "feed-list": {
      const channel = channelOfOrigin(actor.origin);
      const { here, elsewhere } = await listChannelFeeds(deps, channel);
      const total = here.length + elsewhere.length;
      if (total === 0) return notice("No feeds yet", ["Add one with /feed add <url>."]);
      const title = `${total} ${total === 1 ? "feed" : "feeds"}`;
      if (channel === null) return notice(title, elsewhere.map(listLine));
      return notice(title, [
        here.length === 0
          ? "This channel follows no feed yet; add one here with /feed add <url>."
          : `In this channel (${here.length}):`,
        ...here.map(listLine),
        ...(elsewhere.length === 0 ? [] : [`Elsewhere in this install (${elsewhere.length}):`]),
        ...elsewhere.map(listLine),
      ]);
    }
    case "feed-status": {
      if (!command.ref) {
        const statuses = await listFeeds(deps);
        if (statuses.length === 0) return notice("No feeds yet", ["Add one with /feed add <url>."]);
        return notice("Feed status", statuses.map(listLine));
      }
      return notice("Feed status", statusLines(await feedStatus(deps, command.ref)));
    }
    case "feed-remove": {
      const removal = await removeFeedFromChannel(deps, command.ref, channelOfOrigin(actor.origin), command.everywhere);
      const name = `#${removal.feed.id} ${removal.feed.title ?? removal.feed.url}`;
      if (!removal.feedRemoved) {
        const others =
          removal.remaining === 1
            ? "1 other channel still follows"
            : `${removal.remaining} other channels still follow`;
        return notice(
          "Feed removed from this channel",
          [`This channel no longer follows ${name}; ${others} it, so it and its articles are kept.`],
          "channel",
        );
      }
      return notice("Feed removed", [`${name} and its articles were removed.`], "channel");
    }
    case "feed-enable": {
      const feed = await enableFeed(deps, command.ref);
      return notice(
        "Feed enabled",
        [`#${feed.id} ${feed.title ?? feed.url} is fetched again on the next poll.`],
        "channel",
      );
    }
    case "feed-fulltext": {
      const feed = await setFeedFulltext(deps, command.ref, command.mode);
      return notice(
        "Feed full text",
        [`#${feed.id} ${feed.title ?? feed.url}: ${fulltextLine(feed.fulltext)}`],
        "channel",
      );
    }
    case "feed-kind": {
      const { feed, relabel } = await setFeedKind(deps, command.ref, command.feedKind);
      return notice(
        "Feed kind",
        [`#${feed.id} ${feed.title ?? feed.url}: ${feedKindLine(feed.kind)}`, feedKindScope(feed.kind, relabel)],
        "channel",
      );
    }
    case "help":
      return notice("briefbot commands", HELP_LINES);
    case "digest": {
      const digest = parseDigestCommand(command.args);
      if (!deps.digests) {
        return notice("Scheduled digests are not set up here", [
          "This briefbot was started without its digest scheduler.",
          "Ask for a card any time with /brief <topic>.",
        ]);
      }
      return handleDigestCommand({ ...deps, ...deps.digests }, digest, {
        origin: actor.origin,
        operator: actor.operator === true,
      });
    }
    case "watch": {
      const watch = parseWatchCommand(command.args);
      if (!deps.alerts) {
        return notice("Story alerts are not set up here", [
          "This briefbot was started without story alerts.",
          "Ask for a card any time with /brief <topic>.",
        ]);
      }
      return handleWatchCommand(
        { ...deps, ...deps.alerts, ...(deps.digests ? { schedules: deps.digests.schedules } : {}) },
        watch,
        { origin: actor.origin, operator: actor.operator === true },
      );
    }
  }
}

function listLine({ feed, health, articleCount }: FeedStatus): string {
  return `#${feed.id} ${feed.title ?? "(untitled)"} — ${health}, ${countNoun(articleCount, "article")} — ${feed.url}`;
}

function statusLines({ feed, health, articleCount }: FeedStatus): string[] {
  const when = (ms: number | null) => (ms === null ? "never" : formatUtc(ms));
  return [
    `#${feed.id} ${feed.title ?? "(untitled)"} — ${feed.url}`,
    `Health: ${health}; ${countNoun(articleCount, "article")}; refreshed every ${feed.refreshMinutes} minutes`,
    `Last attempt: ${when(feed.lastAttemptAt)}; last success: ${when(feed.lastSuccessAt)}`,
    `Next fetch: ${feed.disabledReason ? "none (disabled)" : when(feed.nextFetchAt)}; failures in a row: ${feed.consecutiveFailures}`,
    `Full text: ${fulltextLine(feed.fulltext)}`,
    `Kind: ${feedKindLine(feed.kind)}`,
    ...(feed.lastError ? [`Last error: ${feed.lastError}`] : []),
    ...(feed.lastParseLenient
      ? [
          "Parsing: lenient (the last document was not well-formed XML; its items were recovered, some text may be lost)",
        ]
      : []),
    ...(feed.disabledReason ? [`Disabled: ${feed.disabledReason}`] : []),
  ];
}
