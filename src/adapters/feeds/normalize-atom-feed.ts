// Atom 1.0 and 0.3 as feedsmith returns them, normalized to the core's ParsedFeed. Entry links
// prefer rel="alternate" (or no rel); xml:base on the feed and on each entry is honoured; an entry
// without an author inherits the feed's, as RFC 4287 section 4.2.1 says.
import type { FeedItem, ParsedFeed } from "../../briefing/parsed-feed.js";
import {
  asArray,
  asString,
  atomTextOrNull,
  buildItem,
  categoryList,
  decodeBase64Text,
  type FeedContext,
  feedTitle,
  firstDate,
  firstString,
  get,
  htmlTextOrNull,
  lineOrNull,
  pickAtomLink,
  plainTextOrNull,
  resolveBase,
  type XmlFeedDefaults,
} from "./feed-values.js";

export function normalizeAtomFeed(feed: unknown, defaults: XmlFeedDefaults): ParsedFeed {
  const base = resolveBase(get(feed, "xml", "base"), defaults.base);
  const language =
    asString(get(feed, "xml", "lang")) ?? firstString(get(feed, "dc", "languages")) ?? defaults.language ?? null;
  const context: FeedContext = {
    base,
    language,
    author: lineOrNull(get(asArray(get(feed, "authors"))[0], "name")),
  };
  const items: FeedItem[] = asArray(get(feed, "entries")).map((entry) => normalizeAtomEntry(entry, context));
  return {
    format: "atom",
    title: feedTitle(atomTextOrNull(get(feed, "title"), "line"), defaults.feedUrl),
    link: pickAtomLink(get(feed, "links"), base),
    language,
    items,
  };
}

function normalizeAtomEntry(entry: unknown, context: FeedContext): FeedItem {
  const base = resolveBase(get(entry, "xml", "base"), context.base);
  return buildItem({
    id: asString(get(entry, "id")),
    title: atomTextOrNull(get(entry, "title"), "line"),
    link: pickAtomLink(get(entry, "links"), base),
    publishedAt: firstDate(
      get(entry, "published"),
      get(entry, "dc", "dates"),
      get(entry, "dcterms", "issued"),
      get(entry, "dcterms", "created"),
      get(entry, "updated"),
      get(entry, "dcterms", "modified"),
    ),
    author:
      lineOrNull(get(asArray(get(entry, "authors"))[0], "name")) ??
      lineOrNull(firstString(get(entry, "dc", "creators"))) ??
      context.author,
    summary: atomTextOrNull(get(entry, "summary"), "paragraphs"),
    content: contentText(get(entry, "content")),
    language: asString(get(entry, "xml", "lang")) ?? context.language,
    categories: categoryList(
      ...asArray(get(entry, "categories")).map((category) => get(category, "label") ?? get(category, "term")),
      ...asArray(get(entry, "dc", "subjects")),
    ),
  });
}

/**
 * Inline text, HTML or XHTML content as text; out-of-line (src) and binary media types are skipped.
 * type="base64" (not in RFC 4287, but written by producers that confuse it with Atom 0.3's
 * mode="base64") is decoded and read as HTML; mode="base64" itself is decoded before parsing.
 */
function contentText(content: unknown): string | null {
  if (asString(get(content, "src")) !== undefined) return null;
  const type = asString(get(content, "type"))?.toLowerCase() ?? "text";
  if (type === "base64") return htmlTextOrNull(decodeBase64Text(asString(get(content, "value")) ?? ""));
  if (type === "text" || type === "text/plain") return plainTextOrNull(get(content, "value"));
  const textual = type === "html" || type === "xhtml" || type.startsWith("text/") || type.includes("xml");
  return textual ? htmlTextOrNull(get(content, "value")) : null;
}
