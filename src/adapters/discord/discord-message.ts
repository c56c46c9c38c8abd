// The message body briefbot sends to Discord (REST JSON, snake_case), whichever way it travels:
// an interaction reply, a follow-up, or a channel post. Mentions are off by type.
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIEmbed } from "discord.js";

/** A row of buttons under a message (message components). */
export type DiscordButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  /** Always empty: no feed text, title or reply may ping @everyone, @here, a role or a user. */
  allowed_mentions: { parse: [] };
  /** Buttons under stories: at most 5 rows of 5. */
  components?: DiscordButtonRow[];
  /** EPHEMERAL_FLAG for answers only the sender should see. */
  flags?: number;
}

/** A fresh `{ parse: [] }` (never a shared object someone could mutate). */
export function noMentions(): { parse: [] } {
  return { parse: [] };
}
