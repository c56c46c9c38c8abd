// The one post for many stories: flood control's overflow ("12 more stories") and the summary of
// what arrived during quiet hours. Held stories are taken in one atomic step, so with several
// instances each held story goes into one round-up only.
import type { CardStory } from "../digest-card.js";
import type { ArticleStore, Clock, Logger, PublishFailure } from "../ports.js";
import { type ChannelRef, channelKey } from "../schedule.js";
import { roundupCard, storyCard } from "./alert-cards.js";
import type { AlertLedger, AlertStoryRecord } from "./alert-ports.js";
import type { AlertPublisher } from "./alert-publisher.js";
import { recordUntilStored } from "./record-until-stored.js";

export interface AlertCardsDeps {
  alerts: AlertLedger;
  articles: ArticleStore;
  publisher: AlertPublisher;
  logger: Logger;
  clock: Clock;
  newClaimToken: () => string;
  wait: (ms: number) => Promise<void>;
  sourceName: (feedId: number) => string;
  now: number;
  options: { leaseMs: number; roundupGapMs: number; recordRetryMs: number; recordRetryMaxMs: number };
}

const TRANSIENT: readonly PublishFailure[] = ["rate_limited", "error"];

/** Posts the channel's held stories as one round-up when one is due; returns the stories it settled. */
export async function postRoundupIfDue(
  deps: AlertCardsDeps,
  channel: ChannelRef,
  report: { roundups: number; failed: number },
): Promise<AlertStoryRecord[]> {
  const { now, options } = deps;
  const last = await deps.alerts.lastRoundup(channel);
  if (last !== null && now - last.postedAt < options.roundupGapMs) return [];
  const token = deps.newClaimToken();
  // The lease starts at the claim, not at the pass's start: the round-up comes after the pass's
  // posts and replies, and a lease counted from before them could be over before it began.
  const claimedAt = deps.clock.now();
  const held = await deps.alerts.claimHeld(channel, token, claimedAt, claimedAt + options.leaseMs);
  if (held.length === 0) return [];
  const context = { channel: channelKey(channel), stories: held.length };
  const ordered = [...held].sort((a, b) => a.createdAt - b.createdAt);
  const quiet = ordered.some((r) => r.reason?.startsWith("quiet hours") === true);
  const stories: CardStory[] = [];
  for (const record of ordered.slice(0, 10)) {
    const articles = await deps.articles.getArticles(record.articleIds);
    if (articles.length > 0) stories.push(storyCard(articles, deps.sourceName, []));
  }
  const card = roundupCard(stories, held.length, quiet, now);
  let result: Awaited<ReturnType<AlertPublisher["postRoundup"]>>;
  try {
    result = await deps.publisher.postRoundup(channel, card, `roundup:${token}`);
  } catch (error) {
    result = { ok: false, reason: "unconfirmed", detail: error instanceof Error ? error.message : String(error) };
  }
  const settle = (what: Parameters<AlertLedger["settleRoundup"]>[3]) =>
    recordUntilStored(deps, options, context, "round-up", async () => {
      await deps.alerts.settleRoundup(channel, token, now, what);
      return true;
    });
  if (result.ok) {
    await settle({ status: "posted", messageId: result.messageId });
    report.roundups += 1;
    return held.map((r) => ({
      ...r,
      status: "rounded",
      messageId: result.ok ? result.messageId : null,
      postedAt: now,
    }));
  }
  const reason = `${result.reason}: ${result.detail}`;
  if (TRANSIENT.includes(result.reason)) {
    deps.logger.warn({ ...context, reason }, "round-up failed; its stories wait for the next one");
    await deps.alerts.releaseRoundup(channel, token, reason);
    return [];
  }
  deps.logger.error({ ...context, reason }, "round-up failed");
  await settle({ status: "failed", reason });
  report.failed += 1;
  return held.map((r) => ({ ...r, status: "failed", reason }));
}
