// Runs something on one instance of a fleet at a time: tries the store's leadership lock every few
// seconds; the holder starts the work, a standby waits, and when the holder's lease is lost (its
// process died, its connection broke) a standby takes over. On SQLite the lock is always granted.
import type { Logger } from "../briefing/ports.js";
import type { LeaderLease, Leadership } from "../store/store.js";

export interface Running {
  stop(): Promise<void>;
}

export interface LeaderSeatOptions {
  leadership: Leadership;
  /** The lock's name: one holder per name across the fleet. */
  name: string;
  /** Starts the work once this instance holds the lock. */
  start: () => Promise<Running>;
  logger: Logger;
  /** Between tries while standing by; a takeover happens within this long of the holder's death. */
  retryMs?: number;
}

export class LeaderSeat {
  readonly #options: LeaderSeatOptions;
  #stopped = false;
  #timer: NodeJS.Timeout | undefined;
  #lease: LeaderLease | null = null;
  #running: Running | null = null;
  #busy: Promise<void> = Promise.resolve();

  constructor(options: LeaderSeatOptions) {
    this.#options = options;
  }

  /** True while this instance holds the seat and its work runs. */
  get leading(): boolean {
    return this.#running !== null;
  }

  /**
   * Takes the seat if it is free, else stands by and keeps trying. Resolves after the first try;
   * rejects when that first start itself fails (a wrong token should stop `serve`, not loop).
   */
  async start(): Promise<void> {
    this.#stopped = false;
    this.#busy = this.#try(true);
    await this.#busy;
  }

  async #try(first = false): Promise<void> {
    const { leadership, name, start, logger } = this.#options;
    if (this.#stopped) return;
    try {
      const lease = await leadership.tryAcquire(name);
      if (lease === null) {
        logger.debug({ seat: name }, "another instance holds the seat; standing by");
      } else if (this.#stopped) {
        await lease.release();
        return;
      } else {
        this.#lease = lease;
        try {
          this.#running = await start();
        } catch (error) {
          await lease.release();
          this.#lease = null;
          throw error;
        }
        logger.info({ seat: name }, "this instance holds the seat");
        void lease.lost.then(() => this.#onLost(lease));
        return;
      }
    } catch (error) {
      if (first) throw error;
      logger.error({ seat: name, err: error }, "could not take the seat; trying again");
    }
    this.#schedule();
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#busy = this.#try();
    }, this.#options.retryMs ?? 5_000);
  }

  async #onLost(lease: LeaderLease): Promise<void> {
    if (this.#lease !== lease || this.#stopped) return;
    this.#options.logger.warn({ seat: this.#options.name }, "lost the seat; stopping and standing by");
    const running = this.#running;
    this.#running = null;
    this.#lease = null;
    await running?.stop().catch(() => {});
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    // A failed first start was already reported to whoever called start().
    await this.#busy.catch(() => {});
    const running = this.#running;
    const lease = this.#lease;
    this.#running = null;
    this.#lease = null;
    await running?.stop();
    await lease?.release();
  }
}
