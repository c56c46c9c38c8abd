// The core's AlertPublisher on Slack: a story as a new message, later sources as replies in its
// thread (thread_ts), the card edited in place (chat.update), and round-ups as digest cards, all
// through SlackPublisher (429s waited out, a timeout or 5xx unconfirmed and never sent again).
import type { AlertPost, AlertPublisher, StoryAlert, ThreadReply } from "../../briefing/alerts/alert-publisher.js";
import type { DigestCard } from "../../briefing/digest-card.js";
import type { PublishResult } from "../../briefing/ports.js";
import type { ChannelRef } from "../../briefing/schedule.js";
import { renderSlackStory, renderSlackThreadReply } from "./render-slack-alert.js";
import { renderSlackCard } from "./render-slack-card.js";
import { toPublishResult } from "./slack-digest-publisher.js";
import type { PostResult, SlackPublisher } from "./slack-publisher.js";

/** Slack's answers when the parent message was deleted (chat.update, or a reply in its thread). */
export const MESSAGE_GONE_ERRORS = ["message_not_found", "thread_not_found"] as const;
/**
 * Slack's answers when the message is there but its thread or the message itself is closed to
 * the bot: an archived channel, a locked or non-threadable thread, edits refused or out of window.
 */
export const THREAD_CLOSED_ERRORS = [
  "is_archived",
  "cannot_reply_to_message",
  "restricted_action_thread_locked",
  "restricted_action_non_threadable_channel",
  "restricted_action_read_only_channel",
  "cant_update_message",
  "edit_window_closed",
] as const;

/** A reply's or an edit's result: Slack's refusals of that message or thread named for the core. */
export function toAlertResult(result: PostResult): PublishResult {
  if (!result.ok && result.reason === "failed" && result.permanent) {
    if ((MESSAGE_GONE_ERRORS as readonly string[]).includes(result.error))
      return { ok: false, reason: "message_gone", detail: `Slack: ${result.error} (the story's message was deleted)` };
    if ((THREAD_CLOSED_ERRORS as readonly string[]).includes(result.error))
      return {
        ok: false,
        reason: "thread_closed",
        detail: `Slack: ${result.error} (the thread takes no more replies)`,
      };
  }
  return toPublishResult(result);
}

export class SlackAlertPublisher implements AlertPublisher {
  constructor(private readonly slack: Pick<SlackPublisher, "post" | "update">) {}

  async postStory(target: ChannelRef, alert: StoryAlert): Promise<PublishResult> {
    return toPublishResult(await this.slack.post(target.channelId, renderSlackStory(alert)));
  }

  async replyInThread(parent: AlertPost, reply: ThreadReply): Promise<PublishResult> {
    const message = renderSlackThreadReply(reply);
    return toAlertResult(await this.slack.post(parent.channel.channelId, message, parent.messageId));
  }

  async editStory(parent: AlertPost, alert: StoryAlert): Promise<PublishResult> {
    return toAlertResult(await this.slack.update(parent.channel.channelId, parent.messageId, renderSlackStory(alert)));
  }

  async postRoundup(target: ChannelRef, card: DigestCard, _key: string): Promise<PublishResult> {
    return toPublishResult(await this.slack.post(target.channelId, renderSlackCard(card)));
  }
}
