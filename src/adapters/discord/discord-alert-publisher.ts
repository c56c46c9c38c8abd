// The core's AlertPublisher on Discord: a story as a channel message with its embed; later sources in
// a thread started on that message the first time (the thread's id is the message's id), the card
// edited in place (PATCH), and round-ups as digest cards. Through DiscordPublisher: 429s waited out,
// a timeout or 5xx unconfirmed and never sent again, 4xx never retried blindly.
import type { AlertPost, AlertPublisher, StoryAlert, ThreadReply } from "../../briefing/alerts/alert-publisher.js";
import type { DigestCard } from "../../briefing/digest-card.js";
import type { PublishResult } from "../../briefing/ports.js";
import type { ChannelRef } from "../../briefing/schedule.js";
import { toPublishResult } from "./discord-digest-publisher.js";
import type { DiscordPublisher, PostOutcome } from "./discord-publisher.js";
import { renderDiscordStory, renderDiscordThreadReply, THREAD_NAME } from "./render-discord-alert.js";
import { renderDiscordCard } from "./render-discord-card.js";

/** Discord's JSON error codes for a deleted message, and for a thread that takes no more messages. */
export const UNKNOWN_MESSAGE = 10_008;
export const THREAD_ARCHIVED = 50_083;
export const THREAD_LOCKED = 160_005;
const UNKNOWN_CHANNEL = 10_003;
/** Threads this process started; each is remembered so its later replies skip the start request. */
const MAX_REMEMBERED_THREADS = 10_000;

/** A reply's or an edit's outcome, with Discord's refusals of that message or thread named for the core. */
export function toAlertResult(outcome: PostOutcome): PublishResult {
  if (outcome.status === "unreachable" || outcome.status === "rejected") {
    if (outcome.code === UNKNOWN_MESSAGE)
      return { ok: false, reason: "message_gone", detail: `Discord: ${outcome.reason}` };
    if (outcome.code === THREAD_ARCHIVED || outcome.code === THREAD_LOCKED)
      return { ok: false, reason: "thread_closed", detail: `Discord: ${outcome.reason}` };
  }
  return toPublishResult(outcome);
}

export class DiscordAlertPublisher implements AlertPublisher {
  /** Parent message ids whose thread exists (started here, or found already started). */
  readonly #threads = new Set<string>();

  constructor(private readonly discord: Pick<DiscordPublisher, "post" | "edit" | "startThread">) {}

  async postStory(target: ChannelRef, alert: StoryAlert): Promise<PublishResult> {
    return toPublishResult(await this.discord.post(target.channelId, renderDiscordStory(alert)));
  }

  async replyInThread(parent: AlertPost, reply: ThreadReply): Promise<PublishResult> {
    if (!this.#threads.has(parent.messageId)) {
      const started = await this.discord.startThread(parent.channel.channelId, parent.messageId, THREAD_NAME);
      if (started.status !== "started") {
        // A thread refused for want of permissions is a thread the platform refuses.
        if (started.status === "unreachable" && started.code !== UNKNOWN_MESSAGE && started.httpStatus === 403)
          return { ok: false, reason: "thread_closed", detail: `Discord: ${started.reason}` };
        return toAlertResult(started);
      }
      this.#remember(parent.messageId);
    }
    const outcome = await this.discord.post(parent.messageId, renderDiscordThreadReply(reply));
    // 10003 Unknown Channel: the thread itself was deleted (the channel is fine).
    if (outcome.status === "unreachable" && outcome.code === UNKNOWN_CHANNEL)
      return { ok: false, reason: "thread_closed", detail: "Discord: the story's thread was deleted" };
    return toAlertResult(outcome);
  }

  async editStory(parent: AlertPost, alert: StoryAlert): Promise<PublishResult> {
    const outcome = await this.discord.edit(parent.channel.channelId, parent.messageId, renderDiscordStory(alert));
    return toAlertResult(outcome);
  }

  async postRoundup(target: ChannelRef, card: DigestCard, _key: string): Promise<PublishResult> {
    return toPublishResult(await this.discord.post(target.channelId, renderDiscordCard(card)));
  }

  #remember(messageId: string): void {
    if (this.#threads.size >= MAX_REMEMBERED_THREADS) this.#threads.clear();
    this.#threads.add(messageId);
  }
}
