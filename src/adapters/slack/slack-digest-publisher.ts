// The core's Publisher on Slack: digests as Block Kit cards, announcements as notices (or a direct
// message to their owner when the channel is out of reach),
// through the same SlackPublisher (429s waited out, nothing sent twice), with Slack's answers mapped to the core's.
import type { DigestCard } from "../../briefing/digest-card.js";
import type { Announcement, PublishResult } from "../../briefing/ports.js";
import type { ChannelRef } from "../../briefing/schedule.js";
import type { ChatPublisher, Undelivered } from "../chat/chat-platform.js";
import { renderSlackCard } from "./render-slack-card.js";
import { renderSlackNotice } from "./render-slack-reply.js";
import type { SlackMessage } from "./slack-message.js";
import type { PostResult, SlackPublisher } from "./slack-publisher.js";

export function toPublishResult(result: PostResult): PublishResult {
  if (result.ok) return { ok: true, messageId: result.ts };
  if (result.reason === "unconfirmed") return { ok: false, reason: "unconfirmed", detail: result.error };
  if (result.reason === "failed") {
    return { ok: false, reason: result.permanent ? "forbidden" : "error", detail: result.error };
  }
  return { ok: false, reason: result.reason, detail: result.hint };
}

export class SlackDigestPublisher implements ChatPublisher {
  constructor(private readonly slack: Pick<SlackPublisher, "post">) {}

  publish(target: ChannelRef, card: DigestCard): Promise<PublishResult> {
    return this.send(target, renderSlackCard(card));
  }

  announce(target: ChannelRef, announcement: Announcement): Promise<PublishResult> {
    return this.send(target, renderSlackNotice(announcement.title, announcement.lines, announcement.tone));
  }

  /** A direct message (chat.postMessage to a user id), with how to invite the bot when that is the fix. */
  tellOwner(
    owner: { workspaceId: string; userId: string },
    announcement: Announcement,
    undelivered: Undelivered,
  ): Promise<PublishResult> {
    const failure = undelivered.failure;
    const hint =
      failure && (failure.reason === "not_in_channel" || failure.reason === "channel_not_found")
        ? [failure.detail]
        : [];
    const target = { platform: "slack" as const, workspaceId: owner.workspaceId, channelId: owner.userId };
    return this.send(target, renderSlackNotice(announcement.title, [...announcement.lines, ...hint], "error"));
  }

  private async send(target: ChannelRef, message: SlackMessage): Promise<PublishResult> {
    return toPublishResult(await this.slack.post(target.channelId, message));
  }
}
