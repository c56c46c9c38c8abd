// Renders the core's inert TopicQuery for PostgreSQL as text[] parameters, one element per phrase.
// The SQL turns each element into phraseto_tsquery(config, element): a plain-text function that
// knows no operators, so nothing a person typed can act as tsquery syntax (|, !, <->, :*, OR, -).
// Not websearch_to_tsquery: TopicQuery already parsed the quotes, and websearch would read a
// remaining "or" or leading "-" as operators, which would widen the query.
import { groupPhrases, type TopicQuery } from "../../briefing/briefs/topic-query.js";

/** The query's phrases as text[] parameters: each phrase space-joined, with the number of its group. */
export interface PostgresTopicPhrases {
  phrases: string[];
  groups: number[];
  /** Any group may match (OR) instead of all (AND). */
  any: boolean;
}

function joined(phrase: readonly string[]): string {
  const words = phrase.map((w) => w.trim()).filter((w) => w.length > 0);
  // NUL cannot travel in a PostgreSQL text value; TopicQuery never yields it, a hand-built query might.
  return words.join(" ").replaceAll("\u0000", " ").trim();
}

/** Each group's phrases (its own and its alternatives); empty ones dropped; null when nothing is left. */
export function toPostgresTopicPhrases(query: TopicQuery): PostgresTopicPhrases | null {
  const phrases: string[] = [];
  const groups: number[] = [];
  query.groups.forEach((_, i) => {
    for (const phrase of groupPhrases(query, i)) {
      const text = joined(phrase);
      if (text.length === 0) continue;
      phrases.push(text);
      groups.push(i);
    }
  });
  return phrases.length === 0 ? null : { phrases, groups, any: query.match === "any" };
}

/** Tokens as FTS5's unicode61 tokenizer counts them: runs of letters, digits and marks (bm25's length). */
const TOKEN = /[\p{L}\p{N}\p{Mn}\p{Mc}\p{Co}]+/gu;

export function countTokens(...texts: string[]): number {
  let n = 0;
  for (const text of texts) for (const _ of text.matchAll(TOKEN)) n += 1;
  return n;
}
