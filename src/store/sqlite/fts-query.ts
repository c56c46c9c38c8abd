// Renders the core's inert TopicQuery as an FTS5 MATCH expression. Every word and phrase becomes
// a double-quoted FTS5 string, so nothing a person typed can act as FTS5 syntax (OR, NEAR, *, col:).
import { groupPhrases, type TopicQuery } from "../../briefing/briefs/topic-query.js";

/** One phrase as a quoted FTS5 string; null when it has no words. */
function quoted(phrase: readonly string[]): string | null {
  const words = phrase.map((w) => w.trim()).filter((w) => w.length > 0);
  if (words.length === 0) return null;
  // Inside an FTS5 string a double quote is written twice; TopicQuery never yields one, but a
  // hand-built query must not be able to close the string early.
  return `"${words.join(" ").replaceAll('"', '""')}"`;
}

/**
 * `"a" AND "b c"`: each group a quoted string (a phrase when it has several words), all required,
 * or any one with `match: "any"`; a group with alternatives is `("chile" OR "chilean")`.
 */
export function toFts5Match(query: TopicQuery): string | null {
  const strings: string[] = [];
  query.groups.forEach((_, i) => {
    const phrases = groupPhrases(query, i).flatMap((p) => quoted(p) ?? []);
    if (phrases.length === 0) return;
    strings.push(phrases.length === 1 ? (phrases[0] as string) : `(${phrases.join(" OR ")})`);
  });
  return strings.length === 0 ? null : strings.join(query.match === "any" ? " OR " : " AND ");
}
