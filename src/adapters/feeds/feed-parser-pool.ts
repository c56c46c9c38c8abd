// Feed decoding and parsing on worker threads: fetched bytes are moved (not copied) to a small pool
// of workers and come back parsed, keeping the event loop free for chat commands and store writes
// and the documents' text off the main thread's heap (docs/decisions/002).
import { z } from "zod";
import { FEED_ERROR_CODES, FeedError } from "../../briefing/errors.js";
import { ParsedFeedSchema } from "../../briefing/parsed-feed.js";
import { WorkerPool } from "../workers/worker-pool.js";
import type { FeedDocument, FeedDocumentResult } from "./parse-feed-document.js";

const ResultSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("feed"), feed: ParsedFeedSchema }),
  z.object({ kind: z.literal("page"), reason: z.string(), feedLinks: z.array(z.string()) }),
]);

const ReplySchema = z.union([
  z.object({ id: z.number(), result: ResultSchema }),
  z.object({ id: z.number(), error: z.object({ code: z.enum(FEED_ERROR_CODES).nullable(), message: z.string() }) }),
]);

/**
 * Capped heaps make the worker collect garbage early instead of growing towards V8's defaults
 * (the ingest benchmark's peak-memory target is 250 MB for the whole process). Parsing the
 * largest document we accept (5 MB, 500 items) needs far less than this.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 };

/** The bytes as a buffer of their own, which can be moved to a worker without taking anything else along. */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const buffer = bytes.buffer;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) return buffer;
  // A slice of Node's shared Buffer pool (small bodies): moving it would detach its neighbours.
  // (Buffer#slice is a view, not a copy, so copy explicitly.)
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

type ParseJob = { bytes: ArrayBuffer; contentType: string | null; url: string };

/** A worker silent this long is stuck on hostile input: it is ended and its requests fail. */
export const WORKER_TIMEOUT_MS = 30_000;

export class FeedParserPool {
  readonly #pool: WorkerPool<ParseJob, FeedDocumentResult>;

  /** One worker by default: on a 2-core machine the main thread keeps the other core. */
  constructor(size = 1) {
    this.#pool = new WorkerPool<ParseJob, FeedDocumentResult>({
      name: "feed parser",
      module: new URL("./parse-feed-worker", import.meta.url),
      size,
      resourceLimits: WORKER_LIMITS,
      timeoutMs: WORKER_TIMEOUT_MS,
      readReply(message) {
        const reply = ReplySchema.safeParse(message);
        if (!reply.success) return null;
        const data = reply.data;
        if ("result" in data && data.result !== undefined) return { id: data.id, result: data.result };
        if (!("error" in data)) return null;
        const { code, message: text } = data.error;
        return { id: reply.data.id, error: code ? new FeedError(code, text) : new Error(text) };
      },
    });
  }

  /** Decodes and parses `document` on a worker. Its bytes are moved there: do not use them afterwards. */
  parse(document: FeedDocument): Promise<FeedDocumentResult> {
    const bytes = ownBuffer(document.bytes);
    return this.#pool.run({ bytes, contentType: document.contentType, url: document.url }, [bytes]);
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}
