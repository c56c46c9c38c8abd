// The worker-thread side of FeedParserPool: parses feed documents off the main thread, so a
// 5 MB feed never stalls chat commands (3-second deadlines) or the store's writes.
import { parentPort } from "node:worker_threads";
import { FeedError } from "../../briefing/errors.js";
import { parseFeed } from "./parse-feed.js";

export interface ParseRequest {
  id: number;
  text: string;
  feedUrl: string;
}

parentPort?.on("message", (request: ParseRequest) => {
  try {
    parentPort?.postMessage({ id: request.id, feed: parseFeed(request.text, request.feedUrl) });
  } catch (error) {
    const code = error instanceof FeedError ? error.code : null;
    parentPort?.postMessage({
      id: request.id,
      error: { code, message: error instanceof Error ? error.message : String(error) },
    });
  }
});
