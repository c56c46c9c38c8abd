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
