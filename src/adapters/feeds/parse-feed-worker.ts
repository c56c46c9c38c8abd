// The worker-thread side of FeedParserPool: decodes, parses and prepares feed documents off the main
// thread, so a 5 MB feed never stalls chat commands (3-second deadlines) or the store's writes.
import { parentPort } from "node:worker_threads";
import { FeedError } from "../../briefing/errors.js";
import { parseFeedDocument } from "./parse-feed-document.js";
import { prepareFeedItems } from "./prepare-feed-items.js";

export interface ParseRequest {
  id: number;
  /** Moved here by the pool (a transferred buffer, not a copy). */
  bytes: ArrayBuffer;
  contentType: string | null;
  url: string;
}

parentPort?.on("message", (request: ParseRequest) => {
  try {
    const document = { bytes: new Uint8Array(request.bytes), contentType: request.contentType, url: request.url };
    const result = parseFeedDocument(document);
    // The per-item work ingest would otherwise do on the main thread (normalising, labelling).
    parentPort?.postMessage({
      id: request.id,
      result: result.kind === "feed" ? { kind: "feed", feed: prepareFeedItems(result.feed) } : result,
    });
  } catch (error) {
    const code = error instanceof FeedError ? error.code : null;
    parentPort?.postMessage({
      id: request.id,
      error: { code, message: error instanceof Error ? error.message : String(error) },
    });
  }
});
