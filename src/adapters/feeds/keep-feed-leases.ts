// Keeps a polling pass's feed leases alive: every third of the lease, each lease the holder still
// holds (the feeds it is fetching) is extended, so a fetch slowed by a loaded machine keeps its feed.
import type { Clock, FeedStore, Logger } from "../../briefing/ports.js";

/**
 * Runs `pass` while renewing `lease.holder`'s feed leases. Without renewal a lease had to outlast
 * the slowest fetch (queued behind its host, parsed, stored); with it, only a holder that died or
 * froze for a whole lease lets another instance fetch its feed again.
 */
export async function keepFeedLeases<T>(
  deps: { feeds: FeedStore; clock: Clock; logger: Logger },
  lease: { holder: string; ms: number },
  pass: () => Promise<T>,
): Promise<T> {
  let renewing: Promise<void> | null = null;
  const timer = setInterval(
    () => {
      // One renewal at a time: a database slower than the interval gets no queue of them.
      renewing ??= deps.feeds
        .renewFeedLeases(lease.holder, deps.clock.now() + lease.ms)
        .then(
          () => undefined,
          (error: unknown) => {
            // The lease may lapse and another instance fetch the feed too: wasted, never lost.
            deps.logger.warn({ err: error, holder: lease.holder }, "could not renew feed leases");
          },
        )
        .finally(() => {
          renewing = null;
        });
    },
    Math.max(1, Math.floor(lease.ms / 3)),
  );
  try {
    return await pass();
  } finally {
    clearInterval(timer);
    await renewing;
  }
}
