// The core's Publisher on Discord: digests as embeds and announcements as notices, through the
// same DiscordPublisher (429s waited out, nothing sent twice, 403/404 never retried blindly, no mentions).
import type { DigestCard } from "../../briefing/digest-card.js";
import type { Announcement, Publisher, PublishResult } from "../../briefing/ports.js";
import type { ChannelRef } from "../../briefing/schedule.js";
import type { DiscordMessage } from "./discord-message.js";
import type { DiscordPublisher, PostOutcome } from "./discord-publisher.js";
import { renderDiscordCard } from "./render-discord-card.js";
import { renderDiscordReply } from "./render-discord-reply.js";

/** Discord's JSON error codes: 10003 Unknown Channel, 50001 Missing Access, 50013 Missing Permissions. */
export function toPublishResult(outcome: PostOutcome): PublishResult {
  switch (outcome.status) {
    case "sent":
      return { ok: true, messageId: outcome.messageId };
    case "unreachable":
      if (outcome.httpStatus === 404 || outcome.code === 10003)
        return { ok: false, reason: "channel_not_found", detail: outcome.reason };
      if (outcome.code === 50001) return { ok: false, reason: "not_in_channel", detail: outcome.reason };
      return { ok: false, reason: "forbidden", detail: outcome.reason };
    case "rejected":
      return { ok: false, reason: outcome.httpStatus === 429 ? "rate_limited" : "forbidden", detail: outcome.reason };
    case "failed":
      return { ok: false, reason: "error", detail: outcome.reason };
    case "unconfirmed":
      return { ok: false, reason: "unconfirmed", detail: outcome.reason };
  }
}

export class DiscordDigestPublisher implements Publisher {
  constructor(private readonly discord: Pick<DiscordPublisher, "post">) {}

  publish(target: ChannelRef, card: DigestCard): Promise<PublishResult> {
    return this.send(target, renderDiscordCard(card));
  }

  announce(target: ChannelRef, announcement: Announcement): Promise<PublishResult> {
    const reply = { kind: "notice", visibility: "channel", ...announcement } as const;
    return this.send(target, renderDiscordReply(reply));
  }

  private async send(target: ChannelRef, message: DiscordMessage): Promise<PublishResult> {
    return toPublishResult(await this.discord.post(target.channelId, message));
  }
}
