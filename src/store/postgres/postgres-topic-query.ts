// Renders the core's inert TopicQuery for PostgreSQL as a text[] parameter, one element per group.
// The SQL turns each element into phraseto_tsquery(config, element): a plain-text function that
// knows no operators, so nothing a person typed can act as tsquery syntax (|, !, <->, :*, OR, -).
// Not websearch_to_tsquery: TopicQuery already parsed the quotes, and websearch would read a
// remaining "or" or leading "-" as operators, which would widen the query.
import type { TopicQuery } from "../../briefing/briefs/topic-query.js";

/** Each group as one space-joined string; empty words and groups dropped; null when nothing is left. */
export function toPostgresTopicGroups(query: TopicQuery): string[] | null {
  const groups: string[] = [];
  for (const group of query.groups) {
    const words = group.map((w) => w.trim()).filter((w) => w.length > 0);
    // NUL cannot travel in a PostgreSQL text value; TopicQuery never yields it, a hand-built query might.
    const joined = words.join(" ").replaceAll("\u0000", " ").trim();
    if (joined.length > 0) groups.push(joined);
  }
  return groups.length === 0 ? null : groups;
}

/** Tokens as FTS5's unicode61 tokenizer counts them: runs of letters, digits and marks (bm25's length). */
const TOKEN = /[\p{L}\p{N}\p{Mn}\p{Mc}\p{Co}]+/gu;

export function countTokens(...texts: string[]): number {
  let n = 0;
  for (const text of texts) for (const _ of text.matchAll(TOKEN)) n += 1;
  return n;
}
