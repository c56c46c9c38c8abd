// One pass a minute on node-cron (and one at start), never two at once in one process, none after
// stop: the loop the digest and alert timers share; each supplies its pass and its own logging.
import nodeCron from "node-cron";

/** The slice of node-cron the timers use, so tests can drive ticks with a fake. */
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

export interface MinuteTimerOptions {
  /** node-cron's task name. */
  name: string;
  /** One pass; it logs its own failures (a throw here would end in an unhandled rejection). */
  pass: () => Promise<void>;
  scheduler?: MinuteScheduler;
}

export class MinuteTimer {
  readonly #options: MinuteTimerOptions;
  #task: ReturnType<MinuteScheduler["schedule"]> | null = null;
  #running: Promise<void> | null = null;
  #stopped = false;

  constructor(options: MinuteTimerOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#task) return;
    const scheduler = this.#options.scheduler ?? (nodeCron as unknown as MinuteScheduler);
    // Second 0 of every minute; node-cron's own noOverlap backs up the guard in tick().
    this.#task = scheduler.schedule("* * * * *", () => this.tick(), { name: this.#options.name, noOverlap: true });
    void this.tick();
  }

  /** Runs one pass unless one is already running (then resolves when that one ends) or the timer stopped. */
  tick(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    if (this.#running) return this.#running;
    this.#running = this.#options.pass().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /** Stops ticking (later tick() calls run nothing) and waits for a pass in progress. */
  async stop(): Promise<void> {
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
