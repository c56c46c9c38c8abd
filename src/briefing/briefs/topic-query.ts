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

const key = (words: readonly string[]) => words.map((w) => stem(w)).join(" ");

/** Every country name and demonym by its stems: "chileans" and "chile" find their country's set. */
const SETS_BY_KEY = (() => {
  const byKey = new Map<string, (readonly string[])[]>();
  for (const names of COUNTRY_NAMES) {
    for (const name of names) {
      const k = key(name.split(" "));
      const sets = byKey.get(k) ?? [];
      if (!sets.includes(names)) sets.push(names);
      byKey.set(k, sets);
    }
  }
  return byKey;
})();
/** The longest country name or demonym, in words ("heard and mcdonald islander" and longer). */
const LONGEST_NAME = Math.max(...COUNTRY_NAMES.flat().map((n) => n.split(" ").length));

/**
 * Joins single words typed one after another that together name a country or a people into one
 * phrase: `south africa` is the country, not "south" or "africa" (which would find every article
 * about the south or Africa, and miss "South African"). Longest name first, left to right.
 */
function joinCountryWords(query: TopicQuery): TopicQuery {
  if (query.alternatives !== undefined || query.groups.length < 2) return query;
  const groups: string[][] = [];
  let i = 0;
  while (i < query.groups.length) {
    let joined = 1;
    for (let n = Math.min(LONGEST_NAME, query.groups.length - i); n >= 2; n--) {
      const run = query.groups.slice(i, i + n);
      if (run.every((g) => g.length === 1) && SETS_BY_KEY.has(key(run.flat()))) {
        joined = n;
        break;
      }
    }
    groups.push(query.groups.slice(i, i + joined).flat());
    i += joined;
  }
  return groups.length === query.groups.length ? query : { ...query, groups };
}

/**
 * Adds each country name's demonyms and each demonym's country ("chile" ↔ "chilean"), compared
 * on Porter stems as the index compares words, so "chileans" finds "Chile" too. Words typed
 * apart that together name a country become one phrase first (`south africa`).
 */
export function withCountryNames(typed: TopicQuery): TopicQuery {
  const query = joinCountryWords(typed);
  const alternatives = query.groups.map((group, i) => {
    const own = key(group);
    const seen = new Set([own, ...(query.alternatives?.[i] ?? []).map(key)]);
    const found = [...(query.alternatives?.[i] ?? [])];
    for (const names of SETS_BY_KEY.get(own) ?? []) {
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
