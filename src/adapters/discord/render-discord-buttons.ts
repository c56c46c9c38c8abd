// The buttons under a story on Discord, pure: "More sources", "Mute this story" (alerts only) and
// "Brief me" as one row of message components. Labels are ours (no feed text) apart from the
// story's number; each custom_id is the story's token within Discord's 100 characters.
import { ButtonStyle, ComponentType } from "discord.js";
import { encodeStoryAction, type StoryActionKind, type StoryRef } from "../../briefing/briefs/story-action.js";
import { sanitizeFeedText } from "../render/sanitize-feed-text.js";
import { DISCORD_LIMITS } from "./discord-limits.js";
import type { DiscordButtonRow } from "./discord-message.js";

const LABELS: Record<StoryActionKind, string> = {
  sources: "More sources",
  mute: "Mute this story",
  brief: "Brief me",
};

/** One row for one story; `number` labels the buttons of a card of several ("2 · More sources"). */
export function storyButtonRow(story: StoryRef | null, number: number | null = null): DiscordButtonRow | null {
  if (story === null) return null;
  const topic = story.topic === null ? null : sanitizeFeedText(story.topic).replace(/\s+/g, " ").trim() || null;
  const ref = { ...story, topic };
  const components: DiscordButtonRow["components"] = [];
  for (const action of ["sources", "mute", "brief"] as const) {
    const customId = encodeStoryAction(action, ref, DISCORD_LIMITS.customId);
    if (customId === null) continue;
    const label = number === null ? LABELS[action] : `${number} · ${LABELS[action]}`;
    components.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: customId, label });
  }
  return components.length > 0 ? { type: ComponentType.ActionRow, components } : null;
}
