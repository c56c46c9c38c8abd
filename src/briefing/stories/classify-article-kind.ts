// Tells news from opinion/analysis and from other copy (press releases, reviews) using only what a
// feed gives: outlet and categories, URL path words, title markers, and the prose itself.

import type { ArticleKind } from "../article.js";

export interface ArticleKindInput {
  title: string;
  url: string | null;
  text: string;
  /** The feed's or outlet's title ("Fox News Opinion", "Guardian Comment is free"). */
  outlet?: string | null;
  /** The item's own categories or tags, as the feed gave them. */
  categories?: readonly string[];
  /** The byline, when the feed or page gave one. */
  author?: string | null;
}

export interface ArticleKindResult {
  kind: ArticleKind;
  /** Short and human-readable: which signal decided, e.g. `url path "/opinion/"`. */
  reason: string;
}

/** Section words as they appear in URL paths, feed names and categories. */
const OPINION_WORDS = new Set([
  "opinion",
  "opinions",
  "editorial",
  "editorials",
  "commentisfree",
  "comment",
  "commentary",
  "column",
  "columns",
  "columnist",
  "columnists",
  "op-ed",
  "oped",
  "op-eds",
  "opeds",
  "analysis",
  "views",
  "perspective",
  "perspectives",
  "letters",
  "ideas",
  "guest",
]);
const OTHER_WORDS = new Set(["press-release", "press-releases", "pressrelease", "sponsored", "review", "reviews"]);

/** Feed or outlet names that declare a section: "X - Opinion", "Guest Writer", "NPR Editorial". */
const OUTLET_OPINION =
  /\b(?:opinion|opinions|editorials?|op-?eds?|commentary|comment is free|columns?|columnists?|guest writers?|letters to the editor|the flip side)\b/i;
const OUTLET_OTHER = /\b(?:press releases?|newswire|pr newswire|business wire|globe ?newswire|reviews)\b/i;
const TITLE_OPINION =
  /^(?:opinion|op-?ed|editorial|column|analysis|commentary|perspective|letters?|guest (?:essay|column)|the view|view|our view|my view|viewpoint)\s*[:|\u2013\u2014-]\s*/i;
const TITLE_OTHER = /^(?:press release|sponsored|review|advertisement)\s*[:|\u2013\u2014-]\s*/i;

/**
 * Words are runs of /[\p{L}\p{N}'\u2019]+/u (see countSignals); the signal words are ASCII, with \u2019 read as "'".
 * The lists and their weights in classifyProse were chosen on one half of the AllSides dev set and checked
 * on the other, both ways (docs/decisions/013-trustworthy-cards.md, 2026-12-07 kind section).
 */
const FIRST_SINGULAR = new Set(["i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"]);
const FIRST_PLURAL = new Set(["we", "us", "our", "ours", "ourselves", "we're", "we've", "we'd", "we'll"]);
/** Reporting attributes what it states to someone. */
const ATTRIBUTION = new Set(["said", "says", "told"]);
/** Reporting's sources by role. */
const SOURCES = new Set([
  "officials",
  "official",
  "reporters",
  "spokesman",
  "spokeswoman",
  "spokesperson",
  "statement",
  "interview",
]);
/** Reporting dates what happened by weekday. */
const WEEKDAYS = new Set(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]);
/** How argument reports argument: a writer's own case, or a roundup of others' ("the left argues"). */
const ARGUING = new Set([
  "argue",
  "argues",
  "argued",
  "arguing",
  "contend",
  "contends",
  "writes",
  "insists",
  "believes",
]);
/** Argument answers a position; reporting states what happened. */
const NEGATION = new Set(["not", "no", "never", "nothing", "nor"]);
/** Words of the writer's judgment; a rough, general subjectivity signal (see loaded-words.ts for the card's list). */
const JUDGMENT = new Set([
  "should",
  "must",
  "ought",
  "shouldn't",
  "absurd",
  "ridiculous",
  "disgrace",
  "disgraceful",
  "shameful",
  "outrageous",
  "pathetic",
  "foolish",
  "stupid",
  "hypocrisy",
  "hypocritical",
  "obviously",
  "clearly",
  "surely",
  "frankly",
  "honestly",
  "indeed",
  "perhaps",
  "arguably",
  "simply",
  "truly",
  "terrible",
  "awful",
  "wonderful",
  "brilliant",
  "insane",
  "nonsense",
  "nobody",
  "everyone",
  "believe",
  "think",
]);

function pathWords(url: string | null): string[] {
  if (!url) return [];
  let path: string;
  try {
    const parsed = new URL(url);
    path = `${parsed.hostname.split(".")[0] ?? ""}/${parsed.pathname}`;
  } catch {
    return [];
  }
  return path
    .toLowerCase()
    .split("/")
    .filter((segment) => segment.length > 0 && segment.length < 40);
}

/** Strips text inside quotation marks: quoted speakers' "I" and "you" are not the writer's. */
function outsideQuotes(text: string): string {
  return text.replace(/\u201c[^\u201d]{0,2000}(?:\u201d|$)|"[^"]{0,2000}(?:"|$)/g, " ");
}

/** Classifies one article; pure, linear in the text, and bounded (only the first PROSE_CHARS characters of the text are read). */
export function classifyArticleKind(input: ArticleKindInput): ArticleKindResult {
  const title = input.title.trim();
  for (const segment of pathWords(input.url)) {
    if (OPINION_WORDS.has(segment) && segment !== "guest" && segment !== "ideas")
      return { kind: "opinion", reason: `url path "/${segment}/"` };
    if (OTHER_WORDS.has(segment)) return { kind: "other", reason: `url path "/${segment}/"` };
  }
  for (const category of input.categories ?? []) {
    const c = category.trim().toLowerCase().replace(/\s+/g, "-");
    if (OPINION_WORDS.has(c) || OUTLET_OPINION.test(category))
      return { kind: "opinion", reason: `category "${category.trim()}"` };
    if (OTHER_WORDS.has(c) || OUTLET_OTHER.test(category))
      return { kind: "other", reason: `category "${category.trim()}"` };
  }
  const outlet = input.outlet?.trim() ?? "";
  if (outlet && OUTLET_OPINION.test(outlet)) return { kind: "opinion", reason: `outlet "${outlet}"` };
  if (outlet && OUTLET_OTHER.test(outlet)) return { kind: "other", reason: `outlet "${outlet}"` };
  const titleMarker = TITLE_OPINION.exec(title);
  if (titleMarker) return { kind: "opinion", reason: `title marker "${titleMarker[0].trim()}"` };
  const otherMarker = TITLE_OTHER.exec(title);
  if (otherMarker) return { kind: "other", reason: `title marker "${otherMarker[0].trim()}"` };
  if (
    input.author &&
    /\b(?:guest (?:writer|columnist|contributor)|columnist|opinion|editorial board)\b/i.test(input.author)
  )
    return { kind: "opinion", reason: `byline "${input.author.trim()}"` };
  return classifyProse(input.text.slice(0, PROSE_CHARS));
}

/** The prose signals: who speaks (I, we), how it asks, argues and judges, and how it attributes and dates. */
function classifyProse(text: string): ArticleKindResult {
  const own = outsideQuotes(text).toLowerCase();
  const { words, first, plural, attribution, sources, weekdays, arguing, negation, judgment } = countSignals(own);
  // A roundup of columns is mostly long quotations framed by "the left argues"; a report quotes less.
  const quoted = text.length > 0 ? 1 - own.length / text.length : 0;
  if (words < 40 && (quoted < SHORT_QUOTED || text.length < SHORT_CHARS))
    return { kind: "news", reason: "too short to tell; news by default" };
  let questions = 0;
  for (let at = own.indexOf("?"); at !== -1; at = own.indexOf("?", at + 1)) questions++;
  const per100 = 100 / Math.max(words, 1);
  // A logistic score on rates per 100 words outside quotes (weights in the lists' comment's record).
  const score =
    first * per100 * 0.1 +
    plural * per100 * 0.4 +
    judgment * per100 * 0.5 +
    questions * per100 * 0.7 +
    arguing * per100 * 0.75 +
    negation * per100 * 0.5 +
    quoted * 3.0 -
    attribution * per100 * 2.0 -
    sources * per100 * 0.8 -
    weekdays * per100 * 0.85;
  const rate = (n: number) => (n * per100).toFixed(1);
  const detail = `per 100 words: I ${rate(first)}, we ${rate(plural)}, judgment ${rate(judgment)}, questions ${rate(questions)}, arguing ${rate(arguing)}, negation ${rate(negation)}, said ${rate(attribution)}, sources ${rate(sources)}, weekdays ${rate(weekdays)}; quoted ${Math.round(quoted * 100)}% of text`;
  return score > PROSE_THRESHOLD
    ? { kind: "opinion", reason: `prose reads as opinion (${detail})` }
    : { kind: "news", reason: `prose reads as reporting (${detail})` };
}

type Signal = "first" | "plural" | "attribution" | "sources" | "weekdays" | "arguing" | "negation" | "judgment";

/** The rolling hash countSignals computes over a word as it scans it ("\u2019" counted as "'"). */
function stepHash(hash: number, code: number): number {
  return (Math.imul(hash, 31) + (code === 0x2019 ? 39 : code)) | 0;
}

/** The signal words by hash, so a word is sliced out and compared only when its hash is a signal word's. */
const SIGNALS = new Map<number, { word: string; signal: Signal }[]>();
for (const [set, signal] of [
  [FIRST_SINGULAR, "first"],
  [FIRST_PLURAL, "plural"],
  [ATTRIBUTION, "attribution"],
  [SOURCES, "sources"],
  [WEEKDAYS, "weekdays"],
  [ARGUING, "arguing"],
  [NEGATION, "negation"],
  [JUDGMENT, "judgment"],
] as const) {
  for (const word of set) {
    let hash = 0;
    for (let i = 0; i < word.length; i++) hash = stepHash(hash, word.charCodeAt(i));
    SIGNALS.set(hash, [...(SIGNALS.get(hash) ?? []), { word, signal }]);
  }
}
const LONGEST_SIGNAL = Math.max(...[...SIGNALS.values()].flat().map(({ word }) => word.length));

/** ASCII word characters: a-z, A-Z, 0-9 and "'". */
const ASCII_WORD_CHAR = new Uint8Array(0x80);
for (let c = 0; c < 0x80; c++) ASCII_WORD_CHAR[c] = /[A-Za-z0-9']/.test(String.fromCharCode(c)) ? 1 : 0;
/** Per BMP code unit outside ASCII: 0 not yet known, 1 a word character (\p{L} or \p{N}), 2 not. */
const WIDE_WORD_CHAR = new Uint8Array(0x10000);
WIDE_WORD_CHAR[0x2019] = 1;
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/** How many code units the word character at `i` takes (1, or 2 for a surrogate pair); 0 when it is none. */
function wordCharWidth(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0x80) return ASCII_WORD_CHAR[code] as number;
  if (code >= 0xd800 && code <= 0xdbff) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return LETTER_OR_NUMBER.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  let known = WIDE_WORD_CHAR[code];
  if (known === 0) {
    // A lone surrogate lands here too, and is no letter.
    known = LETTER_OR_NUMBER.test(String.fromCharCode(code)) ? 1 : 2;
    WIDE_WORD_CHAR[code] = known;
  }
  return known === 1 ? 1 : 0;
}

/**
 * The words of `own` (runs of word characters) and how many carry each signal, in one pass that
 * slices out only the words whose hash is a signal word's: matching every word into an array and
 * rewriting each one's apostrophes was about a quarter of ingest's main-thread time (docs/decisions/016).
 */
function countSignals(own: string): { words: number } & Record<Signal, number> {
  const counts = {
    words: 0,
    first: 0,
    plural: 0,
    attribution: 0,
    sources: 0,
    weekdays: 0,
    arguing: 0,
    negation: 0,
    judgment: 0,
  };
  const length = own.length;
  let i = 0;
  while (i < length) {
    let width = wordCharWidth(own, i);
    if (width === 0) {
      i++;
      continue;
    }
    const start = i;
    // Signal words are ASCII once \u2019 reads as "'": a word with any other wide character is none.
    let plain = true;
    let curly = false;
    let hash = 0;
    do {
      const code = own.charCodeAt(i);
      if (code >= 0x80) {
        if (code === 0x2019) curly = true;
        else plain = false;
      }
      hash = stepHash(hash, code);
      i += width;
      width = i < length ? wordCharWidth(own, i) : 0;
    } while (width !== 0);
    counts.words++;
    if (!plain || i - start > LONGEST_SIGNAL) continue;
    const candidates = SIGNALS.get(hash);
    if (candidates === undefined) continue;
    const word = curly ? own.slice(start, i).replaceAll("\u2019", "'") : own.slice(start, i);
    const found = candidates.find((candidate) => candidate.word === word);
    if (found !== undefined) counts[found.signal]++;
  }
  return counts;
}

/** The prose signals show early; reading 6,000 characters instead of 20,000 cost 0.005 accuracy on the dev set. */
export const PROSE_CHARS = 6_000;

/** The score's intercept, chosen with the weights (docs/decisions/013-trustworthy-cards.md). */
const PROSE_THRESHOLD = 0.9;
/** Under 40 words of the writer's own, only a text mostly in quotation marks is read (a roundup of columns). */
const SHORT_QUOTED = 0.5;
const SHORT_CHARS = 400;
