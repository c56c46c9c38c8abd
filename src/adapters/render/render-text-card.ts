// DigestCard to terminal text: pure. Colour (ANSI) only when asked for a TTY; feed text has its
// control characters removed so no feed can move the cursor or recolour a terminal.
import { type DigestCard, sentenceCredit, sourceKindLabel, storyLabel } from "../../briefing/digest-card.js";
import { formatDay } from "../../briefing/digests/time-format.js";
import { sanitizeFeedText } from "./sanitize-feed-text.js";

export interface TextStyle {
  bold(text: string): string;
  dim(text: string): string;
  accent(text: string): string;
}

const PLAIN: TextStyle = { bold: (t) => t, dim: (t) => t, accent: (t) => t };
const ANSI: TextStyle = {
  bold: (t) => `\x1b[1m${t}\x1b[22m`,
  dim: (t) => `\x1b[2m${t}\x1b[22m`,
  accent: (t) => `\x1b[36m${t}\x1b[39m`,
};

export function textStyle(colour: boolean): TextStyle {
  return colour ? ANSI : PLAIN;
}

/** Feed text for a terminal: control characters (ESC sequences included), bidi and zero-width removed; newlines and tabs kept. */
export function safeTerminalText(text: string): string {
  return sanitizeFeedText(text, { keepLineBreaks: true });
}

function wrap(text: string, width: number, indent: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => `${indent}${l}`).join("\n");
}

export function renderTextCard(card: DigestCard, options: { colour?: boolean; width?: number } = {}): string {
  const s = textStyle(options.colour === true);
  const width = options.width ?? 88;
  const t = safeTerminalText;
  const out: string[] = [s.bold(t(card.title)), s.dim(t(card.subtitle))];
  if (card.emptyMessage) out.push("", wrap(t(card.emptyMessage), width, ""));
  if (card.notice) out.push("", wrap(t(card.notice), width, ""));
  card.stories.forEach((story, i) => {
    out.push("", s.bold(`${i + 1}. ${story.updated ? "Updated: " : ""}${storyLabel(story)}${t(story.headline)}`));
    // Each quote carries its own article's link, so a reader can check every line.
    for (const sentence of story.sentences) {
      out.push(wrap(`“${t(sentence.text)}” ${s.dim(`— ${t(sentenceCredit(sentence))}`)}`, width, "   "));
      if (sentence.url) out.push(s.accent(`     ${t(sentence.url)}`));
    }
    const sources = story.sources
      .map((src) => `${t(src.name)}${sourceKindLabel(src)} (${formatDay(src.publishedAt)})`)
      .join(", ");
    out.push(s.dim(wrap(`Sources: ${sources}`, width, "   ")));
    const quoted = new Set(story.sentences.map((q) => q.url));
    for (const src of story.sources) if (src.url && !quoted.has(src.url)) out.push(s.accent(`   ${t(src.url)}`));
  });
  return `${out.join("\n")}\n`;
}
