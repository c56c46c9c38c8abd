// The alert timer: one story-alert pass a minute (and one at start) on the shared minute loop;
// a failed pass is logged and the next minute tries again.
import type { AlertPassReport } from "../../briefing/alerts/run-alert-pass.js";
import type { Logger } from "../../briefing/ports.js";
import { type MinuteScheduler, MinuteTimer } from "./minute-timer.js";

export interface AlertTimerOptions {
  run: () => Promise<AlertPassReport>;
  logger: Logger;
  scheduler?: MinuteScheduler;
}

export class AlertTimer {
  readonly #timer: MinuteTimer;

  constructor(options: AlertTimerOptions) {
    const { run, logger } = options;
    this.#timer = new MinuteTimer({
      name: "briefbot-alerts",
      ...(options.scheduler ? { scheduler: options.scheduler } : {}),
      pass: async () => {
        try {
          const report = await run();
          if (report.posted + report.replied + report.held + report.roundups + report.failed + report.paused > 0)
            logger.info({ component: "alerts", ...report }, "alert pass");
        } catch (error) {
          logger.error({ component: "alerts", err: error }, "alert pass failed");
        }
      },
    });
  }

  start(): void {
    this.#timer.start();
  }

  /** Runs one pass unless one is already running (then resolves when that one ends) or the timer stopped. */
  tick(): Promise<void> {
    return this.#timer.tick();
  }

  /** The feed poller may still ask for a pass while serve shuts down: none starts after this. */
  stop(): Promise<void> {
    return this.#timer.stop();
  }
}
