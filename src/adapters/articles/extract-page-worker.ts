// The worker-thread side of PageExtractorPool: runs Readability off the main thread, so a large
// page (tens of ms of DOM work) never stalls chat commands, feed polling or store writes.
import { parentPort } from "node:worker_threads";
import { extractArticle } from "./extract-article.js";

export interface ExtractRequest {
  id: number;
  html: string;
  url: string;
}

parentPort?.on("message", (request: ExtractRequest) => {
  try {
    parentPort?.postMessage({ id: request.id, page: extractArticle(request.html, request.url) });
  } catch (error) {
    parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
