// Turns what a person types as a topic into a structured, inert query: words and quoted phrases
// made of letters and digits only. Stores render it in their own syntax, so user text never
// reaches a query language as syntax (FTS5 operators, tsquery operators, quotes, NEAR, OR...).
import { stem } from "../stories/text/stem.js";
import { COUNTRY_NAMES } from "./country-names.js";

/**
 * The words a person typed, as groups: a group of several words is a phrase (adjacent, in order).
 * `alternatives[i]` are other phrasings that count as group i (a country's demonym for its name).
 * `match`: "all" (the default) requires every group; "any" finds articles matching at least one,
 * and the brief ranks those that match most groups first.
 */
export interface TopicQuery {
  groups: string[][];
  alternatives?: string[][][];
  match?: "all" | "any";
}

/** Group i and its alternatives: the phrases any of which matches the group. */
export function groupPhrases(query: TopicQuery, i: number): string[][] {
  const group = query.groups[i];
  return group ? [group, ...(query.alternatives?.[i] ?? [])] : [];
}

/** Letters (any script, with their combining marks) and digits; everything else separates words. */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/** Words longer than this are noise or an attack; FTS tokens do not need more. */
const MAX_WORD_LENGTH = 64;
/** A topic is a handful of words; more would only slow the index down. */
export const MAX_TOPIC_GROUPS = 12;

function words(text: string): string[] {
  const found = text.normalize("NFC").match(WORD) ?? [];
  return found.map((w) => w.toLowerCase().slice(0, MAX_WORD_LENGTH));
}

/** Parses `"white house" tariffs` into [["white","house"],["tariffs"]]; hyphens and apostrophes split words. */
export function parseTopicQuery(text: string): TopicQuery {
  const groups: string[][] = [];
  const quoted = /"([^"]*)"?/g;
  let last = 0;
  for (const match of text.matchAll(quoted)) {
    for (const w of words(text.slice(last, match.index))) groups.push([w]);
    const phrase = words(match[1] ?? "");
    if (phrase.length > 0) groups.push(phrase);
    last = (match.index ?? 0) + match[0].length;
  }
  for (const w of words(text.slice(last))) groups.push([w]);
  return { groups: groups.slice(0, MAX_TOPIC_GROUPS) };
}

/**
 * Adds each country name's demonyms and each demonym's country ("chile" ↔ "chilean"), compared
 * on Porter stems as the index compares words, so "chileans" finds "Chile" too.
 */
export function withCountryNames(query: TopicQuery): TopicQuery {
  const key = (words: readonly string[]) => words.map((w) => stem(w)).join(" ");
  const alternatives = query.groups.map((group, i) => {
    const own = key(group);
    const seen = new Set([own, ...(query.alternatives?.[i] ?? []).map(key)]);
    const found = [...(query.alternatives?.[i] ?? [])];
    for (const names of COUNTRY_NAMES) {
      if (!names.some((name) => key(name.split(" ")) === own)) continue;
      for (const name of names) {
        const words = name.split(" ");
        if (seen.has(key(words))) continue;
        seen.add(key(words));
        found.push(words);
      }
    }
    return found;
  });
  return alternatives.some((a) => a.length > 0) ? { ...query, alternatives } : query;
}

export function isEmptyTopic(query: TopicQuery): boolean {
  return query.groups.length === 0;
}
