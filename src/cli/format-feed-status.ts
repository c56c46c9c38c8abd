// Plain-text views of feeds for the terminal: a one-line-per-feed list and a detailed status.
import type { Feed } from "../briefing/feed.js";
import type { FeedStatus } from "../briefing/feeds/feed-health.js";
import type { FeedSubscriber } from "../briefing/ports.js";
import { channelKey } from "../briefing/schedule.js";

function when(ms: number | null): string {
  return ms === null ? "never" : new Date(ms).toISOString().replace(".000Z", "Z");
}

/** How the last document was read; a lenient reading may have lost text around the breakage. */
export function feedParsing(feed: Feed): string {
  return feed.lastParseLenient
    ? "lenient (the last document was not well-formed XML; its items were recovered, some text may be lost)"
    : "strict";
}

export function formatFeedList(statuses: FeedStatus[]): string {
  if (statuses.length === 0) return "No feeds yet. Add one with: briefbot feed add <url>\n";
  const lines = statuses.map(({ feed, health, articleCount }) => {
    const name = feed.title ?? "(untitled)";
    return `#${feed.id}  ${health.padEnd(8)} ${String(articleCount).padStart(6)} ${articleCount === 1 ? "article " : "articles"}  ${name}\n      ${feed.url}`;
  });
  return `${lines.join("\n")}\n`;
}

/** `feed list --channel`: that channel's feeds, then the rest of the install. */
export function formatChannelFeedList(channel: string, here: FeedStatus[], elsewhere: FeedStatus[]): string {
  if (here.length + elsewhere.length === 0) return formatFeedList([]);
  const head =
    here.length === 0 ? `${channel} follows no feed.\n` : `In ${channel} (${here.length}):\n${formatFeedList(here)}`;
  return elsewhere.length === 0
    ? head
    : `${head}Elsewhere in this install (${elsewhere.length}):\n${formatFeedList(elsewhere)}`;
}

export function formatFeedStatus({ feed, health, articleCount }: FeedStatus, subscribers?: FeedSubscriber[]): string {
  const rows: Array<[string, string]> = [
    ["feed", `#${feed.id} ${feed.title ?? "(untitled)"}`],
    ["url", feed.url],
    ["site", feed.siteLink ?? "-"],
    ["health", health],
    ["articles", String(articleCount)],
    ["added", `${when(feed.createdAt)}${feed.origin ? ` via ${feed.origin.platform}` : ""}`],
    ["refresh", `every ${feed.refreshMinutes} min`],
    ["last attempt", when(feed.lastAttemptAt)],
    ["last success", when(feed.lastSuccessAt)],
    ["next fetch", feed.disabledReason ? "none (disabled)" : when(feed.nextFetchAt)],
    ["failures", `${feed.consecutiveFailures} in a row`],
    ["last error", feed.lastError ?? "-"],
    ["parsing", feedParsing(feed)],
    ["full text", feed.fulltext],
    ["kind", feed.kind],
  ];
  if (subscribers !== undefined) {
    const channels = subscribers.map(
      (s) => `${channelKey(s.channel)} (${when(s.addedAt)}${s.addedBy ? ` by ${s.addedBy}` : ""})`,
    );
    rows.push(["channels", channels.length === 0 ? "none (the whole install)" : channels.join(", ")]);
  }
  if (feed.disabledReason) rows.push(["disabled", feed.disabledReason]);
  return `${rows.map(([k, v]) => `${k.padEnd(13)}${v}`).join("\n")}\n`;
}
