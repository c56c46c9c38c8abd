// The Porter (1980) stemmer, in the variant of Porter's own reference implementation that SQLite
// FTS5's `porter` tokenizer uses ("bli" → "ble" and "logi" → "log" in step 2), so the core's
// word matching agrees with the store's full-text index. Input: a lowercase token from `tokenize`.

/** FTS5 passes tokens shorter than 3 or longer than 64 characters through unstemmed. */
const MIN_LENGTH = 3;
const MAX_LENGTH = 64;

function isVowelAt(word: string, i: number): boolean {
  const c = word[i];
  if (c === "a" || c === "e" || c === "i" || c === "o" || c === "u") return true;
  // "y" is a vowel after a consonant ("happy"), a consonant at the start or after a vowel ("toy").
  return c === "y" && i > 0 && !isVowelAt(word, i - 1);
}

/** Porter's m: the number of vowel-consonant sequences in `stem` ([C](VC){m}[V]). */
function measure(stem: string): number {
  let m = 0;
  let sawVowel = false;
  for (let i = 0; i < stem.length; i++) {
    if (isVowelAt(stem, i)) sawVowel = true;
    else if (sawVowel) {
      m++;
      sawVowel = false;
    }
  }
  return m;
}

/** *v*: the stem contains a vowel. */
function hasVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) if (isVowelAt(stem, i)) return true;
  return false;
}

/** *o: the stem ends consonant-vowel-consonant, the last consonant not w, x or y ("hop", not "how"). */
function endsCvc(stem: string): boolean {
  const n = stem.length;
  if (n < 3) return false;
  const last = stem[n - 1];
  if (last === "w" || last === "x" || last === "y") return false;
  return !isVowelAt(stem, n - 1) && isVowelAt(stem, n - 2) && !isVowelAt(stem, n - 3);
}

type Rule = readonly [suffix: string, replacement: string];

/**
 * Applies the first rule whose suffix ends the word (leaving a non-empty stem); the rule fires
 * only when `condition(stem)` holds. As in the reference implementation, a matching suffix whose
 * condition fails stops the step: no shorter suffix is tried.
 */
function applyFirst(word: string, rules: readonly Rule[], condition: (stem: string) => boolean): string {
  for (const [suffix, replacement] of rules) {
    if (word.length > suffix.length && word.endsWith(suffix)) {
      const stem = word.slice(0, -suffix.length);
      return condition(stem) ? stem + replacement : word;
    }
  }
  return word;
}

const STEP2: readonly Rule[] = [
  ["ational", "ate"],
  ["tional", "tion"],
  ["enci", "ence"],
  ["anci", "ance"],
  ["izer", "ize"],
  ["logi", "log"],
  ["bli", "ble"],
  ["alli", "al"],
  ["entli", "ent"],
  ["eli", "e"],
  ["ousli", "ous"],
  ["ization", "ize"],
  ["ation", "ate"],
  ["ator", "ate"],
  ["alism", "al"],
  ["iveness", "ive"],
  ["fulness", "ful"],
  ["ousness", "ous"],
  ["aliti", "al"],
  ["iviti", "ive"],
  ["biliti", "ble"],
];

const STEP3: readonly Rule[] = [
  ["icate", "ic"],
  ["ative", ""],
  ["alize", "al"],
  ["iciti", "ic"],
  ["ical", "ic"],
  ["ful", ""],
  ["ness", ""],
];

const STEP4: readonly string[] = [
  "al",
  "ance",
  "ence",
  "er",
  "ic",
  "able",
  "ible",
  "ant",
  "ement",
  "ment",
  "ent",
  "ion",
  "ou",
  "ism",
  "ate",
  "iti",
  "ous",
  "ive",
  "ize",
];

/**
 * The reference implementation picks a step's candidate suffixes by the word's penultimate letter,
 * so only suffixes sharing it compete; among those the first listed wins. Grouping the rules the
 * same way reproduces that exactly ("ement" before "ment" before "ent").
 */
function byPenultimate<T extends { suffix: string }>(rules: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const rule of rules) {
    const key = rule.suffix[rule.suffix.length - 2] ?? "";
    const group = groups.get(key) ?? [];
    group.push(rule);
    groups.set(key, group);
  }
  return groups;
}

const STEP2_GROUPS = byPenultimate(STEP2.map(([suffix, replacement]) => ({ suffix, replacement })));
const STEP3_GROUPS = byPenultimate(STEP3.map(([suffix, replacement]) => ({ suffix, replacement })));
const STEP4_GROUPS = byPenultimate(STEP4.map((suffix) => ({ suffix, replacement: "" })));

function step(
  word: string,
  groups: Map<string, Array<{ suffix: string; replacement: string }>>,
  condition: (stem: string, suffix: string) => boolean,
): string {
  const group = groups.get(word[word.length - 2] ?? "");
  if (!group) return word;
  for (const { suffix, replacement } of group) {
    if (word.length > suffix.length && word.endsWith(suffix)) {
      const stem = word.slice(0, -suffix.length);
      return condition(stem, suffix) ? stem + replacement : word;
    }
  }
  return word;
}

function step1a(word: string): string {
  if (!word.endsWith("s")) return word;
  if (word.endsWith("sses") || (word.endsWith("ies") && word.length > 3)) return word.slice(0, -2);
  if (word.endsWith("ss")) return word;
  return word.slice(0, -1);
}

function step1b(word: string): string {
  if (word.endsWith("eed")) {
    return applyFirst(word, [["eed", "ee"]], (stem) => measure(stem) > 0);
  }
  let stem: string;
  if (word.endsWith("ed") && hasVowel(word.slice(0, -2))) stem = word.slice(0, -2);
  else if (word.endsWith("ing") && hasVowel(word.slice(0, -3))) stem = word.slice(0, -3);
  else return word;
  // After removing -ed/-ing, restore a lost e or undouble a consonant: "hoping" → "hope", "hopping" → "hop".
  if (stem.endsWith("at") || stem.endsWith("bl") || stem.endsWith("iz")) return `${stem}e`;
  const last = stem[stem.length - 1] ?? "";
  if (
    stem.length >= 2 &&
    last === stem[stem.length - 2] &&
    !"aeiou".includes(last) &&
    last !== "l" &&
    last !== "s" &&
    last !== "z"
  ) {
    return stem.slice(0, -1);
  }
  if (measure(stem) === 1 && endsCvc(stem)) return `${stem}e`;
  return stem;
}

function step1c(word: string): string {
  return word.endsWith("y") && hasVowel(word.slice(0, -1)) ? `${word.slice(0, -1)}i` : word;
}

function step5(word: string): string {
  let result = word;
  if (result.endsWith("e")) {
    const stem = result.slice(0, -1);
    const m = measure(stem);
    if (m > 1 || (m === 1 && !endsCvc(stem))) result = stem;
  }
  if (result.endsWith("ll") && measure(result.slice(0, -1)) > 1) result = result.slice(0, -1);
  return result;
}

/**
 * Stems already computed. Word frequencies are Zipfian, so most calls hit; the cache is dropped
 * when full so a long-running process stays bounded. Pure: the result never depends on it.
 */
const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/** The Porter stem of a lowercase word: "caresses" → "caress", "generalization" → "gener". */
export function stem(word: string): string {
  if (word.length < MIN_LENGTH || word.length > MAX_LENGTH) return word;
  const known = cache.get(word);
  if (known !== undefined) return known;
  const result = porter(word);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, result);
  return result;
}

function porter(word: string): string {
  let w = step1a(word);
  w = step1b(w);
  w = step1c(w);
  w = step(w, STEP2_GROUPS, (s) => measure(s) > 0);
  w = step(w, STEP3_GROUPS, (s) => measure(s) > 0);
  w = step(w, STEP4_GROUPS, (s, suffix) =>
    suffix === "ion" ? measure(s) > 1 && (s.endsWith("s") || s.endsWith("t")) : measure(s) > 1,
  );
  return step5(w);
}
