// Politeness for feed fetching: at most one request in flight per host name, later ones wait in
// FIFO order; different hosts run in parallel. Knows nothing about HTTP; guarded-fetcher.ts wraps
// every hop (including each redirect) in `run`.

interface Waiter {
  grant: () => void;
}

export class HostQueue {
  /** Hosts with a request in flight, each with the requests waiting for it (FIFO). */
  readonly #waiting = new Map<string, Waiter[]>();

  /** Runs `task` once no other task for `host` is running; the slot is released when it settles. */
  async run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(host, signal);
    try {
      return await task();
    } finally {
      release();
    }
  }

  /**
   * Waits for the host's slot and returns the function that releases it (calling it twice is
   * harmless). An abort while waiting leaves the queue and rejects with the signal's reason.
   */
  acquire(host: string, signal?: AbortSignal): Promise<() => void> {
    const key = host.toLowerCase();
    if (signal?.aborted) return Promise.reject(signal.reason);
    const queue = this.#waiting.get(key);
    if (queue === undefined) {
      this.#waiting.set(key, []);
      return Promise.resolve(this.#releaser(key));
    }
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const index = queue.indexOf(waiter);
        if (index !== -1) queue.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(this.#releaser(key));
        },
      };
      queue.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Number of hosts with a request in flight (for tests and diagnostics). */
  get activeHosts(): number {
    return this.#waiting.size;
  }

  #releaser(key: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const queue = this.#waiting.get(key);
      const next = queue?.shift();
      // The slot passes straight to the next waiter, so no newcomer can overtake it.
      if (next === undefined) this.#waiting.delete(key);
      else next.grant();
    };
  }
}
