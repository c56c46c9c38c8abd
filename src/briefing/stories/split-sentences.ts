// Sentence boundaries for extractive summaries: every sentence is a verbatim span of the input,
// so a summary quotes its article exactly. Lines and bullets are boundaries; abbreviations,
// initials, decimals, URLs and quotes closing after the stop are not. One pass, linear time.

export interface SentenceSpan {
  /** Exactly `input.slice(start, end)`: no surrounding whitespace, no bullet marker. */
  text: string;
  start: number;
  end: number;
  /** Index of the line (paragraph, bullet, heading) the sentence is on; lines are paragraphs. */
  paragraph: number;
  /** Index of the sentence in the whole input. */
  index: number;
}

/** Titles that stand before a name and never end a sentence: "Mr. Smith", "Gov. Newsom". */
const NEVER_FINAL = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "gov",
  "sen",
  "rep",
  "st",
  "gen",
  "col",
  "lt",
  "sgt",
  "capt",
  "cmdr",
  "adm",
  "maj",
  "rev",
  "hon",
  "pres",
  "supt",
  "insp",
  "det",
  "messrs",
  "mt",
  "ft",
  "vs",
  "v",
  "e.g",
  "i.e",
  "cf",
  "approx",
  "dept",
  "est",
  "fig",
]);

/** Abbreviations that end a sentence only when the next word is not a number: "No. 5", "Jan. 12". */
const BEFORE_NUMBER = new Set([
  "no",
  "nos",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "p",
  "pp",
  "vol",
  "art",
  "sec",
  "ch",
]);

/**
 * Words that after a dotted abbreviation ("U.S.", "a.m.") almost always start a new sentence;
 * any other capitalized word is more likely a name continuing it ("U.S. President Trump").
 */
const SENTENCE_STARTERS = new Set([
  "a",
  "after",
  "an",
  "and",
  "as",
  "at",
  "but",
  "during",
  "for",
  "he",
  "her",
  "his",
  "however",
  "i",
  "if",
  "in",
  "it",
  "its",
  "meanwhile",
  "on",
  "our",
  "she",
  "since",
  "so",
  "that",
  "the",
  "their",
  "there",
  "these",
  "they",
  "this",
  "those",
  "we",
  "when",
  "while",
  "yet",
  "you",
]);

const TERMINATOR = /[.!?\u2026]/;
/** Closing quotes and brackets that belong to the sentence they follow: `...he said."`. */
const CLOSER = /["'\u201d\u2019\u00bb)\]]/;
/** Marks a line as a list item: "- ", "• ", "* ", "1. ", "2) " (removed from the sentence). */
const BULLET = /^(?:[-\u2022*\u25aa\u25e6\u2023\u2013\u2014\u00b7]|\d{1,3}[.)])[ \t\u00a0]+/;
const SPACE = /[ \t\f\v\r\u00a0\u2000-\u200b\u202f\u205f\u3000]/;

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && SPACE.test(ch);
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isLower(ch: string): boolean {
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/** Splits `text` into sentence spans in reading order. */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let paragraph = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (splitLine(text, lineStart, lineEnd, paragraph, spans)) paragraph++;
    lineStart = lineEnd + 1;
  }
  return spans;
}

/** Adds the sentences of one line to `spans`; true when the line had any. */
function splitLine(text: string, from: number, to: number, paragraph: number, spans: SentenceSpan[]): boolean {
  let start = from;
  while (start < to && isSpace(text[start])) start++;
  if (start >= to) return false;
  const bullet = BULLET.exec(text.slice(start, Math.min(to, start + 8)));
  if (bullet && start + bullet[0].length < to) start += bullet[0].length;
  const before = spans.length;
  let i = start;
  while (i < to) {
    const code = text.charCodeAt(i);
    // ".", "!", "?", "…": a char code test, as this loop visits every character.
    if (code !== 46 && code !== 33 && code !== 63 && code !== 0x2026) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < to && TERMINATOR.test(text[end] as string)) end++;
    while (end < to && CLOSER.test(text[end] as string)) end++;
    // A stop inside a word ("3.5", "example.com", "U.S.A") is never a boundary.
    if (end < to && !isSpace(text[end])) {
      i = end;
      continue;
    }
    let next = end;
    while (next < to && isSpace(text[next])) next++;
    // Tokenized text (` .` then `''`): the closing-quote token belongs to the sentence before.
    if (text[i - 1] === " " && text.startsWith("''", next)) {
      end = next + 2;
      next = end;
      while (next < to && isSpace(text[next])) next++;
    }
    if (next >= to) break;
    if (isBoundary(text, start, i, end, next)) {
      pushSpan(text, start, end, paragraph, spans);
      start = next;
    }
    i = end;
  }
  pushSpan(text, start, to, paragraph, spans);
  return spans.length > before;
}

function pushSpan(text: string, start: number, end: number, paragraph: number, spans: SentenceSpan[]): void {
  let s = start;
  let e = end;
  while (s < e && isSpace(text[s])) s++;
  while (e > s && isSpace(text[e - 1])) e--;
  if (e > s) spans.push({ text: text.slice(s, e), start: s, end: e, paragraph, index: spans.length });
}

/**
 * Whether the stop at `stop` (its run and closers ending at `end`) ends the sentence that began
 * at `start`, given the next sentence would begin at `next`.
 */
function isBoundary(text: string, start: number, stop: number, end: number, next: number): boolean {
  const following = text[next] as string;
  // Tokenized text writes the stop as its own token (" . "): always a boundary, whatever the case.
  if (isSpace(text[stop - 1])) return true;
  if (isLower(following)) return false;
  // "?", "!", an ellipsis, or a stop followed by a closing quote, before a non-lowercase start.
  if (text[stop] !== "." || end - stop > 1) return true;
  let wordStart = stop;
  while (wordStart > start && !isSpace(text[wordStart - 1]) && text[wordStart - 1] !== "(") wordStart--;
  const word = text
    .slice(wordStart, stop)
    .replace(/^["'\u201c\u2018]+/, "")
    .toLowerCase();
  if (NEVER_FINAL.has(word)) return false;
  if (BEFORE_NUMBER.has(word)) return !/[0-9]/.test(following);
  // An initial: "J. R. R. Tolkien", "Donald J. Trump".
  if (word.length === 1 && isUpper(text[stop - 1] as string)) return false;
  // A dotted abbreviation ("U.S.", "a.m."): a boundary only before a typical sentence opener.
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) {
    const nextWord = /^[\p{L}]+/u.exec(text.slice(next, next + 20))?.[0]?.toLowerCase() ?? "";
    return SENTENCE_STARTERS.has(nextWord);
  }
  return true;
}
