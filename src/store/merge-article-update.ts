// What an incoming article changes in the stored one it matched (docs/decisions/001 and 006):
// the one copy of the update rules both stores apply, so SQLite and PostgreSQL cannot drift.
import type { ExtractionStatus, NewArticle } from "../briefing/article.js";

/** The stored columns the rules read, as a dedup lookup returns them (SQLite's 0/1 or a boolean). */
export interface MatchedArticleRow {
  id: number;
  feed_id: number;
  url: string | null;
  guid: string | null;
  title: string;
  author: string | null;
  published_at: number;
  published_at_estimated: boolean | 0 | 1;
  summary: string | null;
  text: string;
  content_hash: string;
  language: string | null;
  canonical_url: string | null;
  extraction_status: ExtractionStatus;
  extraction_next_at: number | null;
}

/** The columns an update writes. */
export interface ArticleUpdate {
  url: string | null;
  guid: string | null;
  title: string;
  author: string | null;
  publishedAt: number;
  publishedAtEstimated: boolean;
  summary: string | null;
  text: string;
  contentHash: string;
  language: string | null;
  extractionStatus: ExtractionStatus;
  extractionNextAt: number | null;
}

/** The update to write, or null when the incoming article changes nothing (or is another feed's). */
export function mergeArticleUpdate(stored: MatchedArticleRow, a: NewArticle, feedId: number): ArticleUpdate | null {
  // The same story syndicated in another feed: the feed that stored it first owns it. Updating
  // from both would flip the row between two versions on every poll.
  if (stored.feed_id !== feedId) return null;
  const storedEstimated = stored.published_at_estimated === true || stored.published_at_estimated === 1;
  // A link or guid that disappears from the feed is not news: keep what we know. A link equal to
  // the page's canonical URL found this row by that key; the row's own link stays (no flip-flop).
  const url = a.url === null || a.url === stored.canonical_url ? stored.url : a.url;
  const guid = a.guid ?? stored.guid;
  // An estimated date (the fetch time) must not move a known date, nor creep forward every poll.
  const publishedAt = a.publishedAtEstimated ? stored.published_at : a.publishedAt;
  const publishedAtEstimated = a.publishedAtEstimated ? storedEstimated : false;
  // Full text: a page's text outlives the feed's teaser; kept and failed are final; none and
  // pending follow the feed's text, and a pending article keeps its attempts and due time.
  let status = stored.extraction_status;
  let nextAt = stored.extraction_next_at;
  if (status === "none" && a.wantsFullText === true) [status, nextAt] = ["pending", a.fetchedAt];
  else if (status === "pending" && a.wantsFullText !== true) [status, nextAt] = ["none", null];
  const extracted = status === "extracted";
  const text = extracted ? stored.text : a.text;
  const language = extracted ? (stored.language ?? a.language) : a.language;
  const unchanged =
    url === stored.url &&
    guid === stored.guid &&
    a.title === stored.title &&
    a.author === stored.author &&
    publishedAt === stored.published_at &&
    publishedAtEstimated === storedEstimated &&
    a.summary === stored.summary &&
    text === stored.text &&
    a.contentHash === stored.content_hash &&
    language === stored.language &&
    status === stored.extraction_status &&
    nextAt === stored.extraction_next_at;
  if (unchanged) return null;
  return {
    url,
    guid,
    title: a.title,
    author: a.author,
    publishedAt,
    publishedAtEstimated,
    summary: a.summary,
    text,
    contentHash: a.contentHash,
    language,
    extractionStatus: status,
    extractionNextAt: nextAt,
  };
}
