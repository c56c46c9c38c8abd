// Renders the core's inert TopicQuery as an FTS5 MATCH expression. Every word and phrase becomes
// a double-quoted FTS5 string, so nothing a person typed can act as FTS5 syntax (OR, NEAR, *, col:).
import type { TopicQuery } from "../../briefing/briefs/topic-query.js";

/** `"a" AND "b c"`: each group a quoted string (a phrase when it has several words), all required. */
export function toFts5Match(query: TopicQuery): string | null {
  const strings: string[] = [];
  for (const group of query.groups) {
    const words = group.map((w) => w.trim()).filter((w) => w.length > 0);
    if (words.length === 0) continue;
    // Inside an FTS5 string a double quote is written twice; TopicQuery never yields one, but a
    // hand-built query must not be able to close the string early.
    strings.push(`"${words.join(" ").replaceAll('"', '""')}"`);
  }
  return strings.length === 0 ? null : strings.join(" AND ");
}
