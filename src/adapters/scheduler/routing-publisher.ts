// One Publisher for the digest timer: each post goes to the running platform its target names;
// a target on a platform that is not running here fails with a reason, never silently.
import type { DigestCard } from "../../briefing/digest-card.js";
import type { Platform } from "../../briefing/feed.js";
import type { Announcement, DigestDelivery, Publisher, PublishResult } from "../../briefing/ports.js";
import type { ChannelRef } from "../../briefing/schedule.js";

export class RoutingPublisher implements Publisher {
  constructor(private readonly byPlatform: Partial<Record<Platform, Publisher>>) {}

  publish(target: ChannelRef, card: DigestCard, delivery: DigestDelivery): Promise<PublishResult> {
    const publisher = this.byPlatform[target.platform];
    return publisher ? publisher.publish(target, card, delivery) : Promise.resolve(this.missing(target));
  }

  announce(target: ChannelRef, announcement: Announcement): Promise<PublishResult> {
    const publisher = this.byPlatform[target.platform];
    return publisher ? publisher.announce(target, announcement) : Promise.resolve(this.missing(target));
  }

  private missing(target: ChannelRef): PublishResult {
    // `error` is retried: the platform may be configured again after a restart.
    return {
      ok: false,
      reason: "error",
      detail: `${target.platform} is not running in this briefbot; check its settings`,
    };
  }
}
