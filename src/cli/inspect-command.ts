// `briefbot feed inspect <url|file>`: fetch (through the same guarded client as ingestion) or
// read, then parse and print, storing nothing.

import { readFeedFile } from "../adapters/feeds/file-feed-source.js";
import { HttpFeedSource } from "../adapters/feeds/http-feed-source.js";
import type { ParsedFeed } from "../briefing/parsed-feed.js";
import { createFetcher } from "../compose-app.js";
import type { Config } from "../config.js";
import type { CliIo } from "./cli-io.js";
import { inspectJson, inspectText } from "./inspect-feed.js";

async function load(config: Config, target: string): Promise<ParsedFeed> {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return readFeedFile(target);
  const fetcher = createFetcher(config);
  try {
    const result = await new HttpFeedSource(fetcher).fetchFeed(target, { etag: null, lastModified: null });
    if (result.kind !== "feed") throw new Error("unexpected 304 to an unconditional request");
    return result.feed;
  } finally {
    await fetcher.close();
  }
}

export async function inspectCommand(config: Config, io: CliIo, target: string, json: boolean): Promise<number> {
  const feed = await load(config, target);
  io.out(json ? `${JSON.stringify(inspectJson(feed), null, 2)}\n` : inspectText(feed));
  return 0;
}
