// Marks an outbox event delivered once the platform took (or may have taken) its announcement,
// trying again until the store takes it: an event left pending would be announced a second time.
import { setTimeout as delay } from "node:timers/promises";
import type { EventStore, Logger } from "../../briefing/ports.js";

export interface MarkRetry {
  /** First pause after a failed write (ms); doubles up to maxMs. */
  firstMs: number;
  maxMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_MARK_RETRY: MarkRetry = { firstMs: 250, maxMs: 10_000, sleep: (ms) => delay(ms) };

export async function markDeliveredUntilStored(
  events: Pick<EventStore, "markEventDelivered">,
  eventId: number,
  now: () => number,
  logger: Logger,
  retry: MarkRetry = DEFAULT_MARK_RETRY,
): Promise<void> {
  let pause = retry.firstMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await events.markEventDelivered(eventId, now());
      return;
    } catch (error) {
      logger.error(
        { eventId, attempt, retryInMs: pause, err: error },
        "could not record an announcement as delivered; trying again (it is not announced again)",
      );
    }
    await retry.sleep(pause);
    pause = Math.min(pause * 2, retry.maxMs);
  }
}
