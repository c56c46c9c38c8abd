// The port story alerts post through: a story's card as a new message, a reply in its thread when
// another outlet reports the story, an edit of that message (its source count), and a round-up post.
import type { CardSentence, CardStory, DigestCard } from "../digest-card.js";
import type { PublishResult } from "../ports.js";
import type { ChannelRef } from "../schedule.js";

/** An alert message the platform accepted: where its thread replies and edits go. */
export interface AlertPost {
  channel: ChannelRef;
  /** The platform's id of the parent message (Slack `ts`, Discord message id). */
  messageId: string;
}

/** One story for one channel, as a watch matched it. */
export interface StoryAlert {
  watchId: number;
  /** Stable key of the story in this channel's alert ledger; buttons carry it back. */
  storyKey: string;
  story: CardStory;
}

/** "+ Reuters: <the new quoted sentence>" under an alert, when a new outlet reports the story. */
export interface ThreadReply {
  watchId: number;
  storyKey: string;
  source: string;
  /** The new outlet's article. */
  url: string | null;
  title: string | null;
  /** The sentence quoted from it; null when it has none worth quoting. */
  sentence: CardSentence | null;
}

/**
 * Posts story alerts. Like Publisher, it never throws for the platform's answers: a failure is a
 * result with a reason, and a request the platform may have accepted (`unconfirmed`) is never
 * repeated. Replies and edits to a deleted parent answer `message_gone`; to a thread the platform
 * refuses (archived, locked) `thread_closed`.
 */
export interface AlertPublisher {
  /** The new message's id is the parent of the story's thread. */
  postStory(target: ChannelRef, alert: StoryAlert): Promise<PublishResult>;
  replyInThread(parent: AlertPost, reply: ThreadReply): Promise<PublishResult>;
  /** Replaces the parent's card (new source count); the message keeps its id. */
  editStory(parent: AlertPost, alert: StoryAlert): Promise<PublishResult>;
  /** One post for many stories: flood-control overflow ("12 more stories") and the quiet-hours summary. */
  postRoundup(target: ChannelRef, card: DigestCard, key: string): Promise<PublishResult>;
}
