// Politeness towards article sites: one request at a time per host, and a pause between the end
// of one and the start of the next. Builds on the feeds' HostQueue (FIFO per host); the pause is
// what a news site expects from a well-behaved crawler (1 s by default, configurable).
import { HostQueue } from "../http/host-queue.js";

export class HostGate {
  readonly #queue = new HostQueue();
  /** When each host's last request ended (epoch ms of the monotonic clock below). */
  readonly #lastDone = new Map<string, number>();
  readonly #delayMs: number;

  constructor(delayMs: number) {
    this.#delayMs = Math.max(0, delayMs);
  }

  /** Runs `task` once `host` is free and its pause has passed. */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const key = host.toLowerCase();
    return this.#queue.run(key, async () => {
      const last = this.#lastDone.get(key);
      const wait = last === undefined ? 0 : last + this.#delayMs - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        return await task();
      } finally {
        this.#lastDone.set(key, performance.now());
        this.#forgetIdle();
      }
    });
  }

  /** Hosts whose pause is over need no memory: keeps the map small over months of uptime. */
  #forgetIdle(): void {
    if (this.#lastDone.size < 1024) return;
    const now = performance.now();
    for (const [host, at] of this.#lastDone) if (at + this.#delayMs < now) this.#lastDone.delete(host);
  }
}
