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

const WORD = /[\p{L}\p{N}'\u2019]+/gu;
const FIRST_SINGULAR = new Set(["i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"]);
const FIRST_PLURAL = new Set(["we", "us", "our", "ours", "ourselves", "we're", "we've", "we'd", "we'll"]);
const SECOND = new Set(["you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll", "you'd"]);
const ATTRIBUTION = new Set([
  "said",
  "told",
  "according",
  "announced",
  "spokesman",
  "spokeswoman",
  "spokesperson",
  "reported",
  "statement",
]);
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

/** The prose signals: who speaks (I, we, you), how it asks, judges and attributes. */
function classifyProse(text: string): ArticleKindResult {
  const own = outsideQuotes(text).toLowerCase();
  const words = own.match(WORD) ?? [];
  if (words.length < 40) return { kind: "news", reason: "too short to tell; news by default" };
  let first = 0;
  let plural = 0;
  let second = 0;
  let attribution = 0;
  let judgment = 0;
  for (const raw of words) {
    const w = raw.replace(/\u2019/g, "'");
    if (FIRST_SINGULAR.has(w)) first++;
    else if (FIRST_PLURAL.has(w)) plural++;
    else if (SECOND.has(w)) second++;
    else if (ATTRIBUTION.has(w)) attribution++;
    else if (JUDGMENT.has(w)) judgment++;
  }
  const questions = (own.match(/\?/g) ?? []).length;
  const per100 = 100 / words.length;
  // Opinion evidence per 100 words, offset by attribution (reporting names its sources).
  const score =
    first * per100 * 1.0 +
    plural * per100 * 0.5 +
    second * per100 * 1.0 +
    judgment * per100 * 0.8 +
    questions * per100 * 3 -
    attribution * per100 * 2.0;
  const detail = `per 100 words: I ${(first * per100).toFixed(1)}, we ${(plural * per100).toFixed(1)}, you ${(second * per100).toFixed(1)}, judgment ${(judgment * per100).toFixed(1)}, questions ${(questions * per100).toFixed(1)}, attribution ${(attribution * per100).toFixed(1)}`;
  return score > PROSE_THRESHOLD
    ? { kind: "opinion", reason: `prose reads as opinion (${detail})` }
    : { kind: "news", reason: `prose reads as reporting (${detail})` };
}

/** The prose signals show early; reading 6,000 characters instead of 20,000 cost 0.005 accuracy on the dev set. */
const PROSE_CHARS = 6_000;

/** Chosen on the AllSides dev set (docs/decisions/013-trustworthy-cards.md). */
const PROSE_THRESHOLD = 0.5;
