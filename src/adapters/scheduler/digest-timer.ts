// The digest timer: once a minute (shared minute loop on node-cron 4) it asks the core which slots
// are due (runDueDigests). Slots are computed by the core, not by cron, because node-cron skips a day's
// run in a spring-forward gap and remembers nothing across restarts. A pass still running when
// the next minute starts is not doubled; the first pass runs at start (crash recovery).
import type { DigestRunReport } from "../../briefing/digests/run-due-digests.js";
import type { Logger } from "../../briefing/ports.js";
import { type MinuteScheduler, MinuteTimer } from "./minute-timer.js";

export type { MinuteScheduler } from "./minute-timer.js";

export interface DigestTimerOptions {
  /** One pass: runDueDigests with the app's deps. */
  run: () => Promise<DigestRunReport>;
  logger: Logger;
  scheduler?: MinuteScheduler;
}

export class DigestTimer {
  readonly #timer: MinuteTimer;

  constructor(options: DigestTimerOptions) {
    const { run, logger } = options;
    this.#timer = new MinuteTimer({
      name: "briefbot-digests",
      ...(options.scheduler ? { scheduler: options.scheduler } : {}),
      pass: async () => {
        try {
          const report = await run();
          if (report.due > 0 || report.skipped > 0) logger.info({ component: "digests", ...report }, "digest pass");
        } catch (error) {
          // A broken pass (the store is locked, say) must not stop the timer: the next minute retries.
          logger.error({ component: "digests", err: error }, "digest pass failed");
        }
      },
    });
  }

  start(): void {
    this.#timer.start();
  }

  /** Runs one pass unless one is already running (then resolves when that one ends). */
  tick(): Promise<void> {
    return this.#timer.tick();
  }

  /** Stops ticking and waits for a pass in progress. */
  stop(): Promise<void> {
    return this.#timer.stop();
  }
}
