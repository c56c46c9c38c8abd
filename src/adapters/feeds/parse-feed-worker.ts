// The worker-thread side of FeedParserPool: decodes and parses feed documents off the main thread,
// so a 5 MB feed never stalls chat commands (3-second deadlines) or the store's writes.
import { parentPort } from "node:worker_threads";
import { FeedError } from "../../briefing/errors.js";
import { parseFeedDocument } from "./parse-feed-document.js";

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
    parentPort?.postMessage({ id: request.id, result: parseFeedDocument(document) });
  } catch (error) {
    const code = error instanceof FeedError ? error.code : null;
    parentPort?.postMessage({
      id: request.id,
      error: { code, message: error instanceof Error ? error.message : String(error) },
    });
  }
});
