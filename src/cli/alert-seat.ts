// Story-alert passes on one instance per database at a time (decision 015): the seat's holder runs
// the alert timer, a standby runs none and takes over when the holder dies. On SQLite the seat is
// always granted. The ledger's claims stay the second guard for a pass caught mid-way by a takeover.
import type { AlertTimer } from "../adapters/scheduler/alert-timer.js";
import type { Logger } from "../briefing/ports.js";
import type { Leadership } from "../store/store.js";
import { LeaderSeat } from "./leader-seat.js";

export interface AlertSeatOptions {
  leadership: Leadership;
  /** A fresh timer each time this instance takes the seat (a stopped timer never runs again). */
  timer: () => AlertTimer;
  logger: Logger;
  retryMs?: number;
}

export class AlertSeat {
  readonly #seat: LeaderSeat;
  #timer: AlertTimer | null = null;

  constructor(options: AlertSeatOptions) {
    this.#seat = new LeaderSeat({
      leadership: options.leadership,
      name: "alerts",
      logger: options.logger,
      ...(options.retryMs === undefined ? {} : { retryMs: options.retryMs }),
      start: async () => {
        const timer = options.timer();
        this.#timer = timer;
        timer.start();
        return {
          stop: async () => {
            if (this.#timer === timer) this.#timer = null;
            await timer.stop();
          },
        };
      },
    });
  }

  /** True while this instance holds the seat and runs the passes. */
  get leading(): boolean {
    return this.#seat.leading;
  }

  start(): Promise<void> {
    return this.#seat.start();
  }

  /**
   * Asks for a pass now (new articles arrived); on a standby nothing runs: the holder's own
   * poller or its next minute finds them, as articles are shared through the database.
   */
  tick(): Promise<void> {
    return this.#timer?.tick() ?? Promise.resolve();
  }

  stop(): Promise<void> {
    return this.#seat.stop();
  }
}
