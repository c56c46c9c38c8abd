// `briefbot feed inspect`: a parsed feed as the issue's JSON shape or as readable text, so an
// operator sees exactly what briefbot would store from a URL or file, without storing it.

import { countNoun } from "../briefing/commands/count-noun.js";
import type { ParsedFeed } from "../briefing/parsed-feed.js";

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
    return [
      `\n${i + 1}. ${item.title}`,
      `   ${date}${item.author ? `  by ${item.author}` : ""}  ${words(item.text)} words`,
      `   ${item.link ?? "(no link)"}`,
      preview ? `   ${preview}${item.text.length > 160 ? "…" : ""}` : "",
    ]
      .filter(Boolean)
      .join("\n");
  });
  return `${head}${items.join("\n")}\n`;
}
