// `briefbot feed inspect`: a parsed feed as the issue's JSON shape or as readable text, so an
// operator sees exactly what briefbot would store from a URL or file, without storing it.

import { countNoun } from "../briefing/commands/count-noun.js";
import type { FeedItem, ParsedFeed } from "../briefing/parsed-feed.js";
import { classifyArticleKind } from "../briefing/stories/classify-article-kind.js";

/** The label ingest would store for the item (a feed set with /feed kind overrides it). */
function itemKind(feed: ParsedFeed, item: FeedItem) {
  return classifyArticleKind({
    title: item.title,
    url: item.link,
    text: item.text,
    outlet: feed.title,
    categories: item.categories ?? [],
    author: item.author,
  });
}

export function inspectJson(feed: ParsedFeed): object {
  return {
    title: feed.title,
    link: feed.link,
    items: feed.items.map((item) => ({
      id: item.id,
      title: item.title,
      link: item.link,
      publishedAt: item.publishedAt === null ? null : new Date(item.publishedAt).toISOString(),
      author: item.author,
      summary: item.summary,
      text: item.text,
      kind: itemKind(feed, item).kind,
      kindReason: itemKind(feed, item).reason,
    })),
  };
}

function words(text: string): number {
  const trimmed = text.trim();
  return trimmed === "" ? 0 : trimmed.split(/\s+/).length;
}

export function inspectText(feed: ParsedFeed): string {
  const head = `${feed.title}  (${feed.format}, ${countNoun(feed.items.length, "item")})\n${feed.link ?? "(no site link)"}\n`;
  const items = feed.items.map((item, i) => {
    const date = item.publishedAt === null ? "no date" : new Date(item.publishedAt).toISOString();
    const preview = item.text.replace(/\s+/g, " ").slice(0, 160);
    const kind = itemKind(feed, item);
    return [
      `\n${i + 1}. ${item.title}`,
      `   ${date}${item.author ? `  by ${item.author}` : ""}  ${words(item.text)} words`,
      `   ${item.link ?? "(no link)"}`,
      `   kind: ${kind.kind} (${kind.reason})`,
      preview ? `   ${preview}${item.text.length > 160 ? "…" : ""}` : "",
    ]
      .filter(Boolean)
      .join("\n");
  });
  return `${head}${items.join("\n")}\n`;
}
