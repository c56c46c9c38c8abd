// The feed timer: every few seconds asks the core which feeds are due and ingests them; prunes
// old articles hourly. Passes never overlap, and stop() waits for the running one to finish.

import { isStorageError } from "../../briefing/errors.js";
import type { IngestDeps } from "../../briefing/feeds/ingest-feed.js";
import { pollDueFeeds } from "../../briefing/feeds/poll-due-feeds.js";
import { keepFeedLeases } from "./keep-feed-leases.js";

export interface FeedPollerOptions {
  retentionDays: number;
  pruneArticles: (cutoff: number) => Promise<number>;
  /** How often the due list is checked; feeds carry their own intervals, this is only the grain. */
  tickMs?: number;
  concurrency?: number;
  /** Leases due feeds under this holder for `ms` (see pollDueFeeds), renewed during a pass; absent: unleased. */
  lease?: { holder: string; ms: number };
  /** Called after a pass that stored new articles (serve runs a story-alert pass then). */
  afterNewArticles?: (inserted: number) => void;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

export class FeedPoller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private lastPrune = 0;

  constructor(
    private readonly deps: IngestDeps,
    private readonly options: FeedPollerOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One pass now (also what each tick runs). */
  async tick(): Promise<void> {
    const now = this.deps.clock.now();
    try {
      const { lease } = this.options;
      const pass = () =>
        pollDueFeeds(this.deps, {
          concurrency: this.options.concurrency ?? 8,
          limit: 1000,
          ...(lease ? { lease } : {}),
        });
      const summary = await (lease ? keepFeedLeases(this.deps, lease, pass) : pass());
      if (summary.inserted > 0) this.options.afterNewArticles?.(summary.inserted);
      if (now - this.lastPrune >= HOUR) {
        this.lastPrune = now;
        const pruned = await this.options.pruneArticles(now - this.options.retentionDays * DAY);
        if (pruned > 0) this.deps.logger.info({ pruned }, "pruned articles past retention");
      }
    } catch (error) {
      // A store outage must not kill the loop; the next tick tries again. The pass stopped at the
      // first StorageError without counting it against any feed; its message names the fix.
      const message = isStorageError(error) ? `feed poll pass stopped: ${error.message}` : "feed poll pass failed";
      this.deps.logger.error({ err: error }, message);
    }
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => this.schedule(this.options.tickMs ?? 15_000));
    }, delay);
  }
}
