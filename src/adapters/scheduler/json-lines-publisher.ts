// A Publisher that appends each digest (and announcement) to a file as one JSON line:
// {scheduleId, slot, slotAt, target, card}. For operators without a chat platform, and for the
// exactly-once tests, which count lines. One appendFileSync call per line (O_APPEND).
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { DigestCard } from "../../briefing/digest-card.js";
import type { Announcement, DigestDelivery, Publisher, PublishResult } from "../../briefing/ports.js";
import type { ChannelRef } from "../../briefing/schedule.js";

export class JsonLinesPublisher implements Publisher {
  readonly #path: string;

  constructor(path: string) {
    this.#path = resolve(path);
    mkdirSync(dirname(this.#path), { recursive: true });
  }

  async publish(target: ChannelRef, card: DigestCard, delivery: DigestDelivery): Promise<PublishResult> {
    const slot = new Date(delivery.slotAt).toISOString();
    return this.#append(
      { scheduleId: delivery.scheduleId, slot, slotAt: delivery.slotAt, target, card },
      `digest:${delivery.scheduleId}:${slot}`,
    );
  }

  async announce(target: ChannelRef, announcement: Announcement): Promise<PublishResult> {
    return this.#append({ target, announcement }, `announcement:${target.channelId}`);
  }

  #append(line: unknown, messageId: string): PublishResult {
    try {
      appendFileSync(this.#path, `${JSON.stringify(line)}\n`);
      return { ok: true, messageId };
    } catch (error) {
      return {
        ok: false,
        reason: "error",
        detail: `cannot write ${this.#path}: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
}
