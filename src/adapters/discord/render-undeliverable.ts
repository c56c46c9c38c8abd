// The DM that tells whoever set a feed (or schedule) up that its channel could not take an
// announcement, pure. Announcement text carries feed titles, so it is escaped; only the channel
// mention we build ourselves stays live.
import type { Announcement } from "../../briefing/ports.js";
import { DISCORD_LIMITS } from "./discord-limits.js";
import { type DiscordMessage, noMentions } from "./discord-message.js";
import { escapeDiscordMarkdown } from "./escape-discord-text.js";
import { ERROR_COLOUR } from "./render-discord-reply.js";

/** A channel mention only for a real snowflake; anything else is shown as escaped text. */
function channelMention(channelId: string): string {
  return /^\d{1,20}$/.test(channelId) ? `<#${channelId}>` : escapeDiscordMarkdown(channelId, 40);
}

export function renderUndeliverable(announcement: Announcement, channelId: string, reason: string): DiscordMessage {
  const lines = [
    `briefbot could not post this in ${channelMention(channelId)} (${escapeDiscordMarkdown(reason, 200)}):`,
    "",
    ...announcement.lines.map((line) => `> ${escapeDiscordMarkdown(line, 1_200)}`),
    "",
    "Give briefbot View Channel, Send Messages and Embed Links in that channel (or run the command again from a channel where it can post). It will not retry on its own.",
  ];
  return {
    embeds: [
      {
        title: escapeDiscordMarkdown(announcement.title, DISCORD_LIMITS.embedTitle),
        description: lines.join("\n").slice(0, DISCORD_LIMITS.embedDescription),
        color: ERROR_COLOUR,
      },
    ],
    allowed_mentions: noMentions(),
  };
}
