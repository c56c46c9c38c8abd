// Outbox events (a feed was disabled) and delivery problems as Discord messages, pure. Event
// text carries feed titles, so it is escaped; only channel mentions we build ourselves stay live.
import type { BotEvent } from "../../briefing/ports.js";
import { DISCORD_LIMITS } from "./discord-limits.js";
import { type DiscordMessage, noMentions } from "./discord-message.js";
import { escapeDiscordMarkdown } from "./escape-discord-text.js";
import { ERROR_COLOUR } from "./render-discord-reply.js";

/** A Record, so a new event kind in the core fails the build here until it has a title. */
const TITLES: Record<BotEvent["kind"], string> = {
  feed_disabled: "A feed was disabled",
  schedule_paused: "A scheduled digest was paused",
};

export function renderDiscordEvent(event: BotEvent): DiscordMessage {
  return {
    embeds: [
      {
        title: TITLES[event.kind],
        description: escapeDiscordMarkdown(event.message, DISCORD_LIMITS.embedDescription),
        color: ERROR_COLOUR,
        timestamp: new Date(event.createdAt).toISOString(),
      },
    ],
    allowed_mentions: noMentions(),
  };
}

/** A channel mention only for a real snowflake; anything else is shown as escaped text. */
function channelMention(channelId: string): string {
  return /^\d{1,20}$/.test(channelId) ? `<#${channelId}>` : escapeDiscordMarkdown(channelId, 40);
}

/** Told to whoever set the feed (or schedule) up, in a DM, when its channel cannot be posted in. */
export function renderUndeliverable(event: BotEvent, channelId: string, reason: string): DiscordMessage {
  const lines = [
    `briefbot could not post this in ${channelMention(channelId)} (${escapeDiscordMarkdown(reason, 200)}):`,
    "",
    `> ${escapeDiscordMarkdown(event.message, 2_500)}`,
    "",
    "Give briefbot View Channel, Send Messages and Embed Links in that channel (or run the command again from a channel where it can post). It will not retry on its own.",
  ];
  return {
    embeds: [{ title: "briefbot could not post in a channel", description: lines.join("\n"), color: ERROR_COLOUR }],
    allowed_mentions: noMentions(),
  };
}
