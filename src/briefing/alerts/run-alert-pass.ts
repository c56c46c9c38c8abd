// One pass of story alerts at `now`: for each channel with watches, cluster the recent window into
// stories, match them against the watches, post new ones (within flood control, else held for a
// round-up), follow stories already posted in their threads, and record what was decided and why.
// Exactly once as digests (decisions 005, 015): claim with a lease, post, record until stored.
// A channel the bot cannot post in pauses its watches and tells their creators (as digests do).
import type { Article } from "../article.js";
import type { Feed } from "../feed.js";
import type { ArticleStore, Clock, EventStore, FeedStore, Logger, PublishFailure, PublishResult } from "../ports.js";
import { type ChannelRef, channelKey } from "../schedule.js";
import { sourceNamer } from "../stories/source-namer.js";
import { replySentence, storyCard } from "./alert-cards.js";
import { type AlertPool, type AlertStory, buildAlertPool, isFreshFor, poolKeyOf } from "./alert-pool.js";
import type { AlertLedger, AlertOutcome, AlertReplyRecord, AlertStoryRecord, WatchStore } from "./alert-ports.js";
import type { AlertPublisher } from "./alert-publisher.js";
import { type AlertCardsDeps, postRoundupIfDue } from "./alert-roundup.js";
import { decideStory, type StoryDecision } from "./decide-story.js";
import { describeQuietHours, inQuietHours } from "./quiet-hours.js";
import { recordUntilStored } from "./record-until-stored.js";
import { type AlertSettings, defaultAlertSettings, describeWatch, type Watch } from "./watch.js";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Decisions every pass reaches again are written while an article is this new (a pass a minute rewrites nothing). */
const OUTCOME_RECENT_MS = 2 * 60 * MINUTE;

export const ALERT_DEFAULTS = {
  /** How long a claim keeps other processes off while its holder posts (as digests). */
  leaseMs: 5 * MINUTE,
  /** A transient failure is tried again after this long. */
  retryDelayMs: 2 * MINUTE,
  /** Attempts at one post or reply before a transient failure counts as failed. */
  maxAttempts: 3,
  /** At most one round-up per channel this often (the overflow of a busy spell). */
  roundupGapMs: 10 * MINUTE,
  /** Ledger entries untouched this long are forgotten (their articles left the window long ago). */
  ledgerRetentionMs: 14 * DAY,
  /** How far back a channel's ledger is read to recognise stories: the pool window and a day. */
  ledgerLookbackMs: 3 * DAY,
  recordRetryMs: 250,
  recordRetryMaxMs: 10_000,
} as const;

export type AlertOptions = { -readonly [K in keyof typeof ALERT_DEFAULTS]: number };

export interface AlertRunDeps {
  watches: WatchStore;
  alerts: AlertLedger;
  articles: ArticleStore;
  feeds: FeedStore;
  /** The outbox: a `watch_paused` event tells a watch's creator when its channel is out of reach. */
  events: EventStore;
  publisher: AlertPublisher;
  clock: Clock;
  logger: Logger;
  /** A unique token per claim (adapters use crypto.randomUUID). */
  newClaimToken: () => string;
  /** Resolves after `ms`: the pause between tries at storing a record. */
  wait: (ms: number) => Promise<void>;
  options?: Partial<AlertOptions>;
  /** Only channels this accepts take part (the console posts its own channel's alerts, no one else's). */
  channels?: (channel: ChannelRef) => boolean;
}

export interface AlertPassReport {
  watches: number;
  channels: number;
  posted: number;
  replied: number;
  edited: number;
  held: number;
  roundups: number;
  failed: number;
  /** Claimed by another process first. */
  contended: number;
  /** Watches paused because their channel could not be posted in. */
  paused: number;
}

const TRANSIENT: readonly PublishFailure[] = ["rate_limited", "error"];
const THREAD_GONE: readonly PublishFailure[] = ["message_gone", "thread_closed"];
/** The channel is gone or closed to the bot: trying every pass would fail every pass, unseen. */
const UNREACHABLE: readonly PublishFailure[] = ["channel_not_found", "not_in_channel", "forbidden"];

interface PassContext {
  deps: AlertRunDeps;
  options: AlertOptions;
  now: number;
  report: AlertPassReport;
  sourceName: (feedId: number) => string;
  outcomes: AlertOutcome[];
}

/** The report of a pass that has done nothing yet: no watches, no posts, no failures. */
export function emptyAlertPassReport(): AlertPassReport {
  return {
    watches: 0,
    channels: 0,
    posted: 0,
    replied: 0,
    edited: 0,
    held: 0,
    roundups: 0,
    failed: 0,
    contended: 0,
    paused: 0,
  };
}

export async function runAlertPass(deps: AlertRunDeps): Promise<AlertPassReport> {
  const options: AlertOptions = { ...ALERT_DEFAULTS, ...deps.options };
  const now = deps.clock.now();
  const report = emptyAlertPassReport();
  const watches = (await deps.watches.activeWatches()).filter((w) => deps.channels?.(w.channel) ?? true);
  report.watches = watches.length;
  if (watches.length === 0) return report;
  const feeds = await deps.feeds.listFeeds();
  const ctx: PassContext = { deps, options, now, report, sourceName: await sourceNamer(deps.feeds), outcomes: [] };
  const pools = new Map<string, Promise<AlertPool>>();
  const poolFor = (watch: Watch) => {
    const key = poolKeyOf(watch);
    let pool = pools.get(key);
    if (!pool) {
      pool = buildAlertPool(deps, { watch, feeds, sourceName: ctx.sourceName, asOf: now });
      pools.set(key, pool);
    }
    return pool;
  };
  const byChannel = new Map<string, Watch[]>();
  for (const watch of watches) {
    const key = channelKey(watch.channel);
    byChannel.set(key, [...(byChannel.get(key) ?? []), watch]);
  }
  report.channels = byChannel.size;
  for (const channelWatches of byChannel.values()) {
    const channel = (channelWatches[0] as Watch).channel;
    try {
      await runChannel(ctx, channel, channelWatches, poolFor, feeds);
    } catch (error) {
      // One channel's trouble (a store error before posting) never stops the others.
      deps.logger.error({ channel: channelKey(channel), err: error }, "alert pass failed for a channel");
    }
  }
  await deps.alerts.recordOutcomes(ctx.outcomes).catch((error: unknown) => {
    deps.logger.warn({ err: error }, "could not record alert outcomes; /watch why may know less");
  });
  await deps.alerts.pruneLedger(now - options.ledgerRetentionMs).catch((error: unknown) => {
    deps.logger.warn({ err: error }, "could not prune the alert ledger");
  });
  return report;
}

interface NewStory {
  story: AlertStory;
  watch: Watch;
  decision: Extract<StoryDecision, { kind: "match" }>;
  topicTerms: string[];
  /** A claim given back earlier (a crash or a transient failure): tried again under its key. */
  retryOf: AlertStoryRecord | null;
  /** Set by postNew when the platform said the channel is out of reach: the reason. */
  unreachable?: string;
}

interface FollowUp {
  record: AlertStoryRecord;
  watch: Watch;
  decision: Extract<StoryDecision, { kind: "match" | "waiting" }>;
  topicTerms: string[];
}

async function runChannel(
  ctx: PassContext,
  channel: ChannelRef,
  watches: Watch[],
  poolFor: (watch: Watch) => Promise<AlertPool>,
  _feeds: readonly Feed[],
): Promise<void> {
  const { deps, now, options } = ctx;
  const settings: AlertSettings =
    (await deps.watches.getAlertSettings(channel)) ?? defaultAlertSettings(channel, "UTC");
  const ledger = await deps.alerts.channelStories(channel, now - options.ledgerLookbackMs);
  const byArticle = new Map<number, AlertStoryRecord>();
  for (const record of ledger) for (const id of record.articleIds) byArticle.set(id, record);

  const fresh: NewStory[] = [];
  const follow = new Map<string, FollowUp>();
  const taken = new Set<string>();
  const noted = new Set<string>();
  for (const watch of watches) {
    const pool = await poolFor(watch);
    for (const story of pool.stories) {
      const ids = story.members.map((m) => m.article.id);
      const record = ids.map((id) => byArticle.get(id)).find((r) => r !== undefined) ?? null;
      const decision = decideStory(watch, story, ctx.sourceName);
      if (record) {
        if (!noted.has(record.storyKey) && ids.some((id) => !record.articleIds.includes(id))) {
          noted.add(record.storyKey);
          await deps.alerts.noteArticles(channel, record.storyKey, ids, now);
        }
        const retry = record.status === "claimed" && (record.leaseUntil ?? 0) <= now;
        if (retry && decision.kind === "match" && !taken.has(record.storyKey)) {
          taken.add(record.storyKey);
          fresh.push({ story, watch, decision, topicTerms: pool.topicTerms, retryOf: record });
        } else if (
          record.status === "posted" &&
          (decision.kind === "match" || decision.kind === "waiting") &&
          !follow.has(record.storyKey)
        ) {
          follow.set(record.storyKey, { record, watch, decision, topicTerms: pool.topicTerms });
        } else if (decision.kind !== "old") {
          const joined =
            record.status === "posted"
              ? decision.fresh.filter((a) => a.fetchedAt > (record.postedAt ?? 0))
              : decision.fresh;
          noteOutcome(ctx, watch, joined, ledgerOutcome(record), record.storyKey, true);
        }
        continue;
      }
      if (decision.kind === "old") continue;
      if (decision.kind === "filtered" || decision.kind === "waiting") {
        noteOutcome(ctx, watch, decision.fresh, { outcome: decision.kind, detail: decision.detail }, null, true);
        continue;
      }
      if (taken.has(story.key)) continue; // an earlier watch of this channel has it: one post per story
      taken.add(story.key);
      fresh.push({ story, watch, decision, topicTerms: pool.topicTerms, retryOf: null });
    }
  }

  const quiet = inQuietHours(settings, now);
  let budget = 0;
  let limitReason = "";
  if (!quiet && fresh.length > 0) {
    const lastMinute = await deps.alerts.countPosts(channel, now - MINUTE);
    const lastDay = await deps.alerts.countPosts(channel, now - DAY);
    budget = Math.max(0, Math.min(settings.perMinute - lastMinute, settings.perDay - lastDay));
    limitReason =
      settings.perDay - lastDay <= 0
        ? `rate limit: ${settings.perDay} posts a day`
        : `rate limit: ${settings.perMinute} ${settings.perMinute === 1 ? "post" : "posts"} a minute`;
  }
  for (const item of fresh) {
    if (item.retryOf === null && (quiet || budget <= 0)) {
      const reason = quiet ? `quiet hours ${describeQuietHours(settings)}` : limitReason;
      await hold(ctx, channel, item, reason);
      continue;
    }
    const posted = await postNew(ctx, channel, item);
    if (posted === "unreachable") {
      // Nothing more for this channel (no other post, reply or round-up) until a watch is resumed.
      await pauseChannel(ctx, channel, watches, item.unreachable ?? "");
      return;
    }
    if (posted === "spent") budget -= 1;
  }

  if (follow.size > 0) {
    const replies = await deps.alerts.replies(channel, [...follow.keys()]);
    for (const item of follow.values()) {
      const refused = await followStory(
        ctx,
        channel,
        item,
        replies.filter((r) => r.storyKey === item.record.storyKey),
      );
      if (refused !== null) {
        await pauseChannel(ctx, channel, watches, refused);
        return;
      }
    }
  }

  if (!quiet) {
    const cardsDeps: AlertCardsDeps = { ...deps, sourceName: ctx.sourceName, options, now };
    const rounded = await postRoundupIfDue(cardsDeps, channel, ctx.report);
    const refused = rounded.find((r) => r.status === "failed" && isUnreachable(r.reason));
    if (refused) await pauseChannel(ctx, channel, watches, refused.reason ?? "");
    for (const record of rounded) {
      const watch = watches.find((w) => w.id === record.watchId);
      if (watch) {
        const articles = await deps.articles.getArticles(record.articleIds);
        noteOutcome(
          ctx,
          watch,
          articles.filter((a) => isFreshFor(a, watch)),
          ledgerOutcome(record),
          record.storyKey,
        );
      }
    }
  }
}

/** What a ledger entry means for the articles of its story, for `/watch why`. */
function ledgerOutcome(record: AlertStoryRecord): Pick<AlertOutcome, "outcome" | "detail"> {
  const at = record.postedAt ?? record.updatedAt;
  switch (record.status) {
    case "posted":
      return { outcome: "joined", detail: `in the story posted at ${iso(at)} (message ${record.messageId ?? "?"})` };
    case "rounded":
      return {
        outcome: "rounded",
        detail: `in the round-up posted at ${iso(at)} (message ${record.messageId ?? "?"})`,
      };
    case "held":
    case "rounding":
      return { outcome: "held", detail: record.reason ?? "held for a round-up" };
    case "failed":
      return { outcome: "failed", detail: record.reason ?? "the post failed" };
    case "claimed":
      return { outcome: "held", detail: `being posted${record.reason ? ` (retrying: ${record.reason})` : ""}` };
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function noteOutcome(
  ctx: PassContext,
  watch: Watch,
  articles: readonly Article[],
  what: Pick<AlertOutcome, "outcome" | "detail">,
  storyKey: string | null,
  /** A decision every pass reaches again (filtered, waiting, joined): written only while the article is new. */
  passive = false,
): void {
  for (const a of articles) {
    if (passive && a.fetchedAt < ctx.now - OUTCOME_RECENT_MS) continue;
    ctx.outcomes.push({ articleId: a.id, watchId: watch.id, ...what, storyKey, at: ctx.now });
  }
}

async function hold(ctx: PassContext, channel: ChannelRef, item: NewStory, reason: string): Promise<void> {
  const { story, watch, decision } = item;
  const card = storyCard(decision.view, ctx.sourceName, item.topicTerms);
  const held = await ctx.deps.alerts.holdStory({
    channel,
    storyKey: story.key,
    watchId: watch.id,
    headline: card.headline,
    articleIds: story.members.map((m) => m.article.id),
    outlets: decision.outlets,
    reason,
    now: ctx.now,
  });
  if (held) ctx.report.held += 1;
  noteOutcome(ctx, watch, decision.fresh, { outcome: "held", detail: reason }, story.key);
}

async function publishSafely(send: () => Promise<PublishResult>): Promise<PublishResult> {
  try {
    return await send();
  } catch (error) {
    // Publishers report the platform's answers as results; a throw may come after the request left.
    return { ok: false, reason: "unconfirmed", detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Posts a new story once: `spent` when the channel's budget went on it (posted, or may have been),
 * `unreachable` when the platform said the channel is gone or closed to the bot.
 */
async function postNew(
  ctx: PassContext,
  channel: ChannelRef,
  item: NewStory,
): Promise<"spent" | "unspent" | "unreachable"> {
  const { deps, options, now, report } = ctx;
  const { story, watch, decision } = item;
  const storyKey = item.retryOf?.storyKey ?? story.key;
  const card = storyCard(decision.view, ctx.sourceName, item.topicTerms);
  const token = deps.newClaimToken();
  const key = { channel, storyKey, token };
  const context = { channel: channelKey(channel), storyKey, watchId: watch.id };
  // The lease starts at the claim, not at the pass's start: a story claimed after a long post in
  // the same pass would otherwise have a lease already over, and the next seat holder post it too.
  const claimedAt = deps.clock.now();
  const claimed = await deps.alerts.claimStory({
    ...key,
    watchId: watch.id,
    headline: card.headline,
    articleIds: story.members.map((m) => m.article.id),
    outlets: decision.outlets,
    now: claimedAt,
    leaseUntil: claimedAt + options.leaseMs,
  });
  if (!claimed) {
    report.contended += 1;
    return "unspent";
  }
  const attempt = (item.retryOf?.attempts ?? 0) + 1;
  const record = (what: Parameters<AlertLedger["settleStory"]>[2]) =>
    recordUntilStored(deps, options, context, "story alert", () => deps.alerts.settleStory(key, now, what));
  const result = await publishSafely(() =>
    deps.publisher.postStory(channel, { watchId: watch.id, storyKey, story: card }),
  );
  if (result.ok) {
    if (!(await record({ status: "posted", messageId: result.messageId })))
      deps.logger.error({ ...context }, "story alert posted after its claim was taken over; it may appear twice");
    report.posted += 1;
    noteOutcome(ctx, watch, decision.fresh, { outcome: "posted", detail: `message ${result.messageId}` }, storyKey);
    return "spent";
  }
  const reason = `${result.reason}: ${result.detail}`;
  if (TRANSIENT.includes(result.reason) && attempt < options.maxAttempts) {
    deps.logger.warn({ ...context, reason }, "story alert failed; retrying later");
    await deps.alerts.releaseStory(key, now + options.retryDelayMs, reason).catch((error: unknown) => {
      deps.logger.error({ ...context, err: error }, "could not give a story alert back; retried when its lease ends");
    });
    noteOutcome(ctx, watch, decision.fresh, { outcome: "held", detail: `retrying: ${reason}` }, storyKey);
    return "unspent";
  }
  const why =
    result.reason === "unconfirmed"
      ? `unconfirmed: ${result.detail}; the platform may have posted it, so it was not sent again`
      : reason;
  deps.logger.error({ ...context, reason: why }, "story alert failed");
  await record({ status: "failed", reason: why });
  report.failed += 1;
  noteOutcome(ctx, watch, decision.fresh, { outcome: "failed", detail: why }, storyKey);
  if (UNREACHABLE.includes(result.reason)) {
    item.unreachable = reason;
    return "unreachable";
  }
  return result.reason === "unconfirmed" ? "spent" : "unspent";
}

function isUnreachable(reason: string | null): boolean {
  return reason !== null && UNREACHABLE.some((code) => reason.startsWith(`${code}:`));
}

/**
 * The channel refused a post: its watches are paused (no pass tries it again until
 * `/watch resume`), and each creator gets a `watch_paused` event (delivered in the channel, else
 * to them directly when the channel stays out of reach).
 */
async function pauseChannel(ctx: PassContext, channel: ChannelRef, watches: readonly Watch[], reason: string) {
  const { deps, now, report } = ctx;
  const paused: Watch[] = [];
  for (const watch of watches) {
    const updated = await deps.watches.updateWatch(watch.id, { pausedAt: now }, now);
    if (updated) paused.push(updated);
  }
  if (paused.length === 0) return;
  report.paused += paused.length;
  deps.logger.warn(
    { channel: channelKey(channel), watches: paused.map((w) => w.id), reason },
    "story alerts cannot be posted in this channel; its watches are paused",
  );
  const byCreator = new Map<string | null, Watch[]>();
  for (const watch of paused) byCreator.set(watch.createdBy, [...(byCreator.get(watch.createdBy) ?? []), watch]);
  for (const [creator, theirs] of byCreator) {
    await deps.events.recordEvent({
      kind: "watch_paused",
      feedId: null,
      origin: { ...channel, userId: creator },
      message: watchPausedMessage(theirs, reason),
      createdAt: now,
    });
  }
}

/** What a watch's creator is told: which watches, why, and how to resume. */
export function watchPausedMessage(watches: readonly Watch[], reason: string): string {
  const which = watches.map((w) => describeWatch(w)).join("; ");
  const resume = watches.map((w) => `/watch resume ${w.id}`).join(", ");
  const noun = watches.length === 1 ? "Watch" : "Watches";
  return (
    `${noun} ${which} ${watches.length === 1 ? "was" : "were"} paused: briefbot could not post a story alert in this channel (${reason}). ` +
    `Check that the channel still exists and that briefbot is in it and may post there, then run ${resume}.`
  );
}

/**
 * Thread replies for outlets the channel has not been told about, then the parent's edit. Returns
 * the platform's answer when it says the channel itself is out of reach (the caller pauses it).
 */
async function followStory(
  ctx: PassContext,
  channel: ChannelRef,
  item: FollowUp,
  replies: readonly AlertReplyRecord[],
): Promise<string | null> {
  const { deps, options, now, report } = ctx;
  const { record, watch, decision } = item;
  const storyKey = record.storyKey;
  const context = { channel: channelKey(channel), storyKey, watchId: watch.id };
  const parent = { channel, messageId: record.messageId ?? "" };
  // Announced: the post's outlets, replies posted or failed (never re-sent), and replies in flight.
  const announced = new Set(record.outlets);
  for (const r of replies) {
    const retry = r.status === "claimed" && (r.leaseUntil ?? 0) <= now;
    if (!retry) announced.add(r.outlet);
  }
  const previous = new Map(replies.map((r) => [r.outlet, r]));
  let stopped = record.repliesStopped;
  if (stopped !== null) {
    const later = decision.fresh.filter((a) => a.fetchedAt > (record.postedAt ?? 0));
    noteOutcome(ctx, watch, later, { outcome: "joined", detail: `replies stopped: ${stopped}` }, storyKey, true);
    return null;
  }
  const firstByOutlet = new Map<string, Article>();
  for (const a of [...decision.view].sort((x, y) => x.publishedAt - y.publishedAt || x.id - y.id)) {
    const outlet = ctx.sourceName(a.feedId);
    if (!announced.has(outlet) && !firstByOutlet.has(outlet) && isFreshFor(a, watch)) firstByOutlet.set(outlet, a);
  }
  const quiet = new Set<number>();
  let unreachable: string | null = null;
  for (const [outlet, article] of firstByOutlet) {
    const token = deps.newClaimToken();
    const key = { channel, storyKey, token, outlet };
    // As a story's claim: the lease starts when the reply is claimed, not when the pass began.
    const claimedAt = deps.clock.now();
    const claim = { ...key, articleId: article.id, now: claimedAt, leaseUntil: claimedAt + options.leaseMs };
    if (!(await deps.alerts.claimReply(claim))) {
      report.contended += 1;
      continue;
    }
    const result = await publishSafely(() =>
      deps.publisher.replyInThread(parent, {
        watchId: watch.id,
        storyKey,
        source: outlet,
        url: article.url,
        title: article.title,
        sentence: replySentence(article, ctx.sourceName, item.topicTerms),
      }),
    );
    const settle = (what: Parameters<AlertLedger["settleReply"]>[2]) =>
      recordUntilStored(deps, options, { ...context, outlet }, "thread reply", () =>
        deps.alerts.settleReply(key, now, what),
      );
    if (result.ok) {
      await settle({ status: "posted", messageId: result.messageId });
      announced.add(outlet);
      report.replied += 1;
      quiet.add(article.id);
      noteOutcome(
        ctx,
        watch,
        [article],
        { outcome: "replied", detail: `+ ${outlet} in the thread of message ${parent.messageId}` },
        storyKey,
      );
      continue;
    }
    const reason = `${result.reason}: ${result.detail}`;
    const attempt = (previous.get(outlet)?.attempts ?? 0) + 1;
    if (TRANSIENT.includes(result.reason) && attempt < options.maxAttempts) {
      await deps.alerts.releaseReply(key, now + options.retryDelayMs, reason).catch((error: unknown) => {
        deps.logger.error(
          { ...context, err: error },
          "could not give a thread reply back; retried when its lease ends",
        );
      });
      continue;
    }
    await settle({ status: "failed", reason });
    report.failed += 1;
    if (result.reason === "unconfirmed") announced.add(outlet);
    if (UNREACHABLE.includes(result.reason)) {
      unreachable = reason;
      break;
    }
    if (THREAD_GONE.includes(result.reason)) {
      stopped = reason;
      await deps.alerts.stopReplies(channel, storyKey, reason, now);
      deps.logger.warn({ ...context, reason }, "story thread unavailable; no more replies for it in this channel");
      break;
    }
  }
  // Articles that joined after the post and got no reply of their own (same outlet, or replies
  // stopped): the post's own articles keep "posted", replied ones keep "replied".
  const repliedIds = new Set(replies.map((r) => r.articleId));
  const others = decision.fresh.filter(
    (a) => !quiet.has(a.id) && !repliedIds.has(a.id) && a.fetchedAt > (record.postedAt ?? 0),
  );
  noteOutcome(
    ctx,
    watch,
    others,
    {
      outcome: "joined",
      detail: `in the story posted at ${iso(record.postedAt ?? record.updatedAt)} (message ${parent.messageId})`,
    },
    storyKey,
    true,
  );
  if (unreachable !== null) return unreachable;
  if (stopped !== null || announced.size <= record.editedSources) return null;
  const card = storyCard(decision.view, ctx.sourceName, item.topicTerms);
  const edit = await publishSafely(() =>
    deps.publisher.editStory(parent, { watchId: watch.id, storyKey, story: card }),
  );
  if (edit.ok || edit.reason === "unconfirmed") {
    await deps.alerts.markEdited(channel, storyKey, announced.size, now);
    if (edit.ok) report.edited += 1;
  } else if (UNREACHABLE.includes(edit.reason)) {
    return `${edit.reason}: ${edit.detail}`;
  } else if (THREAD_GONE.includes(edit.reason)) {
    await deps.alerts.stopReplies(channel, storyKey, `${edit.reason}: ${edit.detail}`, now);
  } else {
    deps.logger.warn(
      { ...context, reason: `${edit.reason}: ${edit.detail}` },
      "could not edit a story alert; tried again next pass",
    );
  }
  return null;
}
