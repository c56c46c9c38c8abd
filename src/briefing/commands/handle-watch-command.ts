// The /watch commands behind every door: add, list, remove, pause, resume, preview, why, limits.
// A watch belongs to the channel it was made in; chat users reach their own workspace's only,
// the operator (command line, console) every one. Preview and why read the alert pass's own decisions.

import { ALERT_WINDOW_MS, buildAlertPool, isFreshFor } from "../alerts/alert-pool.js";
import type { AlertLedger, AlertOutcome, WatchStore } from "../alerts/alert-ports.js";
import { decideStory, outletsOf } from "../alerts/decide-story.js";
import { describeQuietHours } from "../alerts/quiet-hours.js";
import {
  type AlertSettings,
  DEFAULT_ALERT_LIMITS,
  defaultAlertSettings,
  describeWatch,
  type Watch,
} from "../alerts/watch.js";
import type { Article } from "../article.js";
import { formatUtc } from "../digests/time-format.js";
import { UserError } from "../errors.js";
import type { Origin, Platform } from "../feed.js";
import { canonicalizeUrl } from "../feeds/canonical-url.js";
import type { ArticleStore, Clock, FeedStore, ScheduleStore } from "../ports.js";
import type { ChannelRef } from "../schedule.js";
import { articleKindOf } from "../stories/build-story.js";
import { sourceNamer } from "../stories/source-namer.js";
import { notice, type Reply } from "./reply.js";
import type { WatchCommand } from "./watch-command.js";

export interface WatchCommandDeps {
  watches: WatchStore;
  alerts: AlertLedger;
  articles: ArticleStore;
  feeds: FeedStore;
  clock: Clock;
  /** The workspace's default zone, when digests set one; quiet hours fall back to it. */
  schedules?: Pick<ScheduleStore, "getWorkspaceTimeZone">;
  /** Platforms this briefbot can post alerts on (those whose chat adapter has an alert publisher). */
  alertPlatforms?: readonly Platform[];
}

export interface WatchActor {
  origin: Origin;
  operator: boolean;
}

/** More than this in one channel is a sign the filters belong in one watch. */
export const MAX_WATCHES_PER_CHANNEL = 20;
const DAY = 86_400_000;
/** Lines of a preview; the rest is counted. */
const PREVIEW_LINES = 15;

/** The console is a channel of its own, so /watch can be tried offline. */
function channelOf(origin: Origin): ChannelRef {
  if (origin.platform === "console") {
    return {
      platform: "console",
      workspaceId: origin.workspaceId ?? "console",
      channelId: origin.channelId ?? "console",
    };
  }
  if (origin.workspaceId === null || origin.channelId === null) {
    throw new UserError(
      "no_channel",
      "A watch belongs to a channel: run /watch in the channel it should post to. From the command line, add --channel slack:<team id>:<channel id> or discord:<guild id>:<channel id>.",
    );
  }
  return { platform: origin.platform, workspaceId: origin.workspaceId, channelId: origin.channelId };
}

async function findWatch(deps: WatchCommandDeps, actor: WatchActor, id: number): Promise<Watch> {
  const watch = await deps.watches.getWatch(id);
  const visible =
    watch &&
    (actor.operator ||
      (watch.channel.platform === actor.origin.platform && watch.channel.workspaceId === actor.origin.workspaceId));
  if (!watch || !visible)
    throw new UserError("watch_not_found", `No watch #${id} here. See this channel's with /watch list.`);
  return watch;
}

async function settingsOf(deps: WatchCommandDeps, channel: ChannelRef): Promise<AlertSettings> {
  const stored = await deps.watches.getAlertSettings(channel);
  if (stored) return stored;
  const zone = (await deps.schedules?.getWorkspaceTimeZone(channel)) ?? "UTC";
  return defaultAlertSettings(channel, zone);
}

function describeSettings(s: AlertSettings): string {
  return `Flood control: at most ${s.perMinute} a minute and ${s.perDay} a day (the rest in one round-up post); quiet hours: ${describeQuietHours(s)}.`;
}

function cannotPost(deps: WatchCommandDeps, channel: ChannelRef): string[] {
  if (!deps.alertPlatforms || deps.alertPlatforms.includes(channel.platform)) return [];
  return [
    `This briefbot cannot post alerts on ${channel.platform} yet: the watch is kept, but nothing is posted until it can.`,
  ];
}

export async function handleWatchCommand(
  deps: WatchCommandDeps,
  command: WatchCommand,
  actor: WatchActor,
): Promise<Reply> {
  const now = deps.clock.now();
  switch (command.action) {
    case "add": {
      const channel = channelOf(actor.origin);
      const existing = await deps.watches.listWatches(channel);
      if (existing.length >= MAX_WATCHES_PER_CHANNEL) {
        throw new UserError(
          "too_many_watches",
          `This channel already has ${existing.length} watches, the most it can have. Remove one with /watch remove <id> first.`,
        );
      }
      const { action: _, ...filters } = command;
      const watch = await deps.watches.addWatch({
        channel,
        createdBy: actor.origin.userId,
        ...filters,
        createdAt: now,
      });
      const settings = await settingsOf(deps, channel);
      return notice(
        "Watch added",
        [
          describeWatch(watch),
          watch.topic === null
            ? "New stories from the feeds added in this channel are posted here once each; later sources go in the story's thread."
            : "New stories that match are posted here once each; later sources go in the story's thread.",
          "Only articles first seen from now on count: nothing already stored is posted.",
          describeSettings(settings),
          `See what it would have posted over the last day with /watch preview ${watch.id}.`,
          ...cannotPost(deps, channel),
        ],
        "channel",
      );
    }
    case "list": {
      const channel =
        actor.operator && actor.origin.channelId === null && actor.origin.platform !== "console"
          ? null
          : channelOf(actor.origin);
      const watches = await deps.watches.listWatches(channel ?? undefined);
      if (watches.length === 0)
        return notice("No watches here", ["Post each new story on a topic here with /watch <topic>."]);
      const lines = watches.map((w) =>
        channel
          ? describeWatch(w)
          : `${describeWatch(w)} — ${w.channel.platform}:${w.channel.workspaceId}:${w.channel.channelId}`,
      );
      if (channel) lines.push(describeSettings(await settingsOf(deps, channel)), ...cannotPost(deps, channel));
      return notice(`${watches.length} ${watches.length === 1 ? "watch" : "watches"}`, lines);
    }
    case "remove": {
      const watch = await findWatch(deps, actor, command.id);
      await deps.watches.removeWatch(watch.id);
      return notice("Watch removed", [`${describeWatch(watch)} posts no more alerts.`], "channel");
    }
    case "pause":
    case "resume": {
      const watch = await findWatch(deps, actor, command.id);
      const pause = command.action === "pause";
      if ((watch.pausedAt !== null) === pause)
        return notice(pause ? "Watch already paused" : "Watch is running", [describeWatch(watch)]);
      const updated = await deps.watches.updateWatch(watch.id, { pausedAt: pause ? now : null }, now);
      return notice(
        pause ? "Watch paused" : "Watch resumed",
        [
          describeWatch(updated ?? watch),
          pause ? `Nothing is posted for it until /watch resume ${watch.id}.` : "New stories are posted again.",
        ],
        "channel",
      );
    }
    case "limits": {
      const channel = channelOf(actor.origin);
      const current = await settingsOf(deps, channel);
      const changed =
        command.perMinute !== null ||
        command.perDay !== null ||
        command.quiet !== undefined ||
        command.timeZone !== null;
      if (!changed) return notice("Alert limits", [describeSettings(current)]);
      const next: AlertSettings = {
        channel,
        perMinute: command.perMinute ?? current.perMinute,
        perDay: command.perDay ?? current.perDay,
        quietStart: command.quiet === undefined ? current.quietStart : (command.quiet?.start ?? null),
        quietEnd: command.quiet === undefined ? current.quietEnd : (command.quiet?.end ?? null),
        timeZone: command.timeZone ?? current.timeZone,
        updatedAt: now,
      };
      await deps.watches.setAlertSettings(next);
      return notice(
        "Alert limits set",
        [
          describeSettings(next),
          ...(next.quietStart !== null && next.timeZone === "UTC" && command.timeZone === null
            ? ["Quiet hours are read in UTC: add tz:Europe/Berlin (your zone) to read them in local time."]
            : []),
          ...(next.perMinute === DEFAULT_ALERT_LIMITS.perMinute && next.perDay === DEFAULT_ALERT_LIMITS.perDay
            ? []
            : ["The defaults are 1/min and 30/day."]),
        ],
        "channel",
      );
    }
    case "preview":
      return preview(deps, await findWatch(deps, actor, command.id), now);
    case "why":
      return why(deps, actor, command.url, now);
  }
}

/** Which of the last day's stories the watch would have posted, and why not for the others. */
async function preview(deps: WatchCommandDeps, watch: Watch, now: number): Promise<Reply> {
  const sourceName = await sourceNamer(deps.feeds);
  const feeds = await deps.feeds.listFeeds();
  // As if the watch had been made a day ago: only the last day's articles count.
  const asIfNew: Watch = { ...watch, createdAt: now - DAY };
  const pool = await buildAlertPool(deps, { watch: asIfNew, feeds, sourceName, asOf: now, windowMs: ALERT_WINDOW_MS });
  const ledger = await deps.alerts.channelStories(watch.channel, now - 3 * DAY);
  const posted = new Map<number, (typeof ledger)[number]>();
  for (const record of ledger) for (const id of record.articleIds) posted.set(id, record);
  const lines: string[] = [];
  let would = 0;
  let considered = 0;
  for (const story of pool.stories) {
    const decision = decideStory(asIfNew, story, sourceName);
    if (decision.kind === "old") continue;
    considered += 1;
    const headline = story.members[0]?.article.title ?? "(untitled)";
    const outlets = outletsOf(
      story.members.map((m) => m.article),
      sourceName,
    ).join(", ");
    const record = story.members.map((m) => posted.get(m.article.id)).find((r) => r !== undefined);
    let line: string;
    if (record)
      line = `already in this channel (${record.status}${record.postedAt ? ` ${formatUtc(record.postedAt)}` : ""}): ${headline}`;
    else if (decision.kind === "match") {
      would += 1;
      line = `would post: ${headline} — ${outlets}`;
    } else line = `not posted (${decision.detail}): ${headline} — ${outlets}`;
    if (lines.length < PREVIEW_LINES) lines.push(line);
  }
  if (considered > lines.length) lines.push(`...and ${considered - lines.length} more stories.`);
  if (considered === 0) lines.push("No stories in the last day for this watch.");
  lines.unshift(
    `${describeWatch(watch)}: ${would} of the last day's ${considered} ${considered === 1 ? "story" : "stories"} would have been posted (flood control aside).`,
  );
  return notice(`Preview of watch #${watch.id}`, lines);
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.replace(/^www\./, "");
  } catch {
    return null;
  }
}

const OUTCOME_TEXT: Record<AlertOutcome["outcome"], string> = {
  posted: "posted in this channel",
  replied: "added to its story's thread",
  joined: "joined a story already in this channel",
  filtered: "dropped by a filter",
  waiting: "not posted yet",
  held: "held by flood control",
  rounded: "posted in a round-up",
  failed: "the post failed",
};

/** What happened to one article, for each watch of this channel. */
async function why(deps: WatchCommandDeps, actor: WatchActor, raw: string, now: number): Promise<Reply> {
  const url = canonicalizeUrl(raw);
  if (url === null) throw new UserError("bad_command", `"${raw}" is not a web link; paste the article's http(s) link.`);
  const id = (await deps.alerts.articleIdByUrl(url)) ?? (await deps.alerts.articleIdByUrl(raw.trim()));
  if (id === null) {
    const host = hostOf(url);
    const feeds = (await deps.feeds.listFeeds()).filter(
      (f) => host !== null && (hostOf(f.url) === host || (f.siteLink !== null && hostOf(f.siteLink) === host)),
    );
    if (feeds.length === 0)
      return notice("Not found", [
        `No stored article has this link, and no feed here is from ${host ?? "that site"}.`,
        "If it should be followed, add its feed with /feed add <site or feed link>.",
      ]);
    return notice(
      "Not fetched yet",
      feeds.map(
        (f) =>
          `No stored article has this link yet. Feed #${f.id} ${f.title ?? f.url} is ${f.disabledReason ? `disabled (${f.disabledReason})` : `next fetched at ${formatUtc(Math.max(f.nextFetchAt, now))}`}.`,
      ),
    );
  }
  let [article] = await deps.articles.getArticles([id]);
  if (!article) return notice("Not found", ["The article was removed (its feed was removed or it aged out)."]);
  const sourceName = await sourceNamer(deps.feeds);
  const lines = [
    `#${article.id} "${article.title}" from ${sourceName(article.feedId)}, first seen ${formatUtc(article.fetchedAt)}.`,
    kindLine(article, sourceName(article.feedId)),
  ];
  if (article.duplicateOf !== null) {
    const [original] = await deps.articles.getArticles([article.duplicateOf]);
    if (original) {
      lines.push(
        `A duplicate of #${original.id} "${original.title}" (${sourceName(original.feedId)}): that one carries the story.`,
      );
      article = original;
    }
  }
  const channel = channelOf(actor.origin);
  const watches = await deps.watches.listWatches(channel);
  if (watches.length === 0) {
    lines.push("No watches in this channel, so nothing here posts alerts. Start one with /watch <topic>.");
    return notice("Why (not) posted", lines);
  }
  const stories = (await deps.alerts.storiesWithArticle(article.id)).filter(
    (s) =>
      s.channel.platform === channel.platform &&
      s.channel.workspaceId === channel.workspaceId &&
      s.channel.channelId === channel.channelId,
  );
  for (const story of stories) lines.push(`Joined the story "${story.headline}" in this channel (${story.status}).`);
  const outcomes = new Map((await deps.alerts.outcomesForArticle(article.id)).map((o) => [o.watchId, o]));
  for (const watch of watches) {
    const o = outcomes.get(watch.id);
    const label = `Watch #${watch.id}`;
    if (o) lines.push(`${label}: ${OUTCOME_TEXT[o.outcome]} at ${formatUtc(o.at)} — ${o.detail}.`);
    else if (article.backlog)
      lines.push(`${label}: stored as its feed's backlog when the feed was added; backlog is never posted.`);
    else if (!isFreshFor(article, watch))
      lines.push(
        `${label}: first seen before the watch was made (${formatUtc(watch.createdAt)}); only later articles count.`,
      );
    else if (watch.pausedAt !== null) lines.push(`${label}: paused since ${formatUtc(watch.pausedAt)}.`);
    else
      lines.push(
        `${label}: no decision recorded: it does not match ${watch.topic === null ? "this channel's feeds" : `the topic "${watch.topic}"`}, or the next alert pass has not run yet.`,
      );
  }
  return notice("Why (not) posted", lines);
}

/** The label a card gives the article (news, opinion, other) and why: stored at ingest, or decided when read. */
function kindLine(article: Article, outlet: string): string {
  if (article.kindReason !== null) return `Labelled ${article.kind}: ${article.kindReason}.`;
  return `Stored before articles were labelled; cards read it as ${articleKindOf(article, outlet)}.`;
}
