// Turns a parsed feed item into a storable article: canonical URL, a date (the fetch time, flagged,
// when the feed gave none) and a content hash that makes syndicated copies one article.
import { createHash } from "node:crypto";
import type { NewArticle } from "../../briefing/article.js";
import { canonicalizeUrl } from "../../briefing/feeds/canonical-url.js";
import type { FeedItem } from "../../briefing/parsed-feed.js";

/**
 * Below this many words the text says too little to identify an article on its own ("Read more",
 * an empty description), so the hash also covers the link, and two teasers never merge.
 */
const MIN_WORDS_FOR_CONTENT_IDENTITY = 25;

/** Case, Unicode form and whitespace runs do not make a different article. */
function fold(text: string): string {
  // `[^\S ]` is whitespace other than a plain space: replacing only runs and odd spaces is the
  // same as collapsing every /\s+/, at a third of the cost on the ingest hot path.
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s{2,}|[^\S ]/g, " ")
    .trim();
}

/** True when `text` has at least `n` words (stops counting there: texts can be long). */
function hasWords(text: string, n: number): boolean {
  if (text === "") return false;
  let words = 1;
  for (let i = text.indexOf(" "); i !== -1 && words < n; i = text.indexOf(" ", i + 1)) words += 1;
  return words >= n;
}

export function contentHash(title: string, text: string, fallbackKey: string): string {
  const body = fold(text);
  const material = hasWords(body, MIN_WORDS_FOR_CONTENT_IDENTITY)
    ? `${fold(title)}\n${body}`
    : `${fold(title)}\n${body}\n${fallbackKey}`;
  return createHash("sha256").update(material).digest("base64url").slice(0, 32);
}

/** The item's canonical URL (null without a link) and its text: the fetch-time-free part of an article. */
export function normalizedUrl(item: FeedItem): string | null {
  return item.link ? canonicalizeUrl(item.link) : null;
}

export function normalizedText(item: FeedItem): string {
  return item.text || item.summary || "";
}

/** The content hash of `normalizeArticle(item)`, given its normalised URL. */
export function itemContentHash(item: FeedItem, url: string | null): string {
  return contentHash(item.title, normalizedText(item), url ?? item.id ?? "");
}

/**
 * The article as the store receives it. The canonical URL and content hash come from the item's
 * `prepared` part when the parser worker computed them (with normalizedUrl and itemContentHash).
 */
export function normalizeArticle(item: FeedItem, fetchedAt: number): NewArticle {
  const prepared = item.prepared;
  const url = prepared ? prepared.url : normalizedUrl(item);
  const text = normalizedText(item);
  return {
    url,
    guid: item.id,
    title: item.title,
    author: item.author,
    publishedAt: item.publishedAt ?? fetchedAt,
    publishedAtEstimated: item.publishedAt === null,
    fetchedAt,
    summary: item.summary,
    text,
    contentHash: prepared ? prepared.contentHash : itemContentHash(item, url),
    language: item.language,
  };
}
