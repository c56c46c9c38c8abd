// A Publisher fake for digest tests: records every post in memory and answers with a scripted
// result per channel (ok by default), so failures of one channel can be tested next to others.
import type { DigestCard } from "../../src/briefing/digest-card.js";
import type { Announcement, DigestDelivery, Publisher, PublishResult } from "../../src/briefing/ports.js";
import type { ChannelRef } from "../../src/briefing/schedule.js";

export interface RecordedPost {
  target: ChannelRef;
  card: DigestCard;
  delivery: DigestDelivery;
}

export class RecordingPublisher implements Publisher {
  readonly posts: RecordedPost[] = [];
  readonly announcements: Array<{ target: ChannelRef; announcement: Announcement }> = [];
  /** Channel id → the failure to answer with (every time, until deleted). */
  readonly failures = new Map<string, Extract<PublishResult, { ok: false }>>();
  #serial = 0;

  async publish(target: ChannelRef, card: DigestCard, delivery: DigestDelivery): Promise<PublishResult> {
    const failure = this.failures.get(target.channelId);
    if (failure) return failure;
    this.posts.push({ target, card, delivery });
    this.#serial += 1;
    return { ok: true, messageId: `m${this.#serial}` };
  }

  async announce(target: ChannelRef, announcement: Announcement): Promise<PublishResult> {
    this.announcements.push({ target, announcement });
    return { ok: true, messageId: `a${this.announcements.length}` };
  }
}
