// The core's Publisher on Slack: digests as Block Kit cards and announcements as notices,
// through the same SlackPublisher (429s waited out, nothing sent twice), with Slack's answers mapped to the core's.
import type { DigestCard } from "../../briefing/digest-card.js";
import type { Announcement, Publisher, PublishResult } from "../../briefing/ports.js";
import type { ChannelRef } from "../../briefing/schedule.js";
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

export class SlackDigestPublisher implements Publisher {
  constructor(private readonly slack: Pick<SlackPublisher, "post">) {}

  publish(target: ChannelRef, card: DigestCard): Promise<PublishResult> {
    return this.send(target, renderSlackCard(card));
  }

  announce(target: ChannelRef, announcement: Announcement): Promise<PublishResult> {
    return this.send(target, renderSlackNotice(announcement.title, announcement.lines, announcement.tone));
  }

  private async send(target: ChannelRef, message: SlackMessage): Promise<PublishResult> {
    return toPublishResult(await this.slack.post(target.channelId, message));
  }
}
