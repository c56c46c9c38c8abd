// Stores a local feed file as if it had been fetched: under `--feed-url` when given (the poller
// then refreshes that URL), else under the file's own file: URL (refreshed from disk).
import { resolve } from "node:path";
import { fileUrlOf, readFeedFile, StaticFeedSource } from "../adapters/feeds/file-feed-source.js";
import { UserError } from "../briefing/errors.js";
import type { Feed } from "../briefing/feed.js";
import { addFeed } from "../briefing/feeds/add-feed.js";
import { type IngestDeps, ingestFeed } from "../briefing/feeds/ingest-feed.js";

export interface IngestFileResult {
  feed: Feed;
  created: boolean;
  items: number;
  inserted: number;
  updated: number;
}

export async function ingestFile(deps: IngestDeps, path: string, feedUrl?: string): Promise<IngestFileResult> {
  const absolute = resolve(path);
  const url = feedUrl ?? fileUrlOf(absolute);
  const parsed = await readFeedFile(absolute, url);
  const fileDeps: IngestDeps = { ...deps, source: new StaticFeedSource(url, parsed) };
  const existing = await deps.feeds.findFeedByUrl(url);
  if (!existing) {
    const added = await addFeed(fileDeps, {
      url,
      origin: { platform: "cli", workspaceId: null, channelId: null, userId: null },
      allowFileUrl: true,
    });
    return { feed: added.feed, created: true, items: parsed.items.length, inserted: added.stored, updated: 0 };
  }
  const outcome = await ingestFeed(fileDeps, existing);
  if (outcome.status === "failed") throw new UserError("feed_file_failed", outcome.error);
  const result = outcome.status === "stored" ? outcome.result : { inserted: 0, updated: 0 };
  const feed = (await deps.feeds.getFeed(existing.id)) ?? existing;
  return { feed, created: false, items: parsed.items.length, inserted: result.inserted, updated: result.updated };
}
