// Cuts what is not the sentence from a quotable span: a leading byline run into a dateline ("By
// Ana Ruiz SANTIAGO (Harbor Wire) - "), a leading "(CNN) --", and a trailing photo credit. The rest stays verbatim.
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

/** "By " opening a byline (capital B only: "by" starts sentences of lowercased text too). */
const BYLINE_START = /^By\s+/u;
/** One word of a writer's name or desk ("Ana", "ZEKE", "O'Neil-Díaz,", "Associated"), bounded. */
const BYLINE_WORD = /^\p{Lu}[\p{L}.'\u2019-]{0,30},?\s+/u;
/** Words a byline holds before its dateline: a name is two at least ("By Monday NATO - ..." is no byline). */
const MIN_BYLINE_WORDS = 2;
const MAX_BYLINE_WORDS = 6;

/** A leading dateline, when it is one: three capitals in a row or an agency tag ("A - " is not). */
function datelineAt(text: string): RegExpExecArray | null {
  const dateline = DATELINE.exec(text) ?? AGENCY_ONLY.exec(text);
  return dateline && /\p{Lu}{3}|\(/u.test(dateline[0]) ? dateline : null;
}

/**
 * Length of a byline that runs into a dateline ("By Ana Ruiz SANTIAGO (Harbor Wire) - ", "By ZEKE
 * MILLER Associated Press WASHINGTON (AP) — "), or 0. Only a byline a dateline follows is cut, so a
 * sentence that begins "By Sunday, ..." stays whole.
 */
function bylineBeforeDateline(text: string): number {
  const by = BYLINE_START.exec(text);
  if (!by) return 0;
  let at = by[0].length;
  for (let words = 1; words <= MAX_BYLINE_WORDS; words++) {
    const word = BYLINE_WORD.exec(text.slice(at));
    if (!word) return 0;
    at += word[0].length;
    if (words >= MIN_BYLINE_WORDS && datelineAt(text.slice(at))) return at;
  }
  return 0;
}

/** The span without its byline, dateline, agency tag or photo credit; the span itself when nothing is cut. */
export function trimQuote(span: SentenceSpan): SentenceSpan {
  let { text, start, end } = span;
  const byline = bylineBeforeDateline(text);
  const dateline = datelineAt(text.slice(byline));
  const cut = dateline ? byline + dateline[0].length : 0;
  if (cut > 0 && cut < text.length - 20) {
    text = text.slice(cut);
    start += cut;
  }
  const credit = TRAILING_CREDIT.exec(text);
  if (credit && credit.index > 20) {
    text = text.slice(0, credit.index);
    end = start + text.length;
  }
  if (text === span.text) return span;
  return { ...span, text, start, end };
}
