// What a button under a story asks for ("More sources", "Mute this story", "Brief me"), and the
// short token a button carries it in (Slack's value, Discord's custom_id), pure. A token from a
// click is untrusted: decoding checks every part and answers null for anything it did not make.
import { z } from "zod";
import type { CardStory } from "../digest-card.js";

export const STORY_ACTIONS = ["sources", "mute", "brief"] as const;
export type StoryActionKind = (typeof STORY_ACTIONS)[number];

/** A story as a button refers to it: one of its articles, its alert key when it was an alert, and the topic it was found under. */
export interface StoryRef {
  articleId: number;
  /** The alert ledger's key (alerts only); Mute needs it. */
  storyKey: string | null;
  /** The /brief or watch topic; null when none was given or it did not fit the token. */
  topic: string | null;
}

export interface StoryAction {
  action: StoryActionKind;
  story: StoryRef;
}

const PREFIX = "bb1";
/** Topics are at most 500 characters (BriefRequestSchema); alert keys are short. */
const MAX_TOPIC = 500;
const MAX_STORY_KEY = 200;

const TokenSchema = z.object({
  action: z.enum(STORY_ACTIONS),
  articleId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  storyKey: z.string().max(MAX_STORY_KEY),
  topic: z.string().max(MAX_TOPIC),
});

/** The story a card's buttons refer to: its first quoted article; null when it quotes none. */
export function storyRef(story: CardStory, topic: string | null, storyKey: string | null = null): StoryRef | null {
  const articleId = story.sentences[0]?.articleId;
  return articleId === undefined || articleId <= 0 ? null : { articleId, storyKey, topic };
}

/** `:` separates the parts; the key escapes it (and `%`), the topic comes last and needs no escaping. */
const escapeKey = (key: string) => key.replace(/%/g, "%25").replace(/:/g, "%3A");
const unescapeKey = (key: string) => key.replace(/%3A/g, ":").replace(/%25/g, "%");

function join(action: StoryActionKind, story: StoryRef, keep: { key: boolean; topic: boolean }): string {
  const key = keep.key && story.storyKey ? escapeKey(story.storyKey) : "";
  const topic = keep.topic && story.topic ? story.topic : "";
  return `${PREFIX}:${action}:${story.articleId}:${key}:${topic}`;
}

/**
 * The token for one button, at most `maxLength` UTF-16 units. When the whole does not fit, the
 * topic is left out (Brief me then briefs on the story's own title); Mute keeps its key or gets no
 * token at all (null: the caller leaves that button out).
 */
export function encodeStoryAction(action: StoryActionKind, story: StoryRef, maxLength: number): string | null {
  const needsKey = action === "mute";
  if (needsKey && !story.storyKey) return null;
  const tries = [
    { key: true, topic: true },
    { key: true, topic: false },
    ...(needsKey ? [] : [{ key: false, topic: false }]),
  ];
  for (const keep of tries) {
    const token = join(action, story, keep);
    if (token.length <= maxLength) return token;
  }
  return null;
}

/** The action a button's token names, or null when it is not one of ours (old, forged or cut). */
export function decodeStoryAction(token: string): StoryAction | null {
  if (token.length > 2_000 || !token.startsWith(`${PREFIX}:`)) return null;
  const parts: string[] = [];
  let rest = token.slice(PREFIX.length + 1);
  for (let i = 0; i < 3; i += 1) {
    const at = rest.indexOf(":");
    if (at < 0) return null;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  const [action, articleId, key] = parts;
  if (articleId === undefined || !/^[1-9][0-9]{0,15}$/.test(articleId)) return null;
  const parsed = TokenSchema.safeParse({ action, articleId, storyKey: unescapeKey(key ?? ""), topic: rest });
  if (!parsed.success) return null;
  const { storyKey, topic } = parsed.data;
  return {
    action: parsed.data.action,
    story: { articleId: parsed.data.articleId, storyKey: storyKey || null, topic: topic.trim() || null },
  };
}
