// One polling pass: every feed that is due is fetched once, several at a time (the fetcher keeps
// one request per host), and each outcome is reported as it lands so a terminal can show progress.
// With a lease, the due feeds are leased first, so several processes on one database split them.
// A StorageError (the database failed, not a feed) stops the pass: no further feed is started, the
// ones in flight finish, and the pass rejects with that error.
import type { IngestDeps, IngestOutcome } from "./ingest-feed.js";
import { ingestFeed } from "./ingest-feed.js";

export interface PollOptions {
  /** How many feeds are fetched at once (different hosts; one host is serialized by the fetcher). */
  concurrency: number;
  /** At most this many feeds in one pass; the rest wait for the next pass. */
  limit: number;
  onOutcome?: (outcome: IngestOutcome, done: number, total: number) => void;
  /**
   * Lease the due feeds to `holder` for `ms` (FeedStore.leaseDueFeeds) instead of only listing them:
   * what `serve` and `ingest` do, so instances sharing a database never fetch one feed twice.
   * Each lease starts when it is taken; `ms` must outlast one fetch, or the caller renews the
   * holder's leases while the pass runs (FeedStore.renewFeedLeases, as serve and ingest do); a
   * holder that dies hands its feeds on when its leases end.
   */
  lease?: { holder: string; ms: number };
}

export interface PollSummary {
  due: number;
  stored: number;
  notModified: number;
  failed: number;
  disabled: number;
  inserted: number;
  updated: number;
}

/**
 * Feeds leased at a time when leasing. One by one, as workers free up: a process that leased the
 * whole backlog at once would leave nothing for the other instances sharing the database.
 */
export const LEASE_BATCH = 1;

export async function pollDueFeeds(deps: IngestDeps, options: PollOptions): Promise<PollSummary> {
  const now = deps.clock.now();
  const summary: PollSummary = {
    due: 0,
    stored: 0,
    notModified: 0,
    failed: 0,
    disabled: 0,
    inserted: 0,
    updated: 0,
  };
  let done = 0;
  let stopped: { error: unknown } | null = null;
  const ingest = async (feed: Parameters<typeof ingestFeed>[1], total: () => number): Promise<void> => {
    const outcome = await ingestFeed(deps, feed);
    tally(summary, outcome);
    done += 1;
    options.onOutcome?.(outcome, done, total());
  };
  /** Runs the workers; the first error stops the others from starting more feeds, then is thrown. */
  const runWorkers = async (count: number, work: () => Promise<void>): Promise<void> => {
    const worker = async () => {
      try {
        await work();
      } catch (error) {
        stopped ??= { error };
      }
    };
    await Promise.all(Array.from({ length: count }, worker));
    if (stopped) throw stopped.error;
  };
  const { lease } = options;
  if (lease) {
    // What is due now, for progress only: other instances may lease some of it first.
    const expected = (await deps.feeds.dueFeeds(now, options.limit)).length;
    const total = () => Math.max(expected, summary.due);
    const worker = async (): Promise<void> => {
      while (summary.due < options.limit && !stopped) {
        const want = Math.min(LEASE_BATCH, options.limit - summary.due);
        // The clock of this moment, not the pass's start: a lease taken late in a long pass would
        // otherwise end early, even before it began, and another instance fetch the feed as well.
        const batch = await deps.feeds.leaseDueFeeds(deps.clock.now(), want, lease.holder, lease.ms);
        if (batch.length === 0) return;
        summary.due += batch.length;
        for (const feed of batch) await ingest(feed, total);
      }
    };
    await runWorkers(Math.max(1, Math.min(options.concurrency, expected)), worker);
    return summary;
  }
  const due = await deps.feeds.dueFeeds(now, options.limit);
  summary.due = due.length;
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < due.length && !stopped; i = next++) {
      const feed = due[i];
      if (feed) await ingest(feed, () => due.length);
    }
  };
  await runWorkers(Math.max(1, Math.min(options.concurrency, due.length)), worker);
  return summary;
}

function tally(summary: PollSummary, outcome: IngestOutcome): void {
  if (outcome.status === "stored") {
    summary.stored += 1;
    summary.inserted += outcome.result.inserted;
    summary.updated += outcome.result.updated;
  } else if (outcome.status === "not-modified") {
    summary.notModified += 1;
  } else {
    summary.failed += 1;
    if (outcome.disabled) summary.disabled += 1;
  }
}
