// JSON Feed 1.0 and 1.1 as feedsmith returns them, normalized to the core's ParsedFeed. Relative
// URLs (the spec wants absolute ones, not every producer complies) resolve against the feed URL;
// 1.0's single `author` and 1.1's `authors` are both read (feedsmith merges them into `authors`).
import type { FeedItem, ParsedFeed } from "../../briefing/parsed-feed.js";
import {
  asArray,
  asString,
  buildItem,
  categoryList,
  type FeedContext,
  feedTitle,
  firstDate,
  get,
  htmlTextOrNull,
  lineOrNull,
  plainLineOrNull,
  plainTextOrNull,
  resolveLink,
} from "./feed-values.js";

export function normalizeJsonFeed(feed: unknown, feedUrl: string): ParsedFeed {
  const base = resolveLink(feedUrl, null);
  const language = asString(get(feed, "language")) ?? null;
  const context: FeedContext = {
    base,
    language,
    author: lineOrNull(get(asArray(get(feed, "authors"))[0], "name")),
  };
  const items: FeedItem[] = asArray(get(feed, "items")).map((item) => normalizeJsonItem(item, context));
  return {
    format: "json",
    title: feedTitle(lineOrNull(get(feed, "title")), feedUrl),
    link: resolveLink(get(feed, "home_page_url"), base),
    language,
    items,
  };
}

function normalizeJsonItem(item: unknown, context: FeedContext): FeedItem {
  return buildItem({
    id: asString(get(item, "id")),
    // JSON Feed titles are plain text ("HTML is not allowed", version 1.1).
    title: plainLineOrNull(get(item, "title")),
    link: resolveLink(get(item, "url"), context.base) ?? resolveLink(get(item, "external_url"), context.base),
    publishedAt: firstDate(get(item, "date_published"), get(item, "date_modified")),
    author: lineOrNull(get(asArray(get(item, "authors"))[0], "name")) ?? context.author,
    summary: htmlTextOrNull(get(item, "summary")),
    content: htmlTextOrNull(get(item, "content_html")) ?? plainTextOrNull(get(item, "content_text")),
    language: asString(get(item, "language")) ?? context.language,
    categories: categoryList(...asArray(get(item, "tags"))),
  });
}
