// Feed parsing on worker threads: documents go to a small pool of workers and come back parsed,
// keeping the event loop free for chat commands and store writes (docs/decisions/002).
import { z } from "zod";
import { FEED_ERROR_CODES, FeedError } from "../../briefing/errors.js";
import { type ParsedFeed, ParsedFeedSchema } from "../../briefing/parsed-feed.js";
import { WorkerPool } from "../workers/worker-pool.js";

const ReplySchema = z.union([
  z.object({ id: z.number(), feed: ParsedFeedSchema }),
  z.object({ id: z.number(), error: z.object({ code: z.enum(FEED_ERROR_CODES).nullable(), message: z.string() }) }),
]);

/**
 * A capped heap makes the worker collect garbage early instead of growing towards V8's default
 * (the ingest benchmark's peak-memory target is 250 MB for the whole process). Parsing the
 * largest document we accept (5 MB, 500 items) needs far less than this.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 128 };

export class FeedParserPool {
  readonly #pool: WorkerPool<{ text: string; feedUrl: string }, ParsedFeed>;

  /** One worker by default: on a 2-core machine the main thread keeps the other core. */
  constructor(size = 1) {
    this.#pool = new WorkerPool<{ text: string; feedUrl: string }, ParsedFeed>({
      name: "feed parser",
      module: new URL("./parse-feed-worker", import.meta.url),
      size,
      resourceLimits: WORKER_LIMITS,
      readReply(message) {
        const reply = ReplySchema.safeParse(message);
        if (!reply.success) return null;
        if ("feed" in reply.data) return { id: reply.data.id, result: reply.data.feed };
        const { code, message: text } = reply.data.error;
        return { id: reply.data.id, error: code ? new FeedError(code, text) : new Error(text) };
      },
    });
  }

  parse(text: string, feedUrl: string): Promise<ParsedFeed> {
    return this.#pool.run({ text, feedUrl });
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}
