// What ingest derives from each parsed item alone (canonical URL, content hash, teaser or not, the
// news/opinion label), worked out on the parser worker so the main thread only stores (issue 16).

import { isTeaser } from "../../briefing/feeds/needs-full-text.js";
import type { FeedItem, ParsedFeed, PreparedItem } from "../../briefing/parsed-feed.js";
import { classifyArticleKind } from "../../briefing/stories/classify-article-kind.js";
import { itemContentHash, normalizedText, normalizedUrl } from "./normalize-article.js";

/**
 * The item's prepared part: exactly what normalizeArticle, needsFullText (`auto`) and
 * withArticleKind (`auto`) work out from it on the main thread, the label read with `outlet`.
 */
export function prepareItem(item: FeedItem, outlet: string | null): PreparedItem {
  const url = normalizedUrl(item);
  const text = normalizedText(item);
  const { kind, reason } = classifyArticleKind({
    title: item.title,
    url,
    text,
    outlet,
    categories: item.categories ?? [],
    author: item.author,
  });
  return { url, contentHash: itemContentHash(item, url), teaser: isTeaser(text), kind, kindReason: reason, outlet };
}

/** The feed with every item prepared, the label read with the document's own title (what ingest uses unless the feed has a title of its own). */
export function prepareFeedItems(feed: ParsedFeed): ParsedFeed {
  const outlet = feed.title || null;
  return { ...feed, items: feed.items.map((item) => ({ ...item, prepared: prepareItem(item, outlet) })) };
}
