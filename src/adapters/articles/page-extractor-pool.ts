// Page extraction on a worker thread: HTML goes to a small pool of workers and comes back as an
// ExtractedPage, keeping the event loop free. A crashed worker is replaced and only its own
// requests fail. The pool mechanics are shared with the feeds' FeedParserPool (docs/decisions/002).
import { z } from "zod";
import { WorkerPool } from "../workers/worker-pool.js";
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

/**
 * linkedom holds a 3 MB page's DOM in well under 100 MB; the cap makes the worker collect early
 * instead of growing towards V8's default (bench:extract's target is < 300 MB for the process).
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 192 };

/** A worker silent this long is stuck on hostile input: it is ended and its requests fail. */
export const WORKER_TIMEOUT_MS = 30_000;

export class PageExtractorPool {
  readonly #pool: WorkerPool<{ html: string; url: string }, ExtractedPage>;

  /** One worker by default: on a 2-core machine the main thread keeps the other core. */
  constructor(size = 1) {
    this.#pool = new WorkerPool<{ html: string; url: string }, ExtractedPage>({
      name: "page extractor",
      module: new URL("./extract-page-worker", import.meta.url),
      size,
      resourceLimits: WORKER_LIMITS,
      timeoutMs: WORKER_TIMEOUT_MS,
      readReply(message) {
        const reply = ReplySchema.safeParse(message);
        if (!reply.success) return null;
        if ("page" in reply.data) return { id: reply.data.id, result: reply.data.page };
        return { id: reply.data.id, error: new Error(`page extraction failed: ${reply.data.error}`) };
      },
    });
  }

  extract(html: string, url: string): Promise<ExtractedPage> {
    return this.#pool.run({ html, url });
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}
