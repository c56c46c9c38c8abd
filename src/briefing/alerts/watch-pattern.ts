// Include and exclude patterns of a watch: plain words, "quoted phrases" and prefixes (`elect*`),
// matched by code over the text's word tokens (accents folded, lowercase). User text never becomes
// a RegExp: a match is a scan of the tokens, linear in the text for each pattern.
import { tokenize } from "../stories/text/tokenize.js";

export interface ParsedPattern {
  /** The pattern's words; the last one is a prefix when `prefix`. */
  words: string[];
  prefix: boolean;
}

/** Longest pattern accepted, in characters: a phrase, not a paragraph. */
export const MAX_PATTERN_CHARS = 80;

/**
 * Reads one pattern as typed (`volcano`, `"new zealand"`, `elect*`); null when it holds no word
 * (only punctuation, or a lone `*`): the caller tells the user.
 */
export function parsePattern(raw: string): ParsedPattern | null {
  const unquoted = raw.trim().replace(/^"|"$/g, "").trim();
  const prefix = unquoted.endsWith("*");
  const words = tokenize(prefix ? unquoted.slice(0, -1) : unquoted);
  if (words.length === 0) return null;
  return { words, prefix };
}

/** The stored spelling of a pattern: phrases keep their quotes so a list reads back as typed. */
export function formatPattern(pattern: ParsedPattern): string {
  const text = `${pattern.words.join(" ")}${pattern.prefix ? "*" : ""}`;
  return pattern.words.length > 1 ? `"${text}"` : text;
}

/** Whether the token sequence contains the pattern. */
export function matchesTokens(tokens: readonly string[], pattern: ParsedPattern): boolean {
  const { words, prefix } = pattern;
  const last = words.length - 1;
  for (let start = 0; start + last < tokens.length; start += 1) {
    let i = 0;
    for (; i <= last; i += 1) {
      const token = tokens[start + i] as string;
      const word = words[i] as string;
      const ok = i === last && prefix ? token.startsWith(word) : token === word;
      if (!ok) break;
    }
    if (i > last) return true;
  }
  return false;
}

/** The first of `patterns` (as stored) found in the tokens; null when none is. */
export function firstMatch(tokens: readonly string[], patterns: readonly string[]): string | null {
  for (const raw of patterns) {
    const pattern = parsePattern(raw);
    if (pattern && matchesTokens(tokens, pattern)) return raw;
  }
  return null;
}
