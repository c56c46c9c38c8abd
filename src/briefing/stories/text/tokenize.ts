// Word tokens for the engine's text measures (clustering, sentence scoring): lowercase, accents
// folded, clitics dropped, hyphenated words split. Pure; shared by every core text feature so
// that "México" in one article and "Mexico" in another are the same word everywhere.

/** Every apostrophe a feed may use (ASCII, typographic right and left, modifier letter). */
const APOSTROPHES = /[\u2019\u2018\u02bc\u0060\u00b4]/g;

/**
 * A number with thousands or decimal separators ("1,000", "3.5") stays one token; otherwise a
 * run of letters and digits, possibly joined by apostrophes ("don't", "o'brien").
 */
const TOKEN = /\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

/** Clitics after an apostrophe that carry no content: Trump's, we're, they've, she'll, I'd, I'm. */
const CLITICS = new Set(["s", "re", "ve", "ll", "d", "m"]);

/** The stems of negated contractions that are not the verb itself. */
const NEGATED: Record<string, string> = { ca: "can", wo: "will", sha: "shall" };

/** Lowercases and removes diacritics (NFD, then combining marks dropped): "México" → "mexico". */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(APOSTROPHES, "'")
    .toLowerCase();
}

function cleanToken(raw: string): string {
  const first = raw.charCodeAt(0);
  if (first >= 0x30 && first <= 0x39) {
    // "1,000" and "1000" are one number; a decimal point is kept so "3.5" is not "35".
    return raw.includes(",") ? raw.replace(/,/g, "") : raw;
  }
  if (!raw.includes("'")) return raw;
  const parts = raw.split("'");
  const last = parts[parts.length - 1] ?? "";
  let head = parts.slice(0, -1).join("");
  if (CLITICS.has(last)) return head;
  if (last === "t" && head.endsWith("n")) {
    head = head.slice(0, -1);
    return NEGATED[head] ?? head;
  }
  // Names such as O'Brien or d'Ivoire: the apostrophe is part of the word.
  return parts.join("");
}

/**
 * The tokens `tokenize` would return, handed to `visit` one at a time in reading order until it
 * returns false: a caller that needs only the first few (a scan that stops once it has found what
 * it looks for) does not match and build the rest.
 */
export function scanTokens(text: string, visit: (token: string) => boolean): void {
  // Its own regular expression object: `visit` may tokenize, which would move a shared one's lastIndex.
  const pattern = new RegExp(TOKEN);
  const folded = foldText(text);
  for (let found = pattern.exec(folded); found !== null; found = pattern.exec(folded)) {
    const token = cleanToken(found[0]);
    if (token.length > 0 && !visit(token)) return;
  }
}

/** Lowercase word tokens in reading order; stop words are kept (callers filter). */
export function tokenize(text: string): string[] {
  const found = foldText(text).match(TOKEN);
  if (!found) return [];
  const tokens: string[] = [];
  for (const raw of found) {
    const token = cleanToken(raw);
    if (token.length > 0) tokens.push(token);
  }
  return tokens;
}

/** Words that start a run of a name but are function words ("The White House" → "white house"). */
const RUN_STOPPERS = new Set([
  "a",
  "an",
  "the",
  "and",
  "or",
  "but",
  "in",
  "on",
  "at",
  "of",
  "for",
  "to",
  "by",
  "with",
  "from",
  "as",
  "it",
  "its",
  "he",
  "she",
  "they",
  "we",
  "i",
  "you",
  "his",
  "her",
  "their",
  "our",
  "this",
  "that",
  "these",
  "those",
  "if",
  "when",
  "while",
  "after",
  "before",
  "but",
  "so",
  "yet",
  "mr",
  "mrs",
  "ms",
  "dr",
]);

/** A word as written, with apostrophes and hyphens inside; the same letters as `tokenize` sees. */
const WRITTEN_WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'\u2019-]*/gu;

/** Sentence or clause ends reset a run: a name does not cross a full stop, a colon or a line. */
const SEGMENT = /[^.!?;:\n\r"()[\]\u201c\u201d|]+/g;

/**
 * Share of capitalized content words from which a segment of at least three content words counts
 * as Title Case or shouting. A name-dense sentence ("Mexican President Claudia Sheinbaum spoke
 * with Donald Trump") still has about one lowercase word in four, a headline in Title Case none.
 */
const TITLE_CASE_SHARE = 0.85;

function isCapitalized(word: string): boolean {
  const first = word[0] ?? "";
  return first !== first.toLowerCase();
}

/**
 * Runs of capitalized words, which in running text are mostly names of people, places and
 * organisations: "Claudia Sheinbaum", "White House". Each run comes back as its tokens joined by
 * a space. A segment in Title Case or all capitals says nothing about names, so it is skipped;
 * so is a lone capitalized function word.
 */
export function capitalizedRuns(text: string): string[] {
  const runs: string[] = [];
  for (const segment of text.match(SEGMENT) ?? []) {
    const words = segment.match(WRITTEN_WORD) ?? [];
    let contentWords = 0;
    let capitalizedWords = 0;
    for (const w of words) {
      if (RUN_STOPPERS.has(w.toLowerCase())) continue;
      contentWords++;
      if (isCapitalized(w)) capitalizedWords++;
    }
    if (capitalizedWords === 0) continue;
    if (contentWords >= 3 && capitalizedWords / contentWords >= TITLE_CASE_SHARE) continue;
    let run: string[] = [];
    const flush = () => {
      if (run.length > 0) runs.push(tokenize(run.join(" ")).join(" "));
      run = [];
    };
    for (const word of words) {
      if (!isCapitalized(word)) {
        flush();
        continue;
      }
      if (run.length === 0 && RUN_STOPPERS.has(word.toLowerCase())) continue;
      run.push(word);
    }
    flush();
  }
  return runs.filter((r) => r.length > 0);
}
