// The buttons under a story on Slack, pure: "More sources", "Mute this story" (alerts only) and
// "Brief me", as one actions block. Labels are ours (no feed text); each value is the story's token,
// the topic in it sanitised and the whole within Slack's 2,000 characters.
import { encodeStoryAction, type StoryActionKind, type StoryRef } from "../../briefing/briefs/story-action.js";
import { sanitizeFeedText } from "../render/sanitize-feed-text.js";
import { SLACK_LIMITS } from "./slack-limits.js";
import type { SlackBlock, SlackButton } from "./slack-message.js";

/** Bolt routes clicks by these; the value says which story. */
export const STORY_ACTION_IDS: Record<StoryActionKind, string> = {
  sources: "story_sources",
  mute: "story_mute",
  brief: "story_brief",
};

const LABELS: Record<StoryActionKind, string> = {
  sources: "More sources",
  mute: "Mute this story",
  brief: "Brief me",
};

/** The actions block for one story, or null when it has nothing to refer to (no quoted article). */
export function storyActionsBlock(story: StoryRef | null): SlackBlock | null {
  if (story === null) return null;
  const topic = story.topic === null ? null : sanitizeFeedText(story.topic).replace(/\s+/g, " ").trim() || null;
  const ref = { ...story, topic };
  const elements: SlackButton[] = [];
  for (const action of ["sources", "mute", "brief"] as const) {
    const value = encodeStoryAction(action, ref, SLACK_LIMITS.buttonValue);
    if (value === null) continue;
    elements.push({
      type: "button",
      action_id: STORY_ACTION_IDS[action],
      text: { type: "plain_text", text: LABELS[action], emoji: false },
      value,
    });
  }
  return elements.length > 0 ? { type: "actions", elements } : null;
}
