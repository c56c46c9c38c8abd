// The FeedSource over HTTP: guarded fetch, decode, parse; an HTML page that links a feed is
// followed once to that feed (autodiscovery), so people can paste a site's address.
import { FeedError } from "../../briefing/errors.js";
import type { FeedSource, FeedValidators, FetchFeedResult } from "../../briefing/ports.js";
import type { ConditionalHeaders, GuardedBytesResponse, GuardedFetcher } from "../http/guarded-fetcher.js";
import { isHttpFetchError } from "../http/http-fetch-error.js";
import { feedErrorFromHttp } from "./feed-error-from-http.js";
import type { FeedDocument, FeedDocumentResult } from "./parse-feed-document.js";

/** Decodes and parses a document; in-thread by default, or a FeedParserPool's `parse` to use a worker thread. */
export type FeedParser = (document: FeedDocument) => FeedDocumentResult | Promise<FeedDocumentResult>;

/**
 * In-thread parsing, loaded on first use: the parsers (feedsmith and its XML stack) cost a process
 * about 9 MB, which the main thread of `ingest` and `serve` never needs (their worker parses).
 */
async function parseInThread(document: FeedDocument): Promise<FeedDocumentResult> {
  const { parseFeedDocument } = await import("./parse-feed-document.js");
  return parseFeedDocument(document);
}

export class HttpFeedSource implements FeedSource {
  constructor(
    private readonly fetcher: GuardedFetcher,
    private readonly parse: FeedParser = parseInThread,
  ) {}

  async fetchFeed(url: string, validators: FeedValidators): Promise<FetchFeedResult> {
    const response = await this.#fetch(url, validators);
    if (response.notModified) {
      return {
        kind: "not-modified",
        etag: response.etag ?? validators.etag,
        lastModified: response.lastModified ?? validators.lastModified,
      };
    }
    const result = await this.parse({ bytes: response.bytes, contentType: response.contentType, url: response.url });
    if (result.kind === "feed") {
      return {
        kind: "feed",
        url: response.url,
        etag: response.etag,
        lastModified: response.lastModified,
        feed: result.feed,
      };
    }
    const link = result.feedLinks[0];
    if (!link) throw new FeedError("not_a_feed", result.reason);
    // One hop only: a linked "feed" that is itself a page is not followed again.
    const linked = await this.#fetch(link);
    const second = await this.parse({ bytes: linked.bytes, contentType: linked.contentType, url: linked.url });
    if (second.kind === "page") throw new FeedError("not_a_feed", second.reason);
    return { kind: "feed", url: linked.url, etag: linked.etag, lastModified: linked.lastModified, feed: second.feed };
  }

  /** The HTTP client's failures, told as a feed's (FeedError, as the FeedSource port promises). */
  async #fetch(url: string, conditional?: ConditionalHeaders): Promise<GuardedBytesResponse> {
    try {
      return await this.fetcher.fetchBytes(url, conditional);
    } catch (error) {
      throw isHttpFetchError(error) ? feedErrorFromHttp(error) : error;
    }
  }
}
