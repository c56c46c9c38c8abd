// Turns what a person types as a topic into a structured, inert query: words and quoted phrases
// made of letters and digits only. Stores render it in their own syntax, so user text never
// reaches a query language as syntax (FTS5 operators, tsquery operators, quotes, NEAR, OR...).

/** Every group must match (AND); a group of several words is a phrase (adjacent, in order). */
export interface TopicQuery {
  groups: string[][];
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

export function isEmptyTopic(query: TopicQuery): boolean {
  return query.groups.length === 0;
}
