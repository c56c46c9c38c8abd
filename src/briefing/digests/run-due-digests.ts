// One pass of scheduled digests at `now`: which slots are due, claim each in the delivery ledger,
// build its card (one story pool per topic per pass, shared), publish, record the outcome. Missed
// slots beyond the grace window are recorded as skipped; one channel's failure never stops the others.
// A post the platform may have accepted is never sent again: its record is retried until stored.

import { countNoun } from "../commands/count-noun.js";
import type { DigestCard } from "../digest-card.js";
import type {
  Clock,
  DeliveryLedger,
  EventStore,
  Logger,
  Publisher,
  PublishFailure,
  PublishResult,
  ScheduleStore,
  SlotHistory,
} from "../ports.js";
import { channelKey, formatDays, formatMinuteOfDay, type Schedule } from "../schedule.js";
import {
  assembleDigestCard,
  buildStoryPool,
  type DigestContentDeps,
  FIRST_DIGEST_SPAN_MS,
  MAX_DIGEST_SPAN_MS,
  poolKey,
  type StoryPool,
  selectedArticleIds,
  selectStories,
} from "./build-digest.js";
import { slotsBetween } from "./schedule-slots.js";
import { formatUtc } from "./time-format.js";

const MINUTE = 60_000;

export const DIGEST_DEFAULTS = {
  /** How late a slot may still be posted (after downtime); older ones are skipped. The issue's 2 h. */
  graceMs: 120 * MINUTE,
  /**
   * How long a claim keeps others off while its holder posts. Longer than any one post takes
   * (platform clients wait out rate limits for a few minutes at most), short enough that a
   * crash is retried well within the grace window.
   */
  leaseMs: 5 * MINUTE,
  /** A transient failure (rate limit, network) is tried again after this long, within the grace window. */
  retryDelayMs: 2 * MINUTE,
  /** Attempts per slot before a transient failure counts as a failed slot. */
  maxAttempts: 3,
  /** Failed slots in a row after which a schedule pauses (the issue's 3). */
  pauseAfterFailures: 3,
  /** Posts in flight at once: channels are independent, and platform clients pace each one. */
  concurrency: 8,
  /** How far back a pass looks for missed slots to record: a week of downtime is explained. */
  catchUpMs: 7 * 24 * 60 * MINUTE,
  /** First wait before storing a post's record again (a locked or unreachable store); doubles each time. */
  recordRetryMs: 250,
  /** The longest wait between two tries at storing a post's record. */
  recordRetryMaxMs: 10_000,
} as const;

export type DigestOptions = { -readonly [K in keyof typeof DIGEST_DEFAULTS]: number };

export interface DigestRunDeps extends DigestContentDeps {
  schedules: ScheduleStore;
  deliveries: DeliveryLedger;
  events: EventStore;
  publisher: Publisher;
  clock: Clock;
  logger: Logger;
  /** A unique token per claim attempt (adapters use crypto.randomUUID; the core draws no randomness). */
  newClaimToken: () => string;
  /** Resolves after `ms` (adapters use a timer): the pause between tries at storing a record. */
  wait: (ms: number) => Promise<void>;
  options?: Partial<DigestOptions>;
}

export interface DigestRunReport {
  /** Slots this pass tried to deliver (due now, or a crashed or retried claim). */
  due: number;
  posted: number;
  quiet: number;
  failed: number;
  /** Released after a transient failure; tried again on a later pass. */
  retrying: number;
  skipped: number;
  /** Claimed by another process first (or the schedule was paused or removed meanwhile). */
  contended: number;
  paused: number;
  /** Story pools built: one per topic and span, shared by every schedule on it. */
  pools: number;
}

interface WorkItem {
  schedule: Schedule;
  slotAt: number;
  /** This attempt's number (a retry of a crashed or released claim counts on). */
  attempt: number;
  since: number;
}

const TRANSIENT: readonly PublishFailure[] = ["rate_limited", "error"];

export async function runDueDigests(deps: DigestRunDeps): Promise<DigestRunReport> {
  const options: DigestOptions = { ...DIGEST_DEFAULTS, ...deps.options };
  const now = deps.clock.now();
  const report: DigestRunReport = {
    due: 0,
    posted: 0,
    quiet: 0,
    failed: 0,
    retrying: 0,
    skipped: 0,
    contended: 0,
    paused: 0,
    pools: 0,
  };
  const schedules = await deps.schedules.activeSchedules();
  const byId = new Map(schedules.map((s) => [s.id, s]));
  const history = new Map(
    (await deps.deliveries.slotHistory(schedules.map((s) => s.id))).map((h) => [h.scheduleId, h]),
  );
  const work: WorkItem[] = [];
  const skip = async (scheduleId: number, slotAt: number, reason: string) => {
    if (await deps.deliveries.skipSlot({ scheduleId, slotAt }, reason, now)) {
      report.skipped += 1;
      deps.logger.warn({ scheduleId, slot: formatUtc(slotAt), reason }, "digest slot skipped");
    }
  };

  // Claims whose lease ended: the holder crashed between claim and post, or released it for a retry.
  for (const claim of await deps.deliveries.expiredClaims(now)) {
    const schedule = byId.get(claim.scheduleId);
    if (!schedule) continue; // paused: the claim stays until resume or removal
    const why = claim.reason ?? "the process posting it stopped before recording a result";
    if (now - claim.slotAt > options.graceMs) {
      await skip(claim.scheduleId, claim.slotAt, `not posted within the grace window: ${why}`);
    } else {
      work.push({
        schedule,
        slotAt: claim.slotAt,
        attempt: claim.attempts + 1,
        since: sinceFor(history.get(schedule.id), claim.slotAt),
      });
    }
  }

  for (const schedule of schedules) {
    const past = history.get(schedule.id);
    const after = Math.max(
      schedule.activeFrom,
      past?.latestSlotAt ?? Number.NEGATIVE_INFINITY,
      now - options.catchUpMs,
    );
    const slots = slotsBetween(schedule, after, now);
    const latest = slots.at(-1);
    for (const slotAt of slots) {
      const late = now - slotAt;
      if (late > options.graceMs) {
        await skip(
          schedule.id,
          slotAt,
          `missed: briefbot was not running or not ticking at ${formatUtc(slotAt)}, and ${Math.round(late / MINUTE)} minutes late is beyond the ${Math.round(options.graceMs / MINUTE)}-minute grace window`,
        );
      } else if (slotAt !== latest) {
        await skip(schedule.id, slotAt, `superseded by the later slot at ${formatUtc(latest ?? slotAt)}`);
      } else {
        work.push({ schedule, slotAt, attempt: 1, since: sinceFor(past, slotAt) });
      }
    }
  }

  report.due = work.length;
  const pools = new Map<string, Promise<StoryPool>>();
  const cards = new Map<string, DigestCard>();
  const poolFor = (item: WorkItem): Promise<StoryPool> => {
    const key = poolKey(item.schedule.topic, now - item.since);
    let pool = pools.get(key);
    if (!pool) {
      report.pools += 1;
      pool = buildStoryPool(deps, { topic: item.schedule.topic, asOf: now, spanMs: now - item.since });
      pools.set(key, pool);
    }
    return pool;
  };

  let next = 0;
  const worker = async () => {
    for (let i = next++; i < work.length; i = next++) {
      const item = work[i];
      if (item) await deliver(deps, options, now, item, poolFor, cards, report);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, work.length)) }, worker));
  return report;
}

/** Where "new since the previous digest" starts: the last posted or quiet slot, within bounds. */
function sinceFor(past: SlotHistory | undefined, slotAt: number): number {
  const delivered = past?.latestDeliveredAt ?? null;
  if (delivered === null || delivered >= slotAt) return slotAt - FIRST_DIGEST_SPAN_MS;
  return Math.max(delivered, slotAt - MAX_DIGEST_SPAN_MS);
}

async function deliver(
  deps: DigestRunDeps,
  options: DigestOptions,
  now: number,
  item: WorkItem,
  poolFor: (item: WorkItem) => Promise<StoryPool>,
  cards: Map<string, DigestCard>,
  report: DigestRunReport,
): Promise<void> {
  const { schedule, slotAt } = item;
  const context = { scheduleId: schedule.id, slot: formatUtc(slotAt), channel: channelKey(schedule.target) };
  const token = deps.newClaimToken();
  const key = { scheduleId: schedule.id, slotAt, token };
  // The lease starts at the claim, not at the run's start: a claim made late in a long run would
  // otherwise be over early (or before it began) and another instance post the slot as well.
  const claimedAt = deps.clock.now();
  const claimed = await deps.deliveries.claimSlot({ ...key, now: claimedAt, leaseUntil: claimedAt + options.leaseMs });
  if (!claimed) {
    report.contended += 1;
    return;
  }
  let selection: ReturnType<typeof selectStories>;
  let card: DigestCard;
  try {
    const pool = await poolFor(item);
    const seen = new Set(await deps.deliveries.postedArticleIds(schedule.target, pool.since));
    selection = selectStories(pool, seen, item.since, schedule.maxStories);
    if (selection.length === 0 && schedule.quiet) {
      if (await deps.deliveries.settleSlot({ ...key, at: now }, { status: "quiet" })) report.quiet += 1;
      return;
    }
    // Channels with the same pool, stories and span get one card object (most do on a busy minute).
    const cardKey = `${poolKey(schedule.topic, now - item.since)}|${item.since}|${selection
      .map((s) => `${s.story.ranked.members[0]?.article.id}${s.updated ? "u" : ""}`)
      .join(",")}`;
    const shared = cards.get(cardKey);
    card = shared ?? assembleDigestCard(pool, selection, item.since);
    if (!shared) cards.set(cardKey, card);
  } catch (error) {
    // Our own bug or the store, before anything was sent: not the channel's fault, and nothing can
    // appear twice, so it is retried like a transient failure.
    const reason = `error: ${error instanceof Error ? error.message : String(error)}`;
    deps.logger.error({ ...context, err: error }, "digest delivery failed before posting");
    await giveBack(deps, options, now, item, token, reason, report);
    return;
  }

  let result: PublishResult;
  try {
    result = await deps.publisher.publish(schedule.target, card, { scheduleId: schedule.id, slotAt });
  } catch (error) {
    // Publishers report the platform's answers as results; a throw may come after the request left.
    result = { ok: false, reason: "unconfirmed", detail: error instanceof Error ? error.message : String(error) };
  }

  if (result.ok) {
    const { messageId } = result;
    // Separate from the post: whatever the store does now, the message is in the channel, so the
    // slot is never given back; the record is tried again until it is stored.
    const settled = await recordUntilStored(deps, options, context, "posted", () =>
      deps.deliveries.settleSlot(
        { ...key, at: now },
        { status: "posted", messageId, channel: schedule.target, articleIds: selectedArticleIds(selection) },
      ),
    );
    if (!settled)
      deps.logger.error({ ...context, messageId }, "digest posted after its claim was taken over; it may appear twice");
    report.posted += 1;
    if (schedule.consecutiveFailures > 0) {
      await deps.schedules.updateSchedule(schedule.id, { consecutiveFailures: 0 }).catch((error: unknown) => {
        deps.logger.warn({ ...context, err: error }, "could not reset the schedule's failure count");
      });
    }
    return;
  }
  const reason = `${result.reason}: ${result.detail}`;
  if (result.reason === "unconfirmed") {
    // The platform may have posted it: recorded as failed (never released), so it is not sent again.
    deps.logger.error({ ...context, reason }, "digest post unconfirmed; not sending it again");
    const settled = await recordUntilStored(deps, options, context, "failed", () =>
      deps.deliveries.settleSlot({ ...key, at: now }, { status: "failed", reason: unconfirmedReason(result.detail) }),
    );
    if (settled) await afterFailure(deps, options, now, item, reason, report);
    return;
  }
  if (TRANSIENT.includes(result.reason)) {
    await giveBack(deps, options, now, item, token, reason, report);
    return;
  }
  await failSlot(deps, options, now, item, token, reason, report).catch((error: unknown) => {
    // The claim expires after its lease and the slot is tried again: nothing was posted.
    deps.logger.error({ ...context, err: error }, "could not record a failed digest slot");
  });
}

/** What the ledger says about an unconfirmed post, for `/digest list` and whoever reads it. */
function unconfirmedReason(detail: string): string {
  return `unconfirmed: ${detail}; the platform may have posted it, so it was not sent again`;
}

/**
 * Stores the record of a post that happened (or may have): tried until the store takes it or says
 * the claim is no longer ours, with a growing pause between tries. A crash before it lands is the
 * one way left to post a slot twice (decision 005).
 */
async function recordUntilStored(
  deps: DigestRunDeps,
  options: DigestOptions,
  context: Record<string, unknown>,
  what: "posted" | "failed",
  record: () => Promise<boolean>,
): Promise<boolean> {
  let pause = options.recordRetryMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await record();
    } catch (error) {
      deps.logger.error(
        { ...context, attempt, retryInMs: pause, err: error },
        `could not record a digest as ${what}; trying again (it is not posted again)`,
      );
    }
    await deps.wait(pause);
    pause = Math.min(pause * 2, options.recordRetryMaxMs);
  }
}

/** Gives the claim back for a retry (or fails the slot when retries are used up); a store error leaves it to its lease. */
async function giveBack(
  deps: DigestRunDeps,
  options: DigestOptions,
  now: number,
  item: WorkItem,
  token: string,
  reason: string,
  report: DigestRunReport,
): Promise<void> {
  try {
    if (await retryLater(deps, options, now, item, token, reason)) report.retrying += 1;
    else await failSlot(deps, options, now, item, token, reason, report);
  } catch (error) {
    // Nothing was posted: once the lease ends, a later pass claims the slot again.
    deps.logger.error(
      { scheduleId: item.schedule.id, slot: formatUtc(item.slotAt), err: error },
      "could not give a digest slot back for a retry; it is retried when its lease ends",
    );
  }
}

/** Releases the claim for another attempt when attempts and the grace window allow; false otherwise. */
async function retryLater(
  deps: DigestRunDeps,
  options: DigestOptions,
  now: number,
  item: WorkItem,
  token: string,
  reason: string,
): Promise<boolean> {
  const retryAt = now + options.retryDelayMs;
  if (item.attempt >= options.maxAttempts || retryAt - item.slotAt > options.graceMs) return false;
  deps.logger.warn(
    { scheduleId: item.schedule.id, slot: formatUtc(item.slotAt), reason },
    "digest post failed; retrying later",
  );
  return deps.deliveries.releaseSlot({ scheduleId: item.schedule.id, slotAt: item.slotAt, token }, retryAt, reason);
}

async function failSlot(
  deps: DigestRunDeps,
  options: DigestOptions,
  now: number,
  item: WorkItem,
  token: string,
  reason: string,
  report: DigestRunReport,
): Promise<void> {
  const { schedule, slotAt } = item;
  const settled = await deps.deliveries.settleSlot(
    { scheduleId: schedule.id, slotAt, token, at: now },
    { status: "failed", reason },
  );
  if (settled) await afterFailure(deps, options, now, item, reason, report);
}

/** Counts a failed slot against its schedule and pauses the schedule after too many in a row. */
async function afterFailure(
  deps: DigestRunDeps,
  options: DigestOptions,
  now: number,
  item: WorkItem,
  reason: string,
  report: DigestRunReport,
): Promise<void> {
  const { schedule, slotAt } = item;
  report.failed += 1;
  try {
    const failures = await deps.schedules.recordScheduleFailure(schedule.id);
    deps.logger.warn({ scheduleId: schedule.id, slot: formatUtc(slotAt), reason, failures }, "digest slot failed");
    if (failures < options.pauseAfterFailures) return;
    const pausedReason = `${countNoun(failures, "digest")} in a row could not be posted; the last error was ${reason}`;
    await deps.schedules.updateSchedule(schedule.id, { pausedAt: now, pausedReason });
    await deps.events.recordEvent({
      kind: "schedule_paused",
      feedId: null,
      origin: { ...schedule.target, userId: schedule.createdBy },
      message: pausedMessage(schedule, failures, reason),
      createdAt: now,
    });
    report.paused += 1;
  } catch (error) {
    deps.logger.error({ scheduleId: schedule.id, err: error }, "could not count a failed digest slot");
  }
}

/** What the creator (or the workspace's admins) are told: which digest, why, and how to resume. */
export function pausedMessage(schedule: Schedule, failures: number, reason: string): string {
  const what = `Digest #${schedule.id} (${formatMinuteOfDay(schedule.minuteOfDay)} ${schedule.timeZone}, ${formatDays(schedule.days)}, ${schedule.topic ?? "all feeds"})`;
  return (
    `${what} was paused: its last ${countNoun(failures, "digest")} could not be posted in this channel (${reason}). ` +
    "Check that the channel still exists and that briefbot is in it and may post there, " +
    `then run /digest resume ${schedule.id}.`
  );
}
