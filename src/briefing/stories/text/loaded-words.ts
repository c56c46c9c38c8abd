// Loaded and strongly subjective words: the writer's verdict or intensity rather than the reported
// fact. Counted outside quotation marks only (a quoted speaker's words are theirs, not the outlet's).

/**
 * Built by hand for this project (docs/decisions/013-trustworthy-cards.md): evaluative
 * adjectives and adverbs, intensifiers, and the verbs headlines use for speech ("slams",
 * "blasts"). Research lexicons of subjectivity (MPQA and similar) are GPL or research-only, so
 * none is copied; words that are factual in news ("killed", "attack", "war") are left out on
 * purpose: they are the event, not the framing.
 */
const LOADED_WORDS = [
  // verdicts on success and importance
  "successfully",
  "successful",
  "crucial",
  "critically",
  "vital",
  "pivotal",
  "landmark",
  "historic",
  "unprecedented",
  "monumental",
  "momentous",
  "remarkable",
  "extraordinary",
  "stunning",
  "shocking",
  "dramatic",
  "dramatically",
  "sweeping",
  "massive",
  "huge",
  "enormous",
  "staggering",
  "devastating",
  "disastrous",
  "catastrophic",
  "brilliant",
  "masterful",
  "heroic",
  "courageous",
  "bold",
  "boldly",
  "principled",
  "firm",
  "firmly",
  "decisive",
  "decisively",
  "clearly",
  "obviously",
  "undoubtedly",
  "surely",
  "arguably",
  "sadly",
  "thankfully",
  "unfortunately",
  "fortunately",
  "ironically",
  "shockingly",
  "outrageous",
  "disgraceful",
  "shameful",
  "scandalous",
  "absurd",
  "ridiculous",
  "laughable",
  "pathetic",
  "reckless",
  "radical",
  "extreme",
  "extremist",
  "dangerous",
  "threatening",
  "menacing",
  "alarming",
  "chilling",
  "horrific",
  "brutal",
  "vicious",
  "evil",
  "corrupt",
  "disgusting",
  "despicable",
  "terrible",
  "awful",
  "horrible",
  "incredible",
  "amazing",
  "fantastic",
  "tremendous",
  "wonderful",
  "legitimate",
  "illegitimate",
  "strategic",
  "savvy",
  "shrewd",
  "embattled",
  "beleaguered",
  "controversial",
  "notorious",
  "infamous",
  "so-called",
  "mere",
  "merely",
  "blatant",
  "blatantly",
  "brazen",
  "brazenly",
  "desperate",
  "desperately",
  "humiliating",
  "humiliation",
  "fiasco",
  "debacle",
  "chaos",
  "chaotic",
  "standoff",
  "showdown",
  "bombshell",
  "explosive",
  // speech verbs of headlines and framing
  "slams",
  "slammed",
  "blasts",
  "blasted",
  "rips",
  "ripped",
  "lashes",
  "lashed",
  "torches",
  "torched",
  "destroys",
  "destroyed",
  "mocks",
  "mocked",
  "scolds",
  "scolded",
  "rants",
  "ranted",
  "boasts",
  "boasted",
  "brags",
  "bragged",
  "whines",
  "caves",
  "caved",
  "deflected",
  "deflects",
  "dodged",
  "dodges",
] as const;

const LOADED = new Set<string>(LOADED_WORDS);

/** Lowercase words outside quotation marks (curly, straight, and `` '' quoting). */
export function wordsOutsideQuotes(text: string): string[] {
  const own = text.replace(/\u201c[^\u201d]{0,4000}(?:\u201d|$)|"[^"]{0,4000}(?:"|$)|``[^']{0,4000}(?:''|$)/g, " ");
  return own.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'\u2019-]*/gu) ?? [];
}

/** True for a word of the list (lowercase input). */
export function isLoadedWord(word: string): boolean {
  return LOADED.has(word);
}

/** Loaded words outside quotes in `text`. */
export function countLoadedWords(text: string): number {
  let n = 0;
  for (const w of wordsOutsideQuotes(text)) if (LOADED.has(w)) n++;
  return n;
}

/** The list, for tests and the eval (read-only). */
export const LOADED_WORD_LIST: readonly string[] = LOADED_WORDS;
