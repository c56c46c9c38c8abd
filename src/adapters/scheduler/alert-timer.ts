// The alert timer: one story-alert pass a minute (and one at start), never two at once in one
// process; a failed pass is logged and the next minute tries again. Built like the digest timer.
import nodeCron from "node-cron";
import type { AlertPassReport } from "../../briefing/alerts/run-alert-pass.js";
import type { Logger } from "../../briefing/ports.js";
import type { MinuteScheduler } from "./digest-timer.js";

export interface AlertTimerOptions {
  run: () => Promise<AlertPassReport>;
  logger: Logger;
  scheduler?: MinuteScheduler;
}

export class AlertTimer {
  readonly #options: AlertTimerOptions;
  #task: ReturnType<MinuteScheduler["schedule"]> | null = null;
  #running: Promise<void> | null = null;
  #stopped = false;

  constructor(options: AlertTimerOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#task) return;
    const scheduler = this.#options.scheduler ?? (nodeCron as unknown as MinuteScheduler);
    this.#task = scheduler.schedule("* * * * *", () => this.tick(), { name: "briefbot-alerts", noOverlap: true });
    void this.tick();
  }

  /** Runs one pass unless one is already running (then resolves when that one ends) or the timer stopped. */
  tick(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
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
      if (report.posted + report.replied + report.held + report.roundups + report.failed + report.paused > 0)
        logger.info({ component: "alerts", ...report }, "alert pass");
    } catch (error) {
      logger.error({ component: "alerts", err: error }, "alert pass failed");
    }
  }

  async stop(): Promise<void> {
    // The feed poller may still ask for a pass while serve shuts down: none starts after this.
    this.#stopped = true;
    const task = this.#task;
    this.#task = null;
    if (task) {
      await task.stop();
      await task.destroy();
    }
    await this.#running;
  }
}
