// DigestCard to CommonMark: pure. Feed text is escaped (no markdown, HTML or autolinks of its
// own); links are built only from parsed http(s) URLs.
import { type DigestCard, sentenceCredit, sourceKindLabel, storyLabel } from "../../briefing/digest-card.js";
import { formatDay } from "../../briefing/digests/time-format.js";
import { sanitizeFeedText } from "./sanitize-feed-text.js";

/**
 * Feed text sanitized, then every ASCII punctuation character markdown could read as syntax
 * backslash-escaped, and the `:` of `://` too, so a bare URL is not autolinked by GitHub-flavoured renderers.
 */
export function escapeMarkdown(text: string): string {
  return sanitizeFeedText(text)
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&"']|:(?=\/\/)/g, (c) => `\\${c}`)
    .replace(/\s+/g, " ");
}

/** A URL safe to put in a link destination, or null (only http(s); parentheses and spaces encoded). */
export function safeLinkUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
    return parsed.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    return null;
  }
}

function link(label: string, url: string | null): string {
  const href = safeLinkUrl(url);
  return href ? `[${escapeMarkdown(label)}](${href})` : escapeMarkdown(label);
}

export function renderMarkdownCard(card: DigestCard): string {
  const out: string[] = [`## ${escapeMarkdown(card.title)}`, "", `_${escapeMarkdown(card.subtitle)}_`];
  if (card.emptyMessage) out.push("", escapeMarkdown(card.emptyMessage));
  if (card.notice) out.push("", escapeMarkdown(card.notice));
  card.stories.forEach((story, i) => {
    out.push(
      "",
      `### ${i + 1}. ${story.updated ? "Updated: " : ""}${escapeMarkdown(storyLabel(story))}${link(story.headline, story.url)}`,
      "",
    );
    for (const sentence of story.sentences)
      out.push(`> ${escapeMarkdown(sentence.text)} (${link(sentenceCredit(sentence), sentence.url)})`, ">");
    if (story.sentences.length > 0) out.pop();
    const sources = story.sources
      .map((src) => `${link(src.name, src.url)}${escapeMarkdown(sourceKindLabel(src))} (${formatDay(src.publishedAt)})`)
      .join(", ");
    out.push("", `Sources: ${sources}`);
  });
  return `${out.join("\n")}\n`;
}
