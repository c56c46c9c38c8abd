// The digest timer: node-cron 4 ticks once a minute and asks the core which slots are due
// (runDueDigests). Slots are computed by the core, not by cron, because node-cron skips a day's
// run in a spring-forward gap and remembers nothing across restarts. A pass still running when
// the next minute starts is not doubled; the first pass runs at start (crash recovery).
import nodeCron from "node-cron";
import type { DigestRunReport } from "../../briefing/digests/run-due-digests.js";
import type { Logger } from "../../briefing/ports.js";

/** The slice of node-cron the timer uses, so tests can drive ticks with a fake. */
export interface MinuteScheduler {
  schedule(
    expression: string,
    tick: () => Promise<void>,
    options: { name: string; noOverlap: boolean },
  ): {
    stop(): void | Promise<void>;
    destroy(): void | Promise<void>;
  };
}

export interface DigestTimerOptions {
  /** One pass: runDueDigests with the app's deps. */
  run: () => Promise<DigestRunReport>;
  logger: Logger;
  scheduler?: MinuteScheduler;
}

export class DigestTimer {
  readonly #options: DigestTimerOptions;
  #task: ReturnType<MinuteScheduler["schedule"]> | null = null;
  #running: Promise<void> | null = null;

  constructor(options: DigestTimerOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#task) return;
    const scheduler = this.#options.scheduler ?? (nodeCron as unknown as MinuteScheduler);
    // Second 0 of every minute; node-cron's own noOverlap backs up the guard in tick().
    this.#task = scheduler.schedule("* * * * *", () => this.tick(), { name: "briefbot-digests", noOverlap: true });
    void this.tick();
  }

  /** Runs one pass unless one is already running (then resolves when that one ends). */
  tick(): Promise<void> {
    if (this.#running) return this.#running;
    this.#running = this.#pass().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #pass(): Promise<void> {
    const { logger } = this.#options;
    try {
      const report = await this.#options.run();
      if (report.due > 0 || report.skipped > 0) logger.info({ component: "digests", ...report }, "digest pass");
    } catch (error) {
      // A broken pass (the store is locked, say) must not stop the timer: the next minute retries.
      logger.error({ component: "digests", err: error }, "digest pass failed");
    }
  }

  /** Stops ticking and waits for a pass in progress. */
  async stop(): Promise<void> {
    const task = this.#task;
    this.#task = null;
    if (task) {
      await task.stop();
      await task.destroy();
    }
    await this.#running;
  }
}
