// A small pool of worker threads answering requests by id: CPU-heavy parsing (feeds, article pages)
// runs off the event loop, so chat deadlines and store writes never wait on it. A crashed worker
// is replaced and only its own requests fail; a worker that stops answering (hostile input) is
// ended after a time limit, so no request waits unbounded; an idle pool never keeps a CLI alive.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type ResourceLimits, Worker } from "node:worker_threads";

export interface WorkerPoolOptions<Result> {
  /** What the pool is called in errors ("the feed parser"). */
  name: string;
  /** The worker module's URL without extension, e.g. new URL("./parse-feed-worker", import.meta.url). */
  module: URL;
  /** How many workers; one by default, so on 2 cores the main thread keeps the other. */
  size?: number;
  resourceLimits?: ResourceLimits;
  /**
   * How long a worker may go without answering while it owes answers. Past it the worker is
   * stuck (hostile input): it is ended, every request it held fails, and the next starts afresh.
   */
  timeoutMs?: number;
  /** Reads a worker's reply (`unknown` until checked): the request id and its result or error, or null if malformed. */
  readReply(message: unknown): { id: number; result: Result } | { id: number; error: Error } | null;
}

interface Pending<Result> {
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}

interface Slot<Result> {
  worker: Worker;
  pending: Map<number, Pending<Result>>;
  timer?: NodeJS.Timeout | undefined;
  /** Fails the slot's requests and ends its worker (set once the worker is started). */
  stall?: () => void;
}

/**
 * The compiled worker in dist/; from src/ (tests, benchmarks, eval) the TypeScript source, loaded
 * through tsx's register API, since Node 20 does not apply `--import` loaders to a worker's entry.
 */
function startWorker(module: URL, resourceLimits: ResourceLimits | undefined): Worker {
  const js = new URL(`${module.href}.js`);
  const options = resourceLimits ? { resourceLimits } : {};
  if (existsSync(fileURLToPath(js))) return new Worker(js, options);
  // require.resolve answers with tsx's CommonJS build; the ESM build sits beside it.
  const tsxApi = createRequire(import.meta.url)
    .resolve("tsx/esm/api")
    .replace(/\.cjs$/, ".mjs");
  const tsx = pathToFileURL(tsxApi).href;
  const source = `${module.href}.ts`;
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

export class WorkerPool<Request extends object, Result> {
  readonly #options: WorkerPoolOptions<Result>;
  readonly #workers = new Map<number, Slot<Result>>();
  readonly #size: number;
  #nextId = 1;
  #turn = 0;
  #closed = false;

  constructor(options: WorkerPoolOptions<Result>) {
    this.#options = options;
    this.#size = Math.max(1, options.size ?? 1);
  }

  /** `transfer` moves buffers to the worker instead of copying them (they are unusable here afterwards). */
  run(request: Request, transfer: readonly ArrayBuffer[] = []): Promise<Result> {
    if (this.#closed) return Promise.reject(new Error(`${this.#options.name} pool is closed`));
    const slot = this.#slot(this.#turn++ % this.#size);
    const id = this.#nextId++;
    return new Promise<Result>((resolve, reject) => {
      // Referenced while it owes an answer, so a CLI run cannot exit under a pending request.
      if (slot.pending.size === 0) slot.worker.ref();
      slot.pending.set(id, { resolve, reject });
      if (slot.timer === undefined) this.#arm(slot);
      slot.worker.postMessage({ ...request, id }, [...transfer]);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const slots = [...this.#workers.values()];
    this.#workers.clear();
    await Promise.all(slots.map(({ worker }) => worker.terminate()));
  }

  #arm(slot: Slot<Result>): void {
    const limit = this.#options.timeoutMs;
    if (limit === undefined) return;
    slot.timer = setTimeout(() => slot.stall?.(), limit);
    // The worker, referenced while it owes answers, keeps the process alive; the timer need not.
    slot.timer.unref();
  }

  #slot(index: number): Slot<Result> {
    const existing = this.#workers.get(index);
    if (existing) return existing;
    const worker = startWorker(this.#options.module, this.#options.resourceLimits);
    // An idle pool must not keep a CLI command's process alive.
    worker.unref();
    const slot: Slot<Result> = { worker, pending: new Map() };
    worker.on("message", (message: unknown) => {
      const reply = this.#options.readReply(message);
      if (!reply) return;
      const pending = slot.pending.get(reply.id);
      if (!pending) return;
      slot.pending.delete(reply.id);
      // An answer is progress: the next request in line gets the whole time limit.
      clearTimeout(slot.timer);
      slot.timer = undefined;
      if (slot.pending.size === 0) worker.unref();
      else this.#arm(slot);
      if ("result" in reply) pending.resolve(reply.result);
      else pending.reject(reply.error);
    });
    const fail = (error: Error) => {
      clearTimeout(slot.timer);
      slot.timer = undefined;
      for (const pending of slot.pending.values()) pending.reject(error);
      slot.pending.clear();
      // The next request for this slot starts a fresh worker.
      if (this.#workers.get(index) === slot) this.#workers.delete(index);
    };
    slot.stall = () => {
      const seconds = (this.#options.timeoutMs ?? 0) / 1000;
      fail(new Error(`the ${this.#options.name} took longer than ${seconds} s and was stopped`));
      void worker.terminate();
    };
    worker.on("error", (error) => fail(new Error(`the ${this.#options.name} worker crashed: ${error.message}`)));
    worker.on("exit", (code) => {
      if (!this.#closed) fail(new Error(`the ${this.#options.name} worker exited with code ${code}`));
    });
    this.#workers.set(index, slot);
    return slot;
  }
}
