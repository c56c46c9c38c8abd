// What a sentence looks like, independent of its neighbours: reporting (attribution, quotes,
// numbers, dates, names) versus commentary (second person, rhetorical questions, opinion
// markers) and boilerplate (bylines, captions, link lists, prompts) that a summary must never quote.

import type { SentenceSpan } from "./split-sentences.js";
import { isAttitudeWord, isLoadedWord, wordsOutsideQuotes } from "./text/loaded-words.js";

export interface SentenceFeatures {
  /** Why the sentence can never be quoted in a summary, or null. */
  boilerplate: string | null;
  /** Words (runs of letters or digits). */
  words: number;
  /** Evidence of reporting, about 0 to 1. */
  reporting: number;
  /** Evidence of commentary or framing, about 0 to 1. */
  commentary: number;
  /** Multiplier for length: 1 in the comfortable range, less for fragments and run-ons. */
  lengthFit: number;
  /** Loaded or subjective words outside quotation marks (text/loaded-words.ts). */
  loaded: number;
  /** Milder attitude words outside quotation marks ("fears", "powerful"); never commentary by themselves. */
  attitude: number;
  /** States what happens next, with a date or number: "talks are scheduled for January 22-23". */
  next: boolean;
  /**
   * The basic facts of a report, 0 to 1: a named actor, an action, a time, a named source, what
   * happens next; a quarter each (capped at 1), outside quotation marks where it is the writer's.
   */
  basics: number;
}

/** Context from the document: the whole line the sentence is on, and how many sentences it has. */
export interface SentenceContext {
  /** The sentence is the only one on its line (a heading, caption, bullet or one-line paragraph). */
  aloneOnLine: boolean;
  /** The line started with a bullet marker. */
  bullet: boolean;
}

/** Fewer words is a fragment ("Mexican STANDOFF!"), not a statement a card can quote. */
const MIN_WORDS = 6;
/** Comfortable card line: long enough to state a fact, short enough to read at a glance. */
const GOOD_MIN_WORDS = 10;
const GOOD_MAX_WORDS = 40;
/** Beyond this a sentence is a run-on, a list flattened into a line, or a split failure. */
const MAX_WORDS = 80;

const ATTRIBUTION =
  /\b(?:said|says|told|tells|announced|announces|according to|confirmed|confirms|stated|reported|added|explained|insisted|insists|warned|warns|declared|estimated|revealed|claimed|denied|denies|urged|agreed|accused|testified|wrote|acknowledged|admitted|pledged|vowed|ordered|signed|approved|rejected|voted|ruled|charged|arrested|killed|died|launched|released)\b/i;
const QUOTE = /["\u201c\u201d]|``|''/;
const NUMBER = /\d/;
const DATE_WORD =
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|january|february|march|april|june|july|august|september|october|november|december|jan|feb|aug|sept?|oct|nov|dec|last (?:week|month|year|night)|this (?:week|month|year))\b/i;

/** What happens next: schedules and plans are basic facts a reader wants. */
const NEXT =
  /\b(?:will|is (?:expected|scheduled|set|due) to|are (?:expected|scheduled|set|due) to|plans? to|next (?:week|month|year)|scheduled for|upcoming|agreed to (?:hold|meet|resume|begin|start))\b/i;
/** Attribution to a source, the writer's own (a quoted speaker's "said" inside a quote does not count). */
const SOURCED =
  /\b(?:said|says|told|according to|announced|confirmed|stated|in a statement|spokes(?:man|woman|person)|officials?|ministry|department)\b/i;

/** Second person outside quotes: the writer addressing the reader. */
const SECOND_PERSON = /\b(?:you|your|yours|you're|you've|you'll|yourself)\b/i;
/**
 * Framing and opinion: the writer explaining what the news "shows" or "means" to an audience.
 * General patterns of commentary prose, not phrases of any one text.
 */
const OPINION: RegExp[] = [
  /\b(?:this|that|these|it|which) (?:shows|showed|demonstrates|proves|illustrates|underscores|highlights|signals|suggests|means|matters|represents|reflects|reinforces|strengthens|plays to|speaks to)\b/i,
  /^(?:this|that|these|such|the|his|her|their)(?: [\w'\u2019-]+){0,3} (?:shows|demonstrates|proves|illustrates|underscores|highlights|signals|represents|reflects|reinforces|strengthens|allows|plays to|speaks to)\b/i,
  /\bshows how\b/i,
  /\b(?:the|a|one) (?:lesson|takeaway|bottom line|real story|irony|question now|big picture)\b/i,
  /\bfor [\w-]+(?:[ -][\w-]+)? (?:audiences|readers|viewers|voters like)\b/i,
  /\b[\w]+-leaning\b/i,
  /\b(?:make no mistake|needless to say|it remains to be seen|time will tell|in other words|of course|let'?s be (?:clear|honest)|the fact is|what this means|here'?s (?:why|what|the thing))\b/i,
  /\b(?:we|americans|conservatives|liberals|patriots) (?:must|should|need to|deserve)\b/i,
  /\b(?:clearly|obviously|arguably|undoubtedly|surely|sadly|thankfully|unfortunately|fortunately|ironically|shockingly)\b/i,
  /\b(?:is|are|was|were) (?:straightforward|simple|clear|obvious|telling|remarkable)\b(?!\s+(?:that|to|about))/i,
];

const BOILERPLATE: Array<[RegExp, string]> = [
  [
    /^(?:story highlights|key points|highlights|sources?|references|related(?: stories| articles| links)?|see also|more on this|advertisement|sponsored|trending|most read|recommended)\b:?\s*$/i,
    "heading",
  ],
  [
    /\b(?:click here|read more|read the full|subscribe (?:to|now|today)|sign up (?:for|to|now)|follow us|newsletter|download (?:the|our) app|share this|all rights reserved|terms of (?:use|service)|privacy policy|cookie)\b/i,
    "prompt",
  ],
  [
    /^(?:by|from|written by|reporting by|additional reporting by|edited by)\s+[\p{Lu}.][\p{L}.'\u2019-]*(?:\s+[\p{Lu}][\p{L}.'\u2019-]*){0,3}(?:\s*(?:,|and|\||-|\u2013)\s*.*)?$/iu,
    "byline",
  ],
  [/^(?:by\s*\.|published\s*:|updated\s*:|last updated\b|posted\s*:|\|\s*\.)/i, "byline"],
  [/\b(?:\(|\[)?(?:photo|image|picture|credit|file photo|illustration)\s*(?::|by|credit|\/)\s/i, "caption"],
  [/\b(?:getty images|ap photo|reuters\/|afp via|shutterstock|istock)\b/i, "caption"],
  [/^(?:image|photo|picture|video|caption|media playback|copyright|\u00a9)\b/i, "caption"],
];

/** A headline or link-list line naming its outlet: "Top diplomats meet – Prensa Latina". */
const OUTLET_SUFFIX =
  /\s[\u2013\u2014|-]\s*(?:[\p{Lu}\d][\p{L}\d.&'\u2019]*)(?:\s+(?:[\p{Lu}\d][\p{L}\d.&'\u2019]*|of|the|de|del|la|le|and|&)){0,5}\s*$/u;
/** A finite verb, roughly: an auxiliary or modal, a past form, a third-person present. */
const FINITE_VERB =
  /\b(?:is|are|was|were|be|been|am|has|have|had|will|would|can|could|shall|should|may|might|must|do|does|did|said|says|get|gets|got|went|made|took|came|left|told|gave|saw|found|won|lost|led|met|ran|hit|set|put|cut|\p{Ll}{2,}(?:ed|es)|\p{Ll}{2,}[^\s'\u2019su]s)\b/u;
const CAPITALIZED_INSIDE = /(?<=[\p{L}\p{N},;:]\s+)\p{Lu}\p{Ll}+/gu;
/** One such name, for a yes or no (no `g` flag: `test` must not carry state between calls). */
const NAME_INSIDE = /(?<=[\p{L}\p{N},;:]\s+)\p{Lu}\p{Ll}+/u;
const WORD = /[\p{L}\p{N}]+/gu;
const TERMINAL = /[.!?\u2026]["'\u201d\u2019)\]]*$|[.!?\u2026]\s*''$/;

function stripQuoted(text: string): string {
  return text.replace(/\u201c[^\u201d]*(?:\u201d|$)|"[^"]*(?:"|$)|``.*?(?:''|$)/g, " ");
}

function isTitleCase(words: readonly string[]): boolean {
  const content = words.filter((w) => w.length > 3);
  if (content.length < 2) return false;
  return content.filter((w) => /^\p{Lu}/u.test(w)).length / content.length >= 0.8;
}

function isShouting(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, "");
  return letters.length >= 4 && /\p{Lu}{4,}/u.test(text) && letters === letters.toUpperCase();
}

/** Features of one sentence; `context` tells whether it stands alone on its line. */
export function sentenceFeatures(span: SentenceSpan, context: SentenceContext): SentenceFeatures {
  const text = span.text;
  const wordList = text.match(WORD) ?? [];
  const words = wordList.length;
  const own = stripQuoted(text);
  const terminated = TERMINAL.test(text);
  const boilerplate = boilerplateReason(text, wordList, terminated, context);

  let reporting = 0;
  if (ATTRIBUTION.test(text)) reporting += 0.4;
  if (QUOTE.test(text)) reporting += 0.15;
  if (NUMBER.test(text)) reporting += 0.15;
  if (DATE_WORD.test(text)) reporting += 0.15;
  // Names: capitalized words after the first (a cheap stand-in for named entities; Title Case
  // lines never get here as they are headings).
  const names = text.match(CAPITALIZED_INSIDE)?.length ?? 0;
  reporting += Math.min(0.3, 0.05 * names);

  let commentary = 0;
  if (SECOND_PERSON.test(own)) commentary += 0.5;
  if (/\?["'\u201d\u2019]*$/.test(text) && !/\?["'\u201d\u2019]+\s*$/.test(text)) commentary += 0.4;
  for (const pattern of OPINION) if (pattern.test(own)) commentary += 0.35;
  const ownWords = wordsOutsideQuotes(text);
  let loaded = 0;
  let attitude = 0;
  for (const w of ownWords) {
    if (isLoadedWord(w)) loaded++;
    else if (isAttitudeWord(w)) attitude++;
  }
  commentary += Math.min(0.6, 0.2 * loaded);
  // One long quotation with no speaker named outside it: words nobody is on record for.
  if (ownWords.length < 3 && words >= MIN_WORDS) commentary += 0.3;
  // A card line should be a whole sentence: an unterminated bullet is a teaser of one.
  if (context.bullet || !terminated) commentary += context.bullet && !terminated ? 0.4 : 0.15;
  if (/!$/.test(text)) commentary += 0.2;

  const next = NEXT.test(own) && (NUMBER.test(text) || DATE_WORD.test(text));
  let lengthFit = 1;
  if (words < GOOD_MIN_WORDS) lengthFit = 0.6 + (0.4 * (words - MIN_WORDS)) / (GOOD_MIN_WORDS - MIN_WORDS);
  else if (words > GOOD_MAX_WORDS)
    lengthFit = Math.max(0.3, 1 - (0.7 * (words - GOOD_MAX_WORDS)) / (MAX_WORDS - GOOD_MAX_WORDS));

  return {
    boilerplate,
    words,
    reporting: Math.min(1, reporting),
    commentary: Math.min(1, commentary),
    lengthFit: Math.max(0, lengthFit),
    loaded,
    attitude,
    next,
    basics: Math.min(
      1,
      0.25 *
        (Number(NAME_INSIDE.test(own)) +
          Number(ATTRIBUTION.test(own)) +
          Number(DATE_WORD.test(own)) +
          Number(SOURCED.test(own)) +
          Number(next)),
    ),
  };
}

function boilerplateReason(
  text: string,
  wordList: readonly string[],
  terminated: boolean,
  context: SentenceContext,
): string | null {
  const words = wordList.length;
  if (words < MIN_WORDS) return "fragment";
  if (words > MAX_WORDS * 1.5) return "run-on";
  for (const [pattern, reason] of BOILERPLATE) if (pattern.test(text)) return reason;
  if (isShouting(text)) return "shouting";
  if (context.aloneOnLine && !terminated) {
    // Headings and link lists: no closing stop, Title Case, an outlet suffix, or no verb at all.
    if (isTitleCase(wordList)) return "heading";
    if (OUTLET_SUFFIX.test(text)) return "link";
    if (!FINITE_VERB.test(text)) return "heading";
    if (words < GOOD_MIN_WORDS && !context.bullet) return "heading";
  }
  // A short line that names things but states nothing: a photo caption ("Glass over a map.").
  if (context.aloneOnLine && words <= 12 && !FINITE_VERB.test(stripQuoted(text).replace(/\b\p{Lu}\S*/gu, " ")))
    return "caption";
  return null;
}
