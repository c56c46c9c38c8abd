// Runs deliverAnnouncements on a timer, one pass at a time (a slow platform must not stack passes
// that post twice); serve starts it in one leader seat per database.
import type { Logger } from "../../briefing/ports.js";
import { type DeliverAnnouncementsOptions, deliverAnnouncements } from "./deliver-announcements.js";

/** Announcements wait at most this long; the outbox is cheap to read. */
export const ANNOUNCE_EVERY_MS = 60_000;

export interface AnnouncementLoop {
  /** Runs one pass now (or joins the running one). */
  deliverNow(): Promise<void>;
  stop(): Promise<void>;
}

export function startAnnouncementLoop(options: DeliverAnnouncementsOptions & { everyMs?: number }): AnnouncementLoop {
  const logger: Logger = options.logger;
  let running: Promise<void> | null = null;
  const deliverNow = (): Promise<void> => {
    running ??= deliverAnnouncements(options)
      .then((summary) => {
        if (Object.values(summary).some((n) => n > 0)) logger.info({ ...summary }, "announcements delivered");
      })
      .catch((error: unknown) => logger.error({ err: error }, "delivering announcements failed"))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void deliverNow(), options.everyMs ?? ANNOUNCE_EVERY_MS);
  timer.unref();
  void deliverNow();
  return {
    deliverNow,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
