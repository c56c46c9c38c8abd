// Minimal feeds and articles for store tests that need rows but not particular field values:
// one place for the shape, so a new required field is added here once.
import type { NewArticle } from "../../src/briefing/article.js";
import type { NewFeed } from "../../src/briefing/feed.js";

/** A feed added by no one, due at once. */
export function plainFeed(url: string): NewFeed {
  return { url, title: null, siteLink: null, origin: null, refreshMinutes: 15, nextFetchAt: 0, createdAt: 0 };
}

/** Article `key` of `host`: link, guid and content hash all derived from it, dated at `at`. */
export function plainArticle(host: string, key: string, text: string, overrides: Partial<NewArticle> = {}): NewArticle {
  return {
    url: `https://${host}/a/${key}`,
    guid: key,
    title: `Story ${key}`,
    author: null,
    publishedAt: 10,
    publishedAtEstimated: false,
    fetchedAt: 0,
    summary: null,
    text,
    contentHash: `${host}/${key}`,
    language: null,
    ...overrides,
  };
}
