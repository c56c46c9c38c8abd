// The core's Publisher on Discord: digests as embeds, announcements as notices, and the DM to an
// owner whose channel is out of reach, all through one DiscordPublisher (429s waited out, nothing
// sent twice, 403/404 never retried blindly, no mentions).
import type { DigestCard } from "../../briefing/digest-card.js";
import type { Announcement, PublishResult } from "../../briefing/ports.js";
import type { ChannelRef } from "../../briefing/schedule.js";
import type { ChatPublisher, Undelivered } from "../chat/chat-platform.js";
import type { DiscordMessage } from "./discord-message.js";
import type { DiscordPublisher, PostOutcome } from "./discord-publisher.js";
import { renderDiscordCard } from "./render-discord-card.js";
import { renderDiscordReply } from "./render-discord-reply.js";
import { renderUndeliverable } from "./render-undeliverable.js";

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

export class DiscordDigestPublisher implements ChatPublisher {
  constructor(private readonly discord: Pick<DiscordPublisher, "post" | "openDirectMessage">) {}

  publish(target: ChannelRef, card: DigestCard): Promise<PublishResult> {
    return this.send(target, renderDiscordCard(card));
  }

  announce(target: ChannelRef, announcement: Announcement): Promise<PublishResult> {
    const reply = { kind: "notice", visibility: "channel", ...announcement } as const;
    return this.send(target, renderDiscordReply(reply));
  }

  async tellOwner(
    owner: { workspaceId: string; userId: string },
    announcement: Announcement,
    undelivered: Undelivered,
  ): Promise<PublishResult> {
    const dm = await this.discord.openDirectMessage(owner.userId);
    if (dm.status !== "opened") return toPublishResult(dm);
    const reason = undelivered.failure?.detail ?? "no channel was recorded";
    const message = renderUndeliverable(announcement, undelivered.channelId ?? "unknown", reason);
    return toPublishResult(await this.discord.post(dm.channelId, message));
  }

  private async send(target: ChannelRef, message: DiscordMessage): Promise<PublishResult> {
    return toPublishResult(await this.discord.post(target.channelId, message));
  }
}
