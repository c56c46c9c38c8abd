// Delivers the events outbox to Slack: each event whose origin is Slack (a disabled feed, a paused
// digest) is posted in the channel it concerns; when the bot is not there, the person who set it up
// gets a direct message saying so (and how to invite the bot). Other platforms' events are left alone.
// An announcement Slack took, or may have taken, is never sent again.
import type { BotEvent, EventKind, EventStore, Logger } from "../../briefing/ports.js";
import { DEFAULT_MARK_RETRY, type MarkRetry, markDeliveredUntilStored } from "../outbox/mark-delivered-until-stored.js";
import { renderSlackNotice } from "./render-slack-reply.js";
import type { PostResult, SlackPublisher } from "./slack-publisher.js";

/** How many pending events one pass reads (all platforms share the outbox; see the report on filtering). */
export const EVENTS_PER_PASS = 100;

export interface DeliverySummary {
  delivered: number;
  /** Delivered as a direct message because the channel was out of reach. */
  redirected: number;
  /** Left pending after a failure that surely sent nothing; the next pass tries again. */
  retryLater: number;
  /** Could not be delivered anywhere and never will be; marked delivered so they stop repeating. */
  dropped: number;
  /** Slack may have posted it (timeout, 5xx): marked delivered, never sent again. */
  unconfirmed: number;
}

const TITLES: Record<EventKind, string> = {
  feed_disabled: "A feed was disabled",
  schedule_paused: "A scheduled digest was paused",
};

function eventLines(event: BotEvent): string[] {
  const lines = [event.message];
  if (event.kind === "feed_disabled" && event.feedId !== null) {
    lines.push(`An admin can turn it back on with /feed enable ${event.feedId}.`);
  }
  return lines;
}

export async function deliverPendingSlackEvents(
  events: EventStore,
  publisher: Pick<SlackPublisher, "post">,
  now: () => number,
  logger: Logger,
  markRetry: MarkRetry = DEFAULT_MARK_RETRY,
): Promise<DeliverySummary> {
  const summary: DeliverySummary = { delivered: 0, redirected: 0, retryLater: 0, dropped: 0, unconfirmed: 0 };
  // Once Slack took (or may have taken) the announcement, the event is settled for good: its record
  // is retried until stored, apart from the post, so a store error never makes it post again.
  const settle = (event: BotEvent, outcome: keyof DeliverySummary) => {
    summary[outcome] += 1;
    return markDeliveredUntilStored(events, event.id, now, logger, markRetry);
  };
  for (const event of await events.pendingEvents(EVENTS_PER_PASS)) {
    if (event.origin?.platform !== "slack") continue;
    const { channelId, userId } = event.origin;
    const title = TITLES[event.kind];
    const message = renderSlackNotice(title, eventLines(event), "error");
    let result: PostResult | null = channelId ? await publisher.post(channelId, message) : null;
    if (result?.ok) {
      await settle(event, "delivered");
      continue;
    }
    if (result?.reason === "unconfirmed") {
      await settle(event, "unconfirmed");
      continue;
    }
    if (result && result.reason === "failed" && !result.permanent) {
      summary.retryLater += 1;
      continue;
    }
    // The channel is out of reach for good (or unknown): tell the person who added the feed.
    if (userId) {
      const hint = result && "hint" in result ? [result.hint] : [];
      result = await publisher.post(userId, renderSlackNotice(title, [...eventLines(event), ...hint], "error"));
      if (result.ok) {
        await settle(event, "redirected");
        continue;
      }
      if (result.reason === "unconfirmed") {
        await settle(event, "unconfirmed");
        continue;
      }
      if (result.reason === "failed" && !result.permanent) {
        summary.retryLater += 1;
        continue;
      }
    }
    logger.warn(
      { component: "slack", eventId: event.id, channelId, userId },
      "an event could not be delivered on Slack (no reachable channel or person); dropping it",
    );
    await settle(event, "dropped");
  }
  return summary;
}
