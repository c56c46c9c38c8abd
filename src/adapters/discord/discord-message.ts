// The message body briefbot sends to Discord (REST JSON, snake_case), whichever way it travels:
// an interaction reply, a follow-up, or a channel post. Mentions are off by type.
import type { APIEmbed } from "discord.js";

export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  /** Always empty: no feed text, title or reply may ping @everyone, @here, a role or a user. */
  allowed_mentions: { parse: [] };
  /** EPHEMERAL_FLAG for answers only the sender should see. */
  flags?: number;
}

/** A fresh `{ parse: [] }` (never a shared object someone could mutate). */
export function noMentions(): { parse: [] } {
  return { parse: [] };
}
