// A FeedSource over local files, for the operator's `ingest --file` and `feed inspect <file>`:
// reads bytes, decodes them like an HTTP body, parses with a base URL for relative links. A file
// is read whole: the operator chose it, so the per-fetch item cap that guards against hostile
// servers would only drop items without a word (a 5,000-item file stored 500).
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { FeedError } from "../../briefing/errors.js";
import type { ParsedFeed } from "../../briefing/parsed-feed.js";
import type { FeedSource, FetchFeedResult } from "../../briefing/ports.js";
import { decodeBody } from "../http/decode-body.js";

export function fileUrlOf(path: string): string {
  return pathToFileURL(path).toString();
}

/** Reads and parses a feed file; `baseUrl` resolves its relative links (default: the file's URL). */
export async function readFeedFile(path: string, baseUrl?: string): Promise<ParsedFeed> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FeedError("invalid_url", `Cannot read the feed file ${path}: ${reason}. Check the path.`);
  }
  // Loaded on first use, like HttpFeedSource's in-thread parser: most processes never parse a file.
  const { parseFeed } = await import("./parse-feed.js");
  return parseFeed(decodeBody(bytes, null), baseUrl ?? fileUrlOf(path), { maxItems: Number.MAX_SAFE_INTEGER });
}

/** Serves file: URLs only; the composition root routes http(s) elsewhere. */
export class FileFeedSource implements FeedSource {
  async fetchFeed(url: string): Promise<FetchFeedResult> {
    if (!url.startsWith("file:")) throw new FeedError("invalid_url", `${url} is not a file: URL.`);
    const feed = await readFeedFile(fileURLToPath(url), url);
    return { kind: "feed", url, etag: null, lastModified: null, feed };
  }
}

/** A source that always yields one already-parsed document (a file ingested under a feed URL). */
export class StaticFeedSource implements FeedSource {
  constructor(
    private readonly url: string,
    private readonly feed: ParsedFeed,
  ) {}
  async fetchFeed(): Promise<FetchFeedResult> {
    return { kind: "feed", url: this.url, etag: null, lastModified: null, feed: this.feed };
  }
}

/** Routes file: URLs (operator-added only) to files and everything else to HTTP. */
export class RoutingFeedSource implements FeedSource {
  constructor(
    private readonly http: FeedSource,
    private readonly file: FeedSource = new FileFeedSource(),
  ) {}
  fetchFeed(url: string, validators: Parameters<FeedSource["fetchFeed"]>[1]): Promise<FetchFeedResult> {
    return url.startsWith("file:") ? this.file.fetchFeed(url, validators) : this.http.fetchFeed(url, validators);
  }
}
