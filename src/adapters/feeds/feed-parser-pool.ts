// Feed parsing on worker threads: documents go to a small pool of workers and come back parsed,
// keeping the event loop free for chat commands and store writes. A crashed worker is replaced
// and only its own requests fail.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { z } from "zod";
import { FEED_ERROR_CODES, FeedError } from "../../briefing/errors.js";
import { type ParsedFeed, ParsedFeedSchema } from "../../briefing/parsed-feed.js";

const ReplySchema = z.union([
  z.object({ id: z.number(), feed: ParsedFeedSchema }),
  z.object({ id: z.number(), error: z.object({ code: z.enum(FEED_ERROR_CODES).nullable(), message: z.string() }) }),
]);

interface Pending {
  resolve: (feed: ParsedFeed) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * A capped heap makes the worker collect garbage early instead of growing towards V8's default
 * (the ingest benchmark's peak-memory target is 250 MB for the whole process). Parsing the
 * largest document we accept (5 MB, 500 items) needs far less than this.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 128 };

/**
 * The compiled worker in dist/; from src/ (tests, benchmarks) the TypeScript source, loaded through
 * tsx's register API, since Node 20 does not apply `--import` loaders to a worker's entry module.
 */
function startWorker(): Worker {
  const js = new URL("./parse-feed-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { resourceLimits: WORKER_LIMITS });
  // require.resolve answers with the package's CommonJS build; the ESM build sits beside it.
  const tsxApi = createRequire(import.meta.url)
    .resolve("tsx/esm/api")
    .replace(/\.cjs$/, ".mjs");
  const tsx = pathToFileURL(tsxApi).href;
  const source = new URL("./parse-feed-worker.ts", import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true, resourceLimits: WORKER_LIMITS });
}

export class FeedParserPool {
  private readonly workers = new Map<number, Slot>();
  private nextId = 1;
  private turn = 0;
  private closed = false;

  /** One worker by default: on a 2-core machine the main thread keeps the other core. */
  constructor(private readonly size = 1) {}

  parse(text: string, feedUrl: string): Promise<ParsedFeed> {
    if (this.closed) return Promise.reject(new Error("FeedParserPool is closed"));
    const slot = this.slot(this.turn++ % this.size);
    const id = this.nextId++;
    return new Promise<ParsedFeed>((resolve, reject) => {
      // Referenced while it owes an answer, so a CLI run cannot exit under a pending parse.
      if (slot.pending.size === 0) slot.worker.ref();
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, text, feedUrl });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = [...this.workers.values()];
    this.workers.clear();
    await Promise.all(slots.map(({ worker }) => worker.terminate()));
  }

  private slot(index: number): Slot {
    const existing = this.workers.get(index);
    if (existing) return existing;
    const worker = startWorker();
    // An idle pool must not keep a CLI command's process alive.
    worker.unref();
    const slot: Slot = { worker, pending: new Map<number, Pending>() };
    worker.on("message", (message: unknown) => {
      const reply = ReplySchema.safeParse(message);
      if (!reply.success) return;
      const pending = slot.pending.get(reply.data.id);
      if (!pending) return;
      slot.pending.delete(reply.data.id);
      if (slot.pending.size === 0) worker.unref();
      if ("feed" in reply.data) pending.resolve(reply.data.feed);
      else {
        const { code, message: text } = reply.data.error;
        pending.reject(code ? new FeedError(code, text) : new Error(text));
      }
    });
    const fail = (error: Error) => {
      for (const pending of slot.pending.values()) pending.reject(error);
      slot.pending.clear();
      // The next parse for this slot starts a fresh worker.
      if (this.workers.get(index) === slot) this.workers.delete(index);
    };
    worker.on("error", (error) => fail(new Error(`the feed parser worker crashed: ${error.message}`)));
    worker.on("exit", (code) => {
      if (!this.closed) fail(new Error(`the feed parser worker exited with code ${code}`));
    });
    this.workers.set(index, slot);
    return slot;
  }
}
