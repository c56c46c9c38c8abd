// Delivers the announcement outbox (a disabled feed, a paused digest) through each platform's
// publisher, routed by the platform the event's origin names. A channel out of reach falls back to
// a direct message to whoever set it up. An announcement the platform took, or may have taken, is
// never sent again: its event is settled, and its record retried until stored.
import type { Platform } from "../../briefing/feed.js";
import type { BotEvent, EventStore, Logger, PublishResult } from "../../briefing/ports.js";
import { DEFAULT_MARK_RETRY, type MarkRetry, markDeliveredUntilStored } from "../outbox/mark-delivered-until-stored.js";
import type { ChatPublisher } from "./chat-platform.js";
import { eventAnnouncement } from "./event-announcement.js";

/** Pending events read per pass; events of platforms not running here are skipped, not consumed. */
export const EVENTS_PER_PASS = 500;

export interface DeliverySummary {
  delivered: number;
  /** Delivered as a direct message because the channel was out of reach. */
  redirected: number;
  /** Left pending after a failure that surely sent nothing; the next pass tries again. */
  retryLater: number;
  /** Could not be delivered anywhere and never will be; settled so they stop repeating. */
  dropped: number;
  /** The platform may have posted it (timeout, 5xx): settled, never sent again. */
  unconfirmed: number;
}

export interface DeliverAnnouncementsOptions {
  events: EventStore;
  publishers: Partial<Record<Platform, ChatPublisher>>;
  now: () => number;
  logger: Logger;
  markRetry?: MarkRetry;
}

type Outcome = keyof DeliverySummary;

/** `rate_limited` and `error` mean the platform surely did not take it: worth another pass. */
function retryable(result: PublishResult): boolean {
  return !result.ok && (result.reason === "rate_limited" || result.reason === "error");
}

async function deliverOne(event: BotEvent, publisher: ChatPublisher, logger: Logger): Promise<Outcome> {
  const origin = event.origin;
  if (origin === null) return "dropped";
  const announcement = eventAnnouncement(event);
  const context = { eventId: event.id, platform: origin.platform, channelId: origin.channelId, userId: origin.userId };
  const inChannel = origin.channelId
    ? await publisher.announce(
        // Posting needs only the channel; an origin recorded without its workspace still names it.
        { platform: origin.platform, workspaceId: origin.workspaceId ?? "unknown", channelId: origin.channelId },
        announcement,
      )
    : null;
  if (inChannel?.ok) return "delivered";
  if (inChannel && !inChannel.ok && inChannel.reason === "unconfirmed") return "unconfirmed";
  if (inChannel && retryable(inChannel)) {
    logger.warn({ ...context, detail: inChannel.ok ? "" : inChannel.detail }, "announcement failed; will retry");
    return "retryLater";
  }
  // The channel is out of reach for good (or none was recorded): tell the person who set it up.
  if (origin.userId) {
    const failure = inChannel && !inChannel.ok ? inChannel : null;
    logger.warn(
      { ...context, detail: failure?.detail },
      "announcement undeliverable in its channel; telling whoever set it up",
    );
    const direct = await publisher.tellOwner(
      { workspaceId: origin.workspaceId ?? "unknown", userId: origin.userId },
      announcement,
      { channelId: origin.channelId, failure },
    );
    if (direct.ok) return "redirected";
    if (direct.reason === "unconfirmed") return "unconfirmed";
    if (retryable(direct)) return "retryLater";
  }
  logger.warn(context, "an announcement could not be delivered (no reachable channel or person); dropping it");
  return "dropped";
}

export async function deliverAnnouncements(options: DeliverAnnouncementsOptions): Promise<DeliverySummary> {
  const { events, publishers, now, logger } = options;
  const summary: DeliverySummary = { delivered: 0, redirected: 0, retryLater: 0, dropped: 0, unconfirmed: 0 };
  for (const event of await events.pendingEvents(EVENTS_PER_PASS)) {
    const platform = event.origin?.platform;
    const publisher = platform === undefined ? undefined : publishers[platform];
    // Another platform's event (or one with no origin) is left for an instance that runs it.
    if (publisher === undefined) continue;
    const outcome = await deliverOne(event, publisher, logger);
    summary[outcome] += 1;
    // Settled once the platform took (or may have taken) it, or never can: its record is retried
    // until stored, apart from the post, so a store error never makes it post again.
    if (outcome !== "retryLater") {
      await markDeliveredUntilStored(events, event.id, now, logger, options.markRetry ?? DEFAULT_MARK_RETRY);
    }
  }
  return summary;
}
