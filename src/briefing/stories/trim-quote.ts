// Cuts what is not the sentence from a quotable span: a leading dateline ("SANTIAGO (Harbor
// Wire) - "), a leading "(CNN) --", and a trailing photo credit. The rest stays verbatim.
import type { SentenceSpan } from "./split-sentences.js";

/**
 * "WASHINGTON (Reuters) - ", "LONDON, Jan 12 (Reuters) — ", "SANTIAGO (Harbor Wire) - ",
 * "WASHINGTON — ": a city in capitals, an optional date after a comma, an optional agency in
 * parentheses, then a dash. Every part is bounded, so the pattern cannot backtrack far.
 */
const DATELINE =
  /^\p{Lu}[\p{Lu}.'\u2019 -]{1,40}?(?:,[^(),\n\u2013\u2014]{1,30})?(?:\s*\([^()\n]{1,40}\))?\s*(?:--|[-\u2013\u2014:])\s+/u;
/** "(CNN) -- ", "(AP) — ": an agency alone. */
const AGENCY_ONLY = /^\([^()\n]{1,40}\)\s*(?:--|[-\u2013\u2014:])?\s+/u;
/** " (Photo: Getty Images)", " (AP Photo/Jane Doe)", " [Image credit: ...]" at the end. */
const TRAILING_CREDIT =
  /\s*[([](?:photo|image|picture|credit|file photo|ap photo|reuters|getty|afp)\b[^()[\]\n]{0,120}[)\]]\s*$/iu;

/** The span without its dateline, agency tag or photo credit; the span itself when nothing is cut. */
export function trimQuote(span: SentenceSpan): SentenceSpan {
  let { text, start, end } = span;
  const dateline = DATELINE.exec(text) ?? AGENCY_ONLY.exec(text);
  // Only three capitals in a row or an agency tag make a dateline, so "A - " is never cut.
  if (dateline && /\p{Lu}{3}|\(/u.test(dateline[0]) && dateline[0].length < text.length - 20) {
    text = text.slice(dateline[0].length);
    start += dateline[0].length;
  }
  const credit = TRAILING_CREDIT.exec(text);
  if (credit && credit.index > 20) {
    text = text.slice(0, credit.index);
    end = start + text.length;
  }
  if (text === span.text) return span;
  return { ...span, text, start, end };
}
