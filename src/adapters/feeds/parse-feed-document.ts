// A fetched document as bytes, decoded and parsed in one step (on a parser worker, so the main
// thread never holds the document's text); a page that is not a feed answers with the feed links it declares.

import { FeedError } from "../../briefing/errors.js";
import type { ParsedFeed } from "../../briefing/parsed-feed.js";
import { decodeBody } from "../http/decode-body.js";
import { discoverFeedLinks } from "./discover-feed-links.js";
import { parseFeed } from "./parse-feed.js";

/** A fetched body as it came off the wire (after Content-Encoding), with what tells its charset. */
export interface FeedDocument {
  bytes: Uint8Array;
  contentType: string | null;
  /** The final URL (after redirects): the base for relative links. */
  url: string;
}

/** The feed, or for a page that is not one, why not and the feed links it declares (autodiscovery). */
export type FeedDocumentResult =
  | { kind: "feed"; feed: ParsedFeed }
  | { kind: "page"; reason: string; feedLinks: string[] };

/** Decodes and parses; throws FeedError for a document that is broken (not for one that is a page). */
export function parseFeedDocument(document: FeedDocument): FeedDocumentResult {
  const text = decodeBody(document.bytes, document.contentType);
  try {
    return { kind: "feed", feed: parseFeed(text, document.url) };
  } catch (error) {
    if (!(error instanceof FeedError) || error.code !== "not_a_feed") throw error;
    return { kind: "page", reason: error.message, feedLinks: discoverFeedLinks(text, document.url) };
  }
}
