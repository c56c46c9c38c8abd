// The FeedSource over HTTP: guarded fetch, decode, parse; an HTML page that links a feed is
// followed once to that feed (autodiscovery), so people can paste a site's address.
import { FeedError } from "../../briefing/errors.js";
import type { ParsedFeed } from "../../briefing/parsed-feed.js";
import type { FeedSource, FeedValidators, FetchFeedResult } from "../../briefing/ports.js";
import { discoverFeedLinks } from "./discover-feed-links.js";
import type { GuardedFetcher } from "./guarded-fetcher.js";
import { parseFeed } from "./parse-feed.js";

/** Parses a document; in-thread by default, or a FeedParserPool's `parse` to use worker threads. */
export type FeedParser = (text: string, feedUrl: string) => ParsedFeed | Promise<ParsedFeed>;

export class HttpFeedSource implements FeedSource {
  constructor(
    private readonly fetcher: GuardedFetcher,
    private readonly parse: FeedParser = parseFeed,
  ) {}

  async fetchFeed(url: string, validators: FeedValidators): Promise<FetchFeedResult> {
    const response = await this.fetcher.fetchText(url, validators);
    if (response.notModified) {
      return {
        kind: "not-modified",
        etag: response.etag ?? validators.etag,
        lastModified: response.lastModified ?? validators.lastModified,
      };
    }
    try {
      const feed = await this.parse(response.text, response.url);
      return { kind: "feed", url: response.url, etag: response.etag, lastModified: response.lastModified, feed };
    } catch (error) {
      if (!(error instanceof FeedError) || error.code !== "not_a_feed") throw error;
      const link = discoverFeedLinks(response.text, response.url)[0];
      if (!link) throw error;
      // One hop only: a linked "feed" that is itself a page is not followed again.
      const linked = await this.fetcher.fetchText(link);
      const feed = await this.parse(linked.text, linked.url);
      return { kind: "feed", url: linked.url, etag: linked.etag, lastModified: linked.lastModified, feed };
    }
  }
}
