// Small helpers shared by the RSS, Atom and JSON Feed normalizers: narrowing feedsmith's loosely
// shaped output (treated as unknown, since real feeds break its declared types) and the item rules
// every format shares (text fields, dates by preference, fallback titles, absolute links).
import type { FeedItem } from "../../briefing/parsed-feed.js";
import { absoluteHttpUrl } from "./discover-feed-links.js";
import { htmlToLine, htmlToText, plainTextToParagraphs } from "./html-to-text.js";
import { parseFeedDate } from "./parse-feed-date.js";

export type Raw = Record<string, unknown>;

/** Where links resolve and which defaults an item inherits from its feed. */
export interface FeedContext {
  /** Base for relative links: xml:base resolved against the feed URL, or the feed URL. */
  base: string | null;
  language: string | null;
  author: string | null;
}

export interface XmlFeedDefaults {
  feedUrl: string;
  /** xml:base of the root and channel elements, resolved against the feed URL. */
  base: string | null;
  /** xml:lang of the root or channel element. */
  language: string | null;
}

/** Rels that may stand in for a missing alternate link: they still point at a readable page. */
const FALLBACK_RELS = new Set(["related", "via"]);

/** The page an Atom link list points at: the first alternate (or rel-less) link, else related/via. */
export function pickAtomLink(links: unknown, base: string | null): string | null {
  let fallback: string | null = null;
  for (const link of asArray(links)) {
    const rel = asString(get(link, "rel"))?.toLowerCase() ?? "alternate";
    if (rel === "alternate") {
      const href = resolveLink(get(link, "href"), base);
      if (href !== null) return href;
    } else if (fallback === null && FALLBACK_RELS.has(rel)) {
      fallback = resolveLink(get(link, "href"), base);
    }
  }
  return fallback;
}

export function asRecord(value: unknown): Raw | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Raw) : undefined;
}

/** A list whatever feedsmith gave: an array, a single value, or nothing. */
export function asArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/** A non-empty trimmed string (numbers accepted, since ids and guids are sometimes numeric). */
export function asString(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

export function firstString(value: unknown): string | undefined {
  for (const entry of asArray(value)) {
    const text = asString(entry);
    if (text !== undefined) return text;
  }
  return undefined;
}

/** Path lookup on unknown data: get(item, "content", "encoded"). */
export function get(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    const record = asRecord(current);
    if (record === undefined) return undefined;
    current = record[key];
  }
  return current;
}

/** HTML (or plain text) as one line of text; null when nothing is left. */
export function lineOrNull(value: unknown): string | null {
  const text = asString(value);
  if (text === undefined) return null;
  const line = htmlToLine(text);
  return line === "" ? null : line;
}

/**
 * Markup a title may carry as formatting. Titles are text that producers often escape HTML into,
 * so any other tag-like run ("History of the <blink> tag") is kept as the words it is.
 */
const TITLE_FORMATTING = new Set([
  "a",
  "abbr",
  "b",
  "bdi",
  "bdo",
  "big",
  "br",
  "cite",
  "code",
  "del",
  "dfn",
  "em",
  "font",
  "i",
  "ins",
  "kbd",
  "mark",
  "q",
  "s",
  "samp",
  "small",
  "span",
  "strike",
  "strong",
  "sub",
  "sup",
  "time",
  "tt",
  "u",
  "var",
  "wbr",
]);
const TAG_START = /<(\/?)([A-Za-z][A-Za-z0-9-]*)/g;

/** An RSS or JSON Feed title (text that may hold formatting markup) as one line; null when empty. */
export function titleOrNull(value: unknown): string | null {
  const text = asString(value);
  if (text === undefined) return null;
  const kept = text.replace(TAG_START, (tag: string, slash: string, name: string) =>
    TITLE_FORMATTING.has(name.toLowerCase()) ? tag : `&lt;${slash}${name}`,
  );
  const line = htmlToLine(kept);
  return line === "" ? null : line;
}

/** Plain text as one line (no markup read); null when nothing is left. */
export function plainLineOrNull(value: unknown): string | null {
  const text = asString(value);
  if (text === undefined) return null;
  const line = text.replace(/\s+/g, " ").trim();
  return line === "" ? null : line;
}

/** An Atom text construct by its type: "text" is plain, "html" and "xhtml" are markup (RFC 4287 3.1). */
export function atomTextOrNull(construct: unknown, form: "line" | "paragraphs"): string | null {
  const value = get(construct, "value") ?? (typeof construct === "string" ? construct : undefined);
  const type = asString(get(construct, "type"))?.toLowerCase() ?? "text";
  if (type === "text" || type === "text/plain")
    return form === "line" ? plainLineOrNull(value) : plainTextOrNull(value);
  return form === "line" ? titleOrNull(value) : htmlTextOrNull(value);
}

/** Distinct non-empty category names in document order. */
export function categoryList(...names: unknown[]): string[] {
  const seen = new Set<string>();
  for (const name of names) {
    const line = lineOrNull(name);
    if (line !== null) seen.add(line);
  }
  return [...seen];
}

/** HTML as paragraphs of text; null when nothing is left. */
export function htmlTextOrNull(value: unknown): string | null {
  const text = asString(value);
  if (text === undefined) return null;
  const result = htmlToText(text);
  return result === "" ? null : result;
}

/** Text known to be plain (JSON Feed content_text): paragraphs kept, no markup interpretation. */
export function plainTextOrNull(value: unknown): string | null {
  const text = asString(value);
  if (text === undefined) return null;
  const result = plainTextToParagraphs(text);
  return result === "" ? null : result;
}

/** The first candidate that parses as a date, in the caller's order of preference. */
export function firstDate(...candidates: unknown[]): number | null {
  for (const candidate of candidates) {
    for (const value of asArray(candidate)) {
      const parsed = parseFeedDate(value);
      if (parsed !== null) return parsed;
    }
  }
  return null;
}

/** A link made absolute against `base`; null unless it ends up http(s). */
export function resolveLink(href: unknown, base: string | null): string | null {
  const text = asString(href);
  return text === undefined ? null : absoluteHttpUrl(text, base);
}

/** A base URL: `xmlBase` resolved against `parent`, or `parent` when absent or unusable. */
export function resolveBase(xmlBase: unknown, parent: string | null): string | null {
  const text = asString(xmlBase);
  if (text === undefined) return parent;
  try {
    return parent ? new URL(text, parent).href : new URL(text).href;
  } catch {
    return parent;
  }
}

const TITLE_WORDS = 12;

/** A title for an item that has none: the first words of its text, or "(untitled)". */
export function fallbackTitle(text: string): string {
  const words = text.split(/\s+/).filter((word) => word !== "");
  if (words.length === 0) return "(untitled)";
  const head = words.slice(0, TITLE_WORDS).join(" ");
  return words.length > TITLE_WORDS ? `${head}…` : head;
}

/** Assembles a FeedItem from normalized parts, applying the shared fallbacks. */
export function buildItem(parts: {
  id: string | undefined;
  title: string | null;
  link: string | null;
  publishedAt: number | null;
  author: string | null;
  summary: string | null;
  content: string | null;
  language: string | null;
  categories?: string[];
}): FeedItem {
  const text = parts.content ?? parts.summary ?? "";
  return {
    id: parts.id ?? null,
    title: parts.title ?? fallbackTitle(text),
    link: parts.link,
    publishedAt: parts.publishedAt,
    author: parts.author,
    summary: parts.summary,
    text,
    language: parts.language,
    // Left out when there are none, so records that predate categories compare equal.
    ...(parts.categories !== undefined && parts.categories.length > 0 ? { categories: parts.categories } : {}),
  };
}

/** The feed's title, or the feed URL's host when it has none. */
export function feedTitle(title: string | null, feedUrl: string): string {
  if (title !== null) return title;
  try {
    return new URL(feedUrl).host || feedUrl;
  } catch {
    return feedUrl || "(untitled feed)";
  }
}

/** Base64 text as UTF-8; the text itself when it is not base64 (a producer that only said it was). */
export function decodeBase64Text(text: string): string {
  const compact = text.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return text;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(compact, "base64"));
  } catch {
    return text;
  }
}
