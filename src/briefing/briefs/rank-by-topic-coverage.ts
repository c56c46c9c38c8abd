// Orders a several-word topic's matches by how many of its words (groups) each article matches,
// then by the store's relevance, and drops those matching fewer than half: "chile election" finds
// "Chileans vote in presidential runoff" first, and one unmatched word no longer hides it. A group
// counts once however many of its alternatives ("chile", "chilean") an article names.
import type { ScoredArticle } from "../article.js";
import { stem } from "../stories/text/stem.js";
import { tokenize } from "../stories/text/tokenize.js";
import { groupPhrases, type TopicQuery } from "./topic-query.js";

/** The store matched on the whole text; coverage reads the title and this much of the text. */
const COVERAGE_TEXT_CHARS = 20_000;
/**
 * The store's relevance only orders articles of equal coverage, and lightly: its bm25 counts each
 * alternative as another word, so in a small store an article naming both "Mexico" and "Mexican"
 * outscores a better-corroborated report that names only one.
 */
const RELEVANCE_SHARE = 0.25;

/** True when the stems of `phrase` occur in `tokens` consecutively. */
function containsPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  const first = phrase[0];
  if (first === undefined) return false;
  // A scan per phrase: a query has a few phrases, and indexing every token's positions first
  // cost more than the scans it saved (issue 16).
  for (let at = tokens.indexOf(first); at !== -1; at = tokens.indexOf(first, at + 1)) {
    let k = 1;
    while (k < phrase.length && tokens[at + k] === phrase[k]) k++;
    if (k === phrase.length) return true;
  }
  return false;
}

/** How many of the query's groups the article matches (any of a group's phrases counts). */
export function topicCoverage(title: string, text: string, phrasesByGroup: readonly string[][][]): number {
  const tokens = tokenize(`${title}\n${text.slice(0, COVERAGE_TEXT_CHARS)}`).map(stem);
  let covered = 0;
  for (const phrases of phrasesByGroup) if (phrases.some((p) => containsPhrase(tokens, p))) covered++;
  return covered;
}

export function rankByTopicCoverage(found: ScoredArticle[], query: TopicQuery): ScoredArticle[] {
  const groups = query.groups.length;
  // With alternatives, the store's bm25 adds up "Mexico" and "Mexican" as if two words matched;
  // coverage counts the group once, and the store's score only orders within it.
  const alternatives = query.alternatives?.some((a) => a.length > 0) ?? false;
  if ((groups < 2 && !alternatives) || found.length === 0) return found;
  const phrasesByGroup = query.groups.map((_, i) =>
    groupPhrases(query, i).map((phrase) => tokenize(phrase.join(" ")).map(stem)),
  );
  const top = Math.max(1e-9, ...found.map((f) => f.relevance));
  const needed = Math.ceil(groups / 2);
  return found
    .map((f) => {
      // The store found it, so it matches at least one group (perhaps beyond the text read here).
      const coverage = Math.max(1, topicCoverage(f.article.title, f.article.text, phrasesByGroup));
      return { found: f, coverage, relevance: coverage + (RELEVANCE_SHARE * Math.max(0, f.relevance)) / top };
    })
    .filter((r) => r.coverage >= needed)
    .sort((a, b) => b.relevance - a.relevance)
    .map((r) => ({ ...r.found, relevance: r.relevance }));
}
