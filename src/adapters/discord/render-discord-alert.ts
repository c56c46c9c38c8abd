// Story alerts as Discord messages, pure: one story's embed (as /brief renders a story), the name of
// the name of the thread under it, and the "+ Reuters: <sentence>" reply. Feed text is escaped and mentions are off.
import type { StoryAlert, ThreadReply } from "../../briefing/alerts/alert-publisher.js";
import { storyRef } from "../../briefing/briefs/story-action.js";
import { DISCORD_LIMITS } from "./discord-limits.js";
import { type DiscordMessage, noMentions } from "./discord-message.js";
import { escapeDiscordMarkdown, safeDiscordUrl } from "./escape-discord-text.js";
import { storyButtonRow } from "./render-discord-buttons.js";
import { storyEmbed } from "./render-discord-card.js";

/** The name of a story's thread (Discord allows 100 characters); the parent card says what the story is. */
export const THREAD_NAME = "More sources";
/** A reply's quote: one sentence is at most CARD_LIMITS.sentence (400); this leaves room to spare. */
const MAX_REPLY_SENTENCE = 1_000;

/** The parent message of a story's thread: the story's embed; the footer counts its sources. */
export function renderDiscordStory(alert: StoryAlert): DiscordMessage {
  const count = alert.story.sources.length;
  const embed = { ...storyEmbed(alert.story, null), footer: { text: count === 1 ? "1 source" : `${count} sources` } };
  const row = storyButtonRow(storyRef(alert.story, null, alert.storyKey));
  return { embeds: [embed], allowed_mentions: noMentions(), ...(row ? { components: [row] } : {}) };
}

/** "+ **Reuters**: > the sentence", the outlet linked to its article. */
export function renderDiscordThreadReply(reply: ThreadReply): DiscordMessage {
  const name = escapeDiscordMarkdown(reply.source || "Another source", 100) || "Another source";
  const href = safeDiscordUrl(reply.url, 600);
  const outlet = href ? `[${name}](<${href}>)` : name;
  const said = reply.sentence?.text ?? reply.title;
  const content = said
    ? `+ **${outlet}**: “${escapeDiscordMarkdown(said, MAX_REPLY_SENTENCE)}”`
    : `+ **${outlet}** reports this story too.`;
  return { content: content.slice(0, DISCORD_LIMITS.content), allowed_mentions: noMentions(), embeds: [] };
}
