// The pure decision whether a feed item's text is a teaser worth replacing with its page's text:
// short, or visibly cut off. The feed's `fulltext` setting can force it either way.
import type { NewArticle } from "../article.js";
import type { FulltextMode } from "../feed.js";

/**
 * Under this many words a feed's text is a teaser, not an article: a card summarized from one
 * paragraph is no briefing (the figure; wire stories run 300-800 words).
 */
export const TEASER_WORDS = 120;

/**
 * Endings publishers put on cut text: an ellipsis (also "[…]", "[...]"), "Read more", "Continue
 * reading". Matched against a lower-cased tail: the same regexes case-insensitive with Unicode took
 * about 2.5 times as long on ingest's hot path.
 */
const CUT_MARKERS = [
  /(?:\.\.\.|…)\s*\]?\s*$/,
  /\[\s*(?:\.\.\.|…)\s*\]/,
  /\b(?:read|see|view) (?:more|the (?:full|whole|rest)|full (?:story|article))\b[^\n]{0,60}$/,
  /\bcontinue reading\b/,
];

/**
 * Words in `text`, counted up to `limit` at most: ingest only asks whether an article reaches
 * TEASER_WORDS, and counting every word of every article took about 6% of its main thread's time.
 */
export function countWords(text: string, limit = Number.POSITIVE_INFINITY): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length && words < limit; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 160;
    if (!space && !inWord) words += 1;
    inWord = !space;
  }
  return words;
}

export function looksCut(text: string): boolean {
  const tail = text.slice(-400).toLowerCase();
  return CUT_MARKERS.some((marker) => marker.test(tail));
}

/** Whether the text alone reads as a teaser: short, or visibly cut off (what `auto` fetches a page for). */
export function isTeaser(text: string): boolean {
  return countWords(text, TEASER_WORDS) < TEASER_WORDS || looksCut(text);
}

/**
 * Whether to fetch the item's page. No link, no page; `never` and `always` overrule the text.
 * `teaser` is isTeaser(article.text) when already known (the parser worker works it out).
 */
export function needsFullText(
  article: { url: string | null; text: string },
  mode: FulltextMode,
  teaser?: boolean,
): boolean {
  if (article.url === null || mode === "never") return false;
  if (mode === "always") return true;
  return teaser ?? isTeaser(article.text);
}

/** The article with `wantsFullText` set by its feed's mode: what ingestion hands the store. */
export function withFullTextWish(article: NewArticle, mode: FulltextMode, teaser?: boolean): NewArticle {
  return { ...article, wantsFullText: needsFullText(article, mode, teaser) };
}
