// `briefbot serve`: runs the long-lived parts until SIGINT/SIGTERM. For now that is the feed
// poller; the chat platforms join here as they land.

import { FeedPoller } from "../adapters/feeds/feed-poller.js";
import type { App } from "../compose-app.js";
import type { CliIo } from "./cli-io.js";

export async function serveCommand(app: App, io: CliIo): Promise<number> {
  const poller = new FeedPoller(app.deps, {
    retentionDays: app.config.BRIEFBOT_RETENTION_DAYS,
    pruneArticles: (cutoff) => app.store.articles.pruneArticles(cutoff),
  });
  poller.start();
  io.err("briefbot is polling feeds (no chat platform is configured yet). Press Ctrl-C to stop.\n");
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await poller.stop();
  return 0;
}
