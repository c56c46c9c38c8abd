// Orders stories for a card: relevance to the topic first, then how many independent sources
// report it, then how recent it is. Weights are a judgement call, documented in docs/decisions.
import type { ScoredArticle } from "../article.js";

export interface RankedStory {
  members: ScoredArticle[];
  score: number;
  newest: number;
  sourceCount: number;
}

const DAY = 86_400_000;
/** A story two days old counts about half as recent as one from this hour. */
const RECENCY_HALF_LIFE_MS = 2 * DAY;
/** Five outlets on one event is as much corroboration as the ranking rewards. */
const SOURCES_FOR_FULL_CREDIT = 5;
export const RANK_WEIGHTS = { relevance: 0.5, sources: 0.3, recency: 0.2 } as const;

export function rankStories(groups: ScoredArticle[][], asOf: number): RankedStory[] {
  const top = Math.max(1e-9, ...groups.flatMap((g) => g.map((m) => m.relevance)));
  const ranked = groups.map((members) => {
    const relevance = Math.max(...members.map((m) => m.relevance)) / top;
    const sourceCount = new Set(members.map((m) => m.article.feedId)).size;
    const newest = Math.max(...members.map((m) => m.article.publishedAt));
    const recency = 0.5 ** (Math.max(0, asOf - newest) / RECENCY_HALF_LIFE_MS);
    const sources = Math.min(1, Math.log2(1 + sourceCount) / Math.log2(1 + SOURCES_FOR_FULL_CREDIT));
    const score = RANK_WEIGHTS.relevance * relevance + RANK_WEIGHTS.sources * sources + RANK_WEIGHTS.recency * recency;
    return { members, score, newest, sourceCount };
  });
  // Ties (equal scores) fall back to recency, then to the first member's id, so output is stable.
  return ranked.sort(
    (a, b) =>
      b.score - a.score || b.newest - a.newest || (a.members[0]?.article.id ?? 0) - (b.members[0]?.article.id ?? 0),
  );
}
