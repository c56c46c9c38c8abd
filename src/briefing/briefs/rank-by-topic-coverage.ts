// Orders a several-word topic's matches by how many of its words (groups) each article matches,
// then by the store's relevance, and drops those matching fewer than half: "chile election" finds
// "Chileans vote in presidential runoff" first, and one unmatched word no longer hides it. A group
// counts once however many of its alternatives ("chile", "chilean") an article names.
import type { ScoredArticle } from "../article.js";
import { stem } from "../stories/text/stem.js";
import { scanTokens, tokenize } from "../stories/text/tokenize.js";
import { groupPhrases, type TopicQuery } from "./topic-query.js";

/** The store matched on the whole text; coverage reads the title and this much of the text. */
const COVERAGE_TEXT_CHARS = 20_000;
/**
 * The store's relevance only orders articles of equal coverage, and lightly: its bm25 counts each
 * alternative as another word, so in a small store an article naming both "Mexico" and "Mexican"
 * outscores a better-corroborated report that names only one.
 */
const RELEVANCE_SHARE = 0.25;

/** True when the stems of `phrase` end at `stems[end]`, consecutively. */
function phraseEndsAt(stems: readonly string[], end: number, phrase: readonly string[]): boolean {
  const n = phrase.length;
  if (n === 0 || end + 1 < n) return false;
  for (let k = 0; k < n; k++) if (stems[end - n + 1 + k] !== phrase[k]) return false;
  return true;
}

/**
 * How many of the query's groups the article matches (any of a group's phrases counts). The words
 * are stemmed in reading order and the scan stops once every group is matched, tokenizing no
 * further; `stems` caches the Porter stems across the candidates of one query, which repeat most
 * words (issue 16).
 */
export function topicCoverage(
  title: string,
  text: string,
  phrasesByGroup: readonly string[][][],
  stems: Map<string, string> = new Map(),
): number {
  // A phrase can only end at a word that is some phrase's last word: the others are read and passed.
  const lastWords = new Set<string>();
  for (const phrases of phrasesByGroup)
    for (const p of phrases) if (p.length > 0) lastWords.add(p[p.length - 1] as string);
  const read: string[] = [];
  const covered = phrasesByGroup.map(() => false);
  let open = phrasesByGroup.length;
  if (open === 0) return 0;
  scanTokens(`${title}\n${text.slice(0, COVERAGE_TEXT_CHARS)}`, (token) => {
    let stemmed = stems.get(token);
    if (stemmed === undefined) {
      stemmed = stem(token);
      stems.set(token, stemmed);
    }
    const i = read.push(stemmed) - 1;
    if (!lastWords.has(stemmed)) return true;
    for (let g = 0; g < phrasesByGroup.length; g++) {
      if (covered[g]) continue;
      if ((phrasesByGroup[g] ?? []).some((p) => phraseEndsAt(read, i, p))) {
        covered[g] = true;
        open--;
      }
    }
    return open > 0;
  });
  return phrasesByGroup.length - open;
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
  const stems = new Map<string, string>();
  return found
    .map((f) => {
      // The store found it, so it matches at least one group (perhaps beyond the text read here);
      // a one-group query (a country and its demonym) is therefore covered without reading.
      const coverage =
        groups < 2 ? 1 : Math.max(1, topicCoverage(f.article.title, f.article.text, phrasesByGroup, stems));
      return { found: f, coverage, relevance: coverage + (RELEVANCE_SHARE * Math.max(0, f.relevance)) / top };
    })
    .filter((r) => r.coverage >= needed)
    .sort((a, b) => b.relevance - a.relevance)
    .map((r) => ({ ...r.found, relevance: r.relevance }));
}
