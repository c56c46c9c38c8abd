// One AlertPublisher for the alert timer: each post goes to the running platform its channel
// names; a platform not running here, or running without story alerts, fails with a reason.
import type { AlertPost, AlertPublisher, StoryAlert, ThreadReply } from "../../briefing/alerts/alert-publisher.js";
import type { DigestCard } from "../../briefing/digest-card.js";
import type { Platform } from "../../briefing/feed.js";
import type { PublishResult } from "../../briefing/ports.js";
import type { ChannelRef } from "../../briefing/schedule.js";

export class RoutingAlertPublisher implements AlertPublisher {
  /** `null`: the platform runs here but cannot post alerts (its adapter has no alert publisher). */
  constructor(private readonly byPlatform: Partial<Record<Platform, AlertPublisher | null>>) {}

  #route(channel: ChannelRef): AlertPublisher | PublishResult {
    const publisher = this.byPlatform[channel.platform];
    if (publisher) return publisher;
    if (publisher === null) {
      // Not worth retrying: nothing changes until briefbot is upgraded.
      return {
        ok: false,
        reason: "forbidden",
        detail: `briefbot cannot post story alerts on ${channel.platform} yet`,
      };
    }
    // `error` is retried: the platform may be configured again after a restart.
    return {
      ok: false,
      reason: "error",
      detail: `${channel.platform} is not running in this briefbot; check its settings`,
    };
  }

  async postStory(target: ChannelRef, alert: StoryAlert): Promise<PublishResult> {
    const p = this.#route(target);
    return "postStory" in p ? p.postStory(target, alert) : p;
  }

  async replyInThread(parent: AlertPost, reply: ThreadReply): Promise<PublishResult> {
    const p = this.#route(parent.channel);
    return "postStory" in p ? p.replyInThread(parent, reply) : p;
  }

  async editStory(parent: AlertPost, alert: StoryAlert): Promise<PublishResult> {
    const p = this.#route(parent.channel);
    return "postStory" in p ? p.editStory(parent, alert) : p;
  }

  async postRoundup(target: ChannelRef, card: DigestCard, key: string): Promise<PublishResult> {
    const p = this.#route(target);
    return "postStory" in p ? p.postRoundup(target, card, key) : p;
  }
}
