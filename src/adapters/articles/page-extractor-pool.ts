// Page extraction on a worker thread: HTML goes to a small pool of workers and comes back as an
// ExtractedPage, keeping the event loop free. A crashed worker is replaced and only its own
// requests fail. Same shape as the feeds' FeedParserPool (docs/decisions/002).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { z } from "zod";
import type { ExtractedPage } from "./extract-article.js";

const nullableText = z.string().nullable();
const ExtractedPageSchema = z.object({
  url: z.string(),
  title: nullableText,
  byline: nullableText,
  excerpt: nullableText,
  siteName: nullableText,
  publishedTime: nullableText,
  language: nullableText,
  canonicalUrl: nullableText,
  imageUrl: nullableText,
  text: z.string(),
  wordCount: z.number().int().nonnegative(),
  signals: z.object({ documentTitle: z.string(), passwordField: z.boolean(), paywalled: z.boolean() }),
}) satisfies z.ZodType<ExtractedPage>;

const ReplySchema = z.union([
  z.object({ id: z.number(), page: ExtractedPageSchema }),
  z.object({ id: z.number(), error: z.string() }),
]);

interface Pending {
  resolve: (page: ExtractedPage) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * linkedom holds a 3 MB page's DOM in well under 100 MB; the cap makes the worker collect early
 * instead of growing towards V8's default (bench:extract's target is < 300 MB for the process).
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 192 };

/** The compiled worker in dist/; from src/ (tests, eval) the TypeScript source through tsx. */
function startWorker(): Worker {
  const js = new URL("./extract-page-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { resourceLimits: WORKER_LIMITS });
  const tsxApi = createRequire(import.meta.url)
    .resolve("tsx/esm/api")
    .replace(/\.cjs$/, ".mjs");
  const tsx = pathToFileURL(tsxApi).href;
  const source = new URL("./extract-page-worker.ts", import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true, resourceLimits: WORKER_LIMITS });
}

export class PageExtractorPool {
  readonly #workers = new Map<number, Slot>();
  readonly #size: number;
  #nextId = 1;
  #turn = 0;
  #closed = false;

  /** One worker by default: on a 2-core machine the main thread keeps the other core. */
  constructor(size = 1) {
    this.#size = Math.max(1, size);
  }

  extract(html: string, url: string): Promise<ExtractedPage> {
    if (this.#closed) return Promise.reject(new Error("PageExtractorPool is closed"));
    const slot = this.#slot(this.#turn++ % this.#size);
    const id = this.#nextId++;
    return new Promise<ExtractedPage>((resolve, reject) => {
      // Referenced while it owes an answer, so a CLI run cannot exit under a pending extraction.
      if (slot.pending.size === 0) slot.worker.ref();
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, html, url });
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const slots = [...this.#workers.values()];
    this.#workers.clear();
    await Promise.all(slots.map(({ worker }) => worker.terminate()));
  }

  #slot(index: number): Slot {
    const existing = this.#workers.get(index);
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
      if ("page" in reply.data) pending.resolve(reply.data.page);
      else pending.reject(new Error(`page extraction failed: ${reply.data.error}`));
    });
    const fail = (error: Error) => {
      for (const pending of slot.pending.values()) pending.reject(error);
      slot.pending.clear();
      if (this.#workers.get(index) === slot) this.#workers.delete(index);
    };
    worker.on("error", (error) => fail(new Error(`the page extractor worker crashed: ${error.message}`)));
    worker.on("exit", (code) => {
      if (!this.#closed) fail(new Error(`the page extractor worker exited with code ${code}`));
    });
    this.#workers.set(index, slot);
    return slot;
  }
}
