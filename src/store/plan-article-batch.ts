// Splits an article batch into items that can be written in bulk and items that must run one at a
// time, so a store keeps one-item-at-a-time dedup semantics while writing most of a batch at once.
import type { NewArticle } from "../briefing/article.js";

/** What one up-front lookup found for an item: the id of the stored row it matches, or null. */
export type BatchMatch = number | null;

export interface ArticleBatchPlan {
  /** Items that match no stored row and share no key with another item: insert all at once. */
  inserts: number[];
  /** Items whose matched row no other item touches and that share no key: merge with that row. */
  updates: number[];
  /** The rest, in batch order: each needs a fresh lookup after the items before it are written. */
  sequential: number[];
}

function countInto(counts: Map<string, number>, key: string | null): void {
  if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
}

/**
 * Why this is safe: an item whose link, guid and content hash appear nowhere else in the batch,
 * and whose matched row (if any) no other item matched, finds the same row (or none) whether it
 * is written first, last or in its place. Other items' writes only ever give a row their own keys,
 * and upserts never set a canonical URL, so nothing another item writes can make this one match
 * differently. Items that do share a key keep their order and are looked up again when their turn
 * comes, exactly as if each had been stored alone.
 */
export function planArticleBatch(articles: readonly NewArticle[], matches: readonly BatchMatch[]): ArticleBatchPlan {
  const urls = new Map<string, number>();
  const guids = new Map<string, number>();
  const hashes = new Map<string, number>();
  const rows = new Map<string, number>();
  articles.forEach((a, i) => {
    countInto(urls, a.url);
    countInto(guids, a.guid);
    countInto(hashes, a.contentHash);
    countInto(rows, matchKey(matches[i]));
  });
  const alone = (counts: Map<string, number>, key: string | null) => key === null || counts.get(key) === 1;
  const plan: ArticleBatchPlan = { inserts: [], updates: [], sequential: [] };
  articles.forEach((a, i) => {
    const match = matches[i] ?? null;
    const independent =
      alone(urls, a.url) && alone(guids, a.guid) && alone(hashes, a.contentHash) && alone(rows, matchKey(match));
    if (!independent) plan.sequential.push(i);
    else if (match === null) plan.inserts.push(i);
    else plan.updates.push(i);
  });
  return plan;
}

function matchKey(match: BatchMatch | undefined): string | null {
  return match === null || match === undefined ? null : String(match);
}
