// The ports story alerts need from a store: watches and channel settings (WatchStore), and the
// alert ledger (AlertLedger): which story was posted where, its thread replies, held stories, round-ups, outcomes.
import type { ChannelRef } from "../schedule.js";
import type { AlertSettings, NewWatch, Watch, WatchPatch } from "./watch.js";

export interface WatchStore {
  addWatch(watch: NewWatch): Promise<Watch>;
  getWatch(id: number): Promise<Watch | undefined>;
  /** Oldest first; only this channel's when given. */
  listWatches(channel?: ChannelRef): Promise<Watch[]>;
  /** Watches not paused, oldest first: what the alert pass considers. */
  activeWatches(): Promise<Watch[]>;
  updateWatch(id: number, patch: WatchPatch, at: number): Promise<Watch | undefined>;
  /** Removes the watch and its recorded outcomes; false when it did not exist. */
  removeWatch(id: number): Promise<boolean>;
  /** Null when the channel never set its own (the defaults apply). */
  getAlertSettings(channel: ChannelRef): Promise<AlertSettings | null>;
  setAlertSettings(settings: AlertSettings): Promise<void>;
}

/**
 * A story's state in a channel's alert ledger. `claimed`: a process is posting it until
 * `leaseUntil` (after that it crashed or gave it back, and it may be claimed again); `posted`
 * (message id recorded); `held` (flood control or quiet hours: waiting for a round-up);
 * `rounding` (a round-up with it is being posted); `rounded` (posted inside a round-up);
 * `failed` (with a reason; an `unconfirmed` post is failed, never sent again).
 */
export const ALERT_STORY_STATUSES = ["claimed", "posted", "held", "rounding", "rounded", "failed"] as const;
export type AlertStoryStatus = (typeof ALERT_STORY_STATUSES)[number];

export interface AlertStoryRecord {
  channel: ChannelRef;
  storyKey: string;
  watchId: number;
  status: AlertStoryStatus;
  attempts: number;
  leaseUntil: number | null;
  /** The parent message (or the round-up message) once posted. */
  messageId: string | null;
  headline: string;
  /** Articles of the story as the channel knows it: how a later pass recognises it. */
  articleIds: number[];
  /** Outlets announced: in the post, then one per thread reply. */
  outlets: string[];
  /** The source count the parent card shows (after the last edit). */
  editedSources: number;
  /** Why it failed, is held, or waits for a retry. */
  reason: string | null;
  /** Set when thread replies stopped (parent deleted, thread archived): why. */
  repliesStopped: string | null;
  createdAt: number;
  postedAt: number | null;
  updatedAt: number;
}

export const ALERT_REPLY_STATUSES = ["claimed", "posted", "failed"] as const;
export type AlertReplyStatus = (typeof ALERT_REPLY_STATUSES)[number];

export interface AlertReplyRecord {
  channel: ChannelRef;
  storyKey: string;
  outlet: string;
  articleId: number;
  status: AlertReplyStatus;
  attempts: number;
  leaseUntil: number | null;
  messageId: string | null;
  reason: string | null;
  updatedAt: number;
}

export interface StoryClaim {
  channel: ChannelRef;
  storyKey: string;
  watchId: number;
  headline: string;
  articleIds: number[];
  outlets: string[];
  token: string;
  now: number;
  leaseUntil: number;
}

export interface ReplyClaim {
  channel: ChannelRef;
  storyKey: string;
  outlet: string;
  articleId: number;
  token: string;
  now: number;
  leaseUntil: number;
}

export type AlertSettlement = { status: "posted"; messageId: string } | { status: "failed"; reason: string };

export interface ClaimKey {
  channel: ChannelRef;
  storyKey: string;
  token: string;
}

/** What a pass decided about one article for one watch: what `/watch why` reads. */
export const ALERT_OUTCOMES = [
  "posted",
  "replied",
  "joined",
  "filtered",
  "waiting",
  "held",
  "rounded",
  "failed",
] as const;
export type AlertOutcomeKind = (typeof ALERT_OUTCOMES)[number];

export interface AlertOutcome {
  articleId: number;
  watchId: number;
  outcome: AlertOutcomeKind;
  /** The filter that dropped it, the limit that held it, the failure... */
  detail: string;
  storyKey: string | null;
  at: number;
}

export interface RoundupRecord {
  channel: ChannelRef;
  messageId: string | null;
  storyCount: number;
  postedAt: number;
}

export interface AlertLedger {
  /** The channel's ledger entries touched at or after `since`, with their stories' article ids. */
  channelStories(channel: ChannelRef, since: number): Promise<AlertStoryRecord[]>;
  /** Every entry touched at or after `since`, in every channel (for `/watch why`). */
  storiesWithArticle(articleId: number): Promise<AlertStoryRecord[]>;
  /**
   * Claims a story for a post, atomically: inserts it as claimed, or takes over a claim whose
   * lease has ended. False when another process holds it or it is settled, held or rounded.
   */
  claimStory(claim: StoryClaim): Promise<boolean>;
  /** False (nothing written) when `token` no longer holds the claim. */
  settleStory(key: ClaimKey, at: number, settlement: AlertSettlement): Promise<boolean>;
  /** Gives a claim back for a later attempt at `retryAt`. */
  releaseStory(key: ClaimKey, retryAt: number, reason: string): Promise<boolean>;
  /** Records a story as held for a round-up unless the channel already has it; false then. */
  holdStory(
    entry: Omit<StoryClaim, "token" | "leaseUntil" | "now"> & { reason: string; now: number },
  ): Promise<boolean>;
  /** Adds article ids to an entry (a later pass saw more of the story). */
  noteArticles(channel: ChannelRef, storyKey: string, articleIds: number[], at: number): Promise<void>;
  /** Takes every held entry of the channel (and round-ups whose lease ended) for one round-up. */
  claimHeld(channel: ChannelRef, token: string, now: number, leaseUntil: number): Promise<AlertStoryRecord[]>;
  /** Settles a round-up claim: its stories become `rounded` (or failed), and the round-up is recorded. */
  settleRoundup(channel: ChannelRef, token: string, at: number, settlement: AlertSettlement): Promise<number>;
  /** Gives a round-up's stories back to `held` (a transient failure). */
  releaseRoundup(channel: ChannelRef, token: string, reason: string): Promise<number>;
  /** The newest round-up posted in the channel. */
  lastRoundup(channel: ChannelRef): Promise<RoundupRecord | null>;
  /** Stories posted or being posted in the channel since `since` (flood control counts them). */
  countPosts(channel: ChannelRef, since: number): Promise<number>;
  /** The thread replies recorded for these stories of the channel. */
  replies(channel: ChannelRef, storyKeys: string[]): Promise<AlertReplyRecord[]>;
  /** Claims one reply (one per story, outlet and channel); same rules as claimStory. */
  claimReply(claim: ReplyClaim): Promise<boolean>;
  settleReply(key: ClaimKey & { outlet: string }, at: number, settlement: AlertSettlement): Promise<boolean>;
  releaseReply(key: ClaimKey & { outlet: string }, retryAt: number, reason: string): Promise<boolean>;
  /** No more replies or edits for this story in this channel (its parent is gone, its thread closed). */
  stopReplies(channel: ChannelRef, storyKey: string, reason: string, at: number): Promise<void>;
  /** The parent card now shows `sources`. */
  markEdited(channel: ChannelRef, storyKey: string, sources: number, at: number): Promise<void>;
  /** Upserts per article and watch; unchanged outcomes are not rewritten. */
  recordOutcomes(outcomes: AlertOutcome[]): Promise<void>;
  /** What passes decided about one article, for every watch. */
  outcomesForArticle(articleId: number): Promise<AlertOutcome[]>;
  /** A stored article by its URL or page canonical URL (not a duplicate first); null when none. */
  articleIdByUrl(url: string): Promise<number | null>;
  /** Forgets entries untouched since `before` (their articles are long out of the alert window). */
  pruneLedger(before: number): Promise<number>;
}
