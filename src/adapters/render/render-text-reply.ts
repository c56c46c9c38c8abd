// A neutral Reply as terminal text: cards through renderTextCard, notices as a title and lines.
import type { Reply } from "../../briefing/commands/reply.js";
import { renderTextCard, safeTerminalText, textStyle } from "./render-text-card.js";

export function renderTextReply(reply: Reply, options: { colour?: boolean } = {}): string {
  if (reply.kind === "card") return renderTextCard(reply.card, options);
  const s = textStyle(options.colour === true);
  const title = reply.tone === "error" ? s.bold(`✗ ${reply.title}`) : s.bold(reply.title);
  return `${[title, ...reply.lines.map((line) => `  ${safeTerminalText(line)}`)].join("\n")}\n`;
}
