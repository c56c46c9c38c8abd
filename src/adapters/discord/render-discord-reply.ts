// A neutral Reply as a Discord message, pure: cards through renderDiscordCard, notices as one
// embed whose lines are escaped (they can carry feed titles) with their URLs kept clickable.
// "sender" replies carry the ephemeral flag.
import type { APIEmbed } from "discord.js";
import type { Reply } from "../../briefing/commands/reply.js";
import { DISCORD_LIMITS, EPHEMERAL_FLAG } from "./discord-limits.js";
import { type DiscordMessage, noMentions } from "./discord-message.js";
import { escapeDiscordMarkdown, safeDiscordUrl } from "./escape-discord-text.js";
import { renderDiscordCard } from "./render-discord-card.js";

export const INFO_COLOUR = 0x2b6cb0;
export const ERROR_COLOUR = 0xd13438;
/** One notice line (a feed's status, an error) never needs more than this. */
const MAX_LINE = 600;
const URL_PATTERN = /https?:\/\/[^\s<>]+/g;

export function renderDiscordReply(reply: Reply): DiscordMessage {
  const message = reply.kind === "card" ? renderDiscordCard(reply.card, { buttons: true }) : renderNotice(reply);
  return reply.visibility === "sender" ? { ...message, flags: EPHEMERAL_FLAG } : message;
}

function renderNotice(reply: Extract<Reply, { kind: "notice" }>): DiscordMessage {
  const embed: APIEmbed = {
    title: escapeDiscordMarkdown(reply.tone === "error" ? `✗ ${reply.title}` : reply.title, DISCORD_LIMITS.embedTitle),
    color: reply.tone === "error" ? ERROR_COLOUR : INFO_COLOUR,
  };
  const description = noticeLines(reply.lines, DISCORD_LIMITS.embedDescription);
  if (description) embed.description = description;
  return { embeds: [embed], allowed_mentions: noMentions() };
}

/** Lines up to `max` characters; what does not fit is counted ("… and 3 more lines"). */
function noticeLines(lines: string[], max: number): string {
  const out: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    const rendered = noticeLine(line);
    const tail = i < lines.length - 1 ? 40 : 0;
    if (length + rendered.length + 1 + tail > max) {
      out.push(`… and ${lines.length - i} more`);
      break;
    }
    out.push(rendered);
    length += rendered.length + 1;
  }
  return out.join("\n");
}

/** Escapes a line's text but keeps each http(s) URL as an `<url>` autolink (escaping would break it). */
function noticeLine(line: string): string {
  let out = "";
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const href = safeDiscordUrl(match[0]);
    if (!href) continue;
    out += `${escapeDiscordMarkdown(line.slice(last, match.index))} <${href}> `;
    last = match.index + match[0].length;
  }
  out += escapeDiscordMarkdown(line.slice(last));
  const trimmed = out.replace(/\s+/g, " ").trim();
  return trimmed.length <= MAX_LINE ? trimmed : escapeDiscordMarkdown(line, MAX_LINE);
}
