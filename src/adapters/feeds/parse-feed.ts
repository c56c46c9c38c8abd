// Text of a fetched feed (already decoded to a string) to the core's ParsedFeed: detects RSS, RDF,
// Atom or JSON Feed, checks XML well-formedness, parses with feedsmith and normalizes. Bad input
// only ever raises a FeedError ("not_a_feed" or "parse") whose message says what was wrong.
import { XMLValidator } from "fast-xml-parser";
import {
  DetectError,
  MalformedError,
  ParseError,
  parseAtomFeed,
  parseJsonFeed,
  parseRdfFeed,
  parseRssFeed,
} from "feedsmith";
import { FeedError } from "../../briefing/errors.js";
import { MAX_ITEMS_PER_FETCH, type ParsedFeed } from "../../briefing/parsed-feed.js";
import { asRecord, asString, resolveBase, resolveLink, type XmlFeedDefaults } from "./feed-values.js";
import { findRootElement, type RootElement, startTagAttributes } from "./find-root-element.js";
import { normalizeAtomFeed } from "./normalize-atom-feed.js";
import { normalizeJsonFeed } from "./normalize-json-feed.js";
import { normalizeRssFeed } from "./normalize-rss-feed.js";
import { rewriteFeedXml } from "./rewrite-feed-xml.js";

export interface ParseFeedOptions {
  /** At most this many items, in document order (default MAX_ITEMS_PER_FETCH). */
  maxItems?: number;
}

const HTML_PAGE_REASON =
  "the document is an HTML page, not a feed; if it is a site's home page, briefbot looks for a <link rel=alternate> feed on it";

const HTML_ROOTS = new Set(["html", "head", "body"]);

/** Parses and normalizes one feed document; throws FeedError for anything that is not a readable feed. */
export function parseFeed(text: string, feedUrl: string, options: ParseFeedOptions = {}): ParsedFeed {
  const maxItems = Math.max(0, Math.floor(options.maxItems ?? MAX_ITEMS_PER_FETCH));
  try {
    const feed = parseDocument(text, feedUrl, maxItems);
    // feedsmith applies the limit too; slicing again guards formats where it cannot (e.g. RDF's Seq).
    return feed.items.length > maxItems ? { ...feed, items: feed.items.slice(0, maxItems) } : feed;
  } catch (error) {
    if (error instanceof FeedError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new FeedError("parse", `the feed could not be read: ${reason}`, { cause: error });
  }
}

function parseDocument(text: string, feedUrl: string, maxItems: number): ParsedFeed {
  if (typeof text !== "string") throw new FeedError("not_a_feed", "the document is not text");
  const body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).trimStart();
  if (body === "") throw new FeedError("not_a_feed", "the document is empty");
  const first = body[0];
  if (first === "{" || first === "[") return parseJsonDocument(body, feedUrl, maxItems);

  const root = findRootElement(body);
  if (root === null) {
    throw new FeedError("not_a_feed", `the document is neither XML nor JSON; it starts with "${preview(body)}"`);
  }
  if (root.doctype === "html" || HTML_ROOTS.has(root.localName)) throw new FeedError("not_a_feed", HTML_PAGE_REASON);
  const { xml, problem } = wellFormedXml(body, root);
  // A rewritten document starts elsewhere and may have lost the root's prefix.
  const xmlRoot = xml === body ? root : (findRootElement(xml) ?? root);
  const feed = parseXmlDocument(xml, xmlRoot, feedUrl, maxItems);
  if (problem === null) return { ...feed, lenient: false };
  // The fallback exists to recover items; a broken document that yields none is reported as broken.
  if (feed.items.length === 0) throw new FeedError("parse", `${problem} (and no items could be recovered from it)`);
  return { ...feed, lenient: true };
}

/**
 * The document as XML the strict parser reads. A well-formed one is used as it is (rewritten only
 * where feedsmith misreads valid XML); an ill-formed one is rewritten by the lenient fallback, and
 * the result says so. A document even the fallback cannot mend is rejected with the first problem.
 */
function wellFormedXml(body: string, root: RootElement): { xml: string; problem: string | null } {
  // feedsmith reads a prefixed Atom root, not a prefixed RSS one.
  const colon = root.name.indexOf(":");
  const unprefix = colon !== -1 && root.localName === "rss" ? root.name.slice(0, colon) : null;
  const problem = wellFormedProblem(body);
  if (problem === null) {
    const rewrite = unprefix !== null || body.includes('mode="base64"');
    return { xml: rewrite ? rewriteFeedXml(body, { unprefix }) : body, problem: null };
  }
  const xml = rewriteFeedXml(body, { unprefix });
  if (wellFormedProblem(xml) !== null) throw new FeedError("parse", problem);
  return { xml, problem };
}

function parseXmlDocument(
  body: string,
  root: RootElement,
  feedUrl: string,
  maxItems: number,
): Omit<ParsedFeed, "lenient"> {
  const rootAttrs = startTagAttributes(body, root.name, root.offset);
  const defaults: XmlFeedDefaults = {
    feedUrl,
    base: resolveBase(rootAttrs?.get("xml:base"), resolveLink(feedUrl, null)),
    language: asString(rootAttrs?.get("xml:lang")) ?? null,
  };
  const options = { maxItems };
  switch (root.localName) {
    case "rss": {
      // RSS puts xml:base and xml:lang, when present, on <channel> as often as on <rss>.
      const channelAttrs = startTagAttributes(body, "channel", root.offset);
      defaults.base = resolveBase(channelAttrs?.get("xml:base"), defaults.base);
      defaults.language = asString(channelAttrs?.get("xml:lang")) ?? defaults.language;
      if (channelAttrs === null) throw new FeedError("not_a_feed", `the <${root.name}> document has no <channel>`);
      return normalizeRssFeed(
        runFeedsmith("rss", () => parseRssFeed(body, options)),
        "rss",
        defaults,
      );
    }
    case "rdf": {
      const feed = runFeedsmith("rdf", () => parseRdfFeed(body, options));
      return normalizeRssFeed(feed, "rdf", defaults);
    }
    case "feed":
      return normalizeAtomFeed(
        runFeedsmith("atom", () => parseAtomFeed(body, options)),
        defaults,
      );
    default: {
      const hint = root.localName === "opml" ? " (it is an OPML subscription list; add the feeds it lists)" : "";
      throw new FeedError("not_a_feed", `the XML root element <${root.name}> is not rss, feed or rdf:RDF${hint}`);
    }
  }
}

function parseJsonDocument(body: string, feedUrl: string, maxItems: number): ParsedFeed {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FeedError("parse", `not valid JSON: ${reason}`, { cause: error });
  }
  const record = asRecord(json);
  if (record === undefined) throw new FeedError("not_a_feed", "the JSON document is not an object, so not a JSON Feed");
  const version = asString(record.version);
  const isJsonFeed =
    version !== undefined
      ? version.includes("jsonfeed.org/version/")
      : Array.isArray(record.items) && "title" in record;
  if (!isJsonFeed) {
    throw new FeedError(
      "not_a_feed",
      'the JSON document is not a JSON Feed (it has no "version": "https://jsonfeed.org/version/1.1" and no "items" list)',
    );
  }
  const feed = runFeedsmith("json", () => parseJsonFeed(record, { maxItems }));
  return { ...normalizeJsonFeed(feed, feedUrl), lenient: false };
}

/**
 * What makes the document ill-formed, or null. feedsmith guesses at a broken tree, so a structural
 * error sends the document to the lenient fallback. A bare "&" ("AT&T") is tolerated: common in
 * real feeds, and the parser reads it as literal text.
 */
function wellFormedProblem(body: string): string | null {
  const result = XMLValidator.validate(body, { allowBooleanAttributes: true });
  if (result === true) return null;
  const { code, msg, line, col } = result.err;
  if (code === "InvalidChar" && msg.includes("'&'")) return null;
  return `not well-formed XML: ${msg.replace(/\.$/, "")} at line ${line}, column ${col}`;
}

function runFeedsmith(format: string, parse: () => unknown): unknown {
  try {
    return parse();
  } catch (error) {
    // feedsmith raises ParseError for a recognised feed with nothing in it (a new blog's empty
    // <feed> or <channel>): that is a valid feed with no items yet, not an error.
    if (error instanceof ParseError) return {};
    if (error instanceof DetectError) {
      throw new FeedError("not_a_feed", `the document does not have the structure of ${article(format)} feed`, {
        cause: error,
      });
    }
    if (error instanceof MalformedError) {
      const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
      throw new FeedError("parse", `could not parse ${article(format)} feed${cause}`, { cause: error });
    }
    throw error;
  }
}

function article(format: string): string {
  return { rss: "an RSS", rdf: "an RDF", atom: "an Atom" }[format] ?? "a JSON";
}

function preview(text: string): string {
  const head = text.slice(0, 40).replace(/\s+/g, " ");
  return text.length > 40 ? `${head}…` : head;
}
