// Posts to Discord channels outside an interaction: outbox announcements and scheduled digests.
// discord.js's REST waits out 429s (Discord did not take the message); with `retries: 0` (see
// createDiscordClient) a timeout or 5xx is reported as unconfirmed and never sent again. A 403 or
// 404 means the channel is gone or closed to us, so it is reported to whoever set it up and never
// retried blindly (Discord bans bots that send many invalid requests).
import { DiscordAPIError, HTTPError, type REST, Routes } from "discord.js";
import { z } from "zod";
import type { BotEvent, Clock, EventStore, Logger } from "../../briefing/ports.js";
import { DEFAULT_MARK_RETRY, type MarkRetry, markDeliveredUntilStored } from "../outbox/mark-delivered-until-stored.js";
import { type DiscordMessage, noMentions } from "./discord-message.js";
import { renderDiscordEvent, renderUndeliverable } from "./render-discord-event.js";

export type PostOutcome =
  | { status: "sent"; messageId: string }
  /** 403/404 (or remembered as such): report it, do not retry. */
  | { status: "unreachable"; httpStatus: number; code: number | string | null; reason: string }
  /** Another 4xx: our request is wrong; retrying would repeat it. */
  | { status: "rejected"; httpStatus: number; code: number | string | null; reason: string }
  /** The request surely never reached Discord (connection refused, name not resolved): worth another try. */
  | { status: "failed"; reason: string }
  /** A timeout, a 5xx or a connection cut after sending: Discord may have posted it; never send it again. */
  | { status: "unconfirmed"; reason: string };

export interface DeliveryReport {
  delivered: number;
  reported: number;
  failed: number;
  /** Discord may have posted it: settled, never sent again. */
  unconfirmed: number;
}

export interface DiscordPublisherOptions {
  events: EventStore;
  clock: Clock;
  logger: Logger;
  /** How long a channel that answered 403/404 is left alone before one more attempt (default 1 hour). */
  unreachableForMs?: number;
  /** Pauses between tries at recording an announcement as delivered. */
  markRetry?: MarkRetry;
}

const MessageResponseSchema = z.object({ id: z.string() });
const DmChannelSchema = z.object({ id: z.string() });
/** Pending events read per round; other platforms' events are skipped, not consumed. */
const PENDING_SCAN = 500;
const DEFAULT_UNREACHABLE_MS = 3_600_000;
/** Network errors that happen before a request is sent: Discord cannot have seen it. */
const NOT_SENT_CODES = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"];
/** undici puts the system error's code on the error itself (request) or on its cause (fetch). */
const CodedSchema = z.union([z.object({ code: z.string() }), z.object({ cause: z.object({ code: z.string() }) })]);

/** Human wording for Discord's JSON error codes we expect here. */
const REASONS: Record<number, string> = {
  10003: "Unknown Channel: it was deleted",
  50001: "Missing Access: briefbot cannot see the channel",
  50013: "Missing Permissions: briefbot cannot send messages or embeds there",
  50007: "Cannot send messages to this user",
};

export class DiscordPublisher {
  readonly #rest: REST;
  readonly #options: DiscordPublisherOptions;
  /** Channel id → until when it is known unreachable, and why. */
  readonly #unreachable = new Map<
    string,
    { until: number; outcome: Extract<PostOutcome, { status: "unreachable" }> }
  >();

  constructor(rest: REST, options: DiscordPublisherOptions) {
    this.#rest = rest;
    this.#options = options;
  }

  /** Posts one message; never throws for Discord's answers, only reports them. */
  async post(channelId: string, message: DiscordMessage): Promise<PostOutcome> {
    const now = this.#options.clock.now();
    const known = this.#unreachable.get(channelId);
    if (known && known.until > now) return known.outcome;
    try {
      const body = { ...message, allowed_mentions: noMentions() };
      const response = await this.#rest.post(Routes.channelMessages(channelId), { body });
      this.#unreachable.delete(channelId);
      return { status: "sent", messageId: MessageResponseSchema.parse(response).id };
    } catch (error) {
      const outcome = classify(error);
      if (outcome.status === "unreachable") {
        this.#unreachable.set(channelId, {
          until: now + (this.#options.unreachableForMs ?? DEFAULT_UNREACHABLE_MS),
          outcome,
        });
      }
      return outcome;
    }
  }

  /** Announces pending Discord events in their channels; one failing channel never stops the others. */
  async deliverPendingEvents(): Promise<DeliveryReport> {
    const report: DeliveryReport = { delivered: 0, reported: 0, failed: 0, unconfirmed: 0 };
    const { events, logger, clock } = this.#options;
    for (const event of await events.pendingEvents(PENDING_SCAN)) {
      if (event.origin?.platform !== "discord") continue;
      const channelId = event.origin.channelId;
      const outcome: PostOutcome = channelId
        ? await this.post(channelId, renderDiscordEvent(event))
        : { status: "unreachable", httpStatus: 0, code: null, reason: "no channel was recorded" };
      const context = { eventId: event.id, feedId: event.feedId, channelId, guildId: event.origin.workspaceId };
      if (outcome.status === "failed") {
        // Left pending: the next round tries again.
        logger.warn({ ...context, reason: outcome.reason }, "discord announcement failed; will retry");
        report.failed += 1;
        continue;
      }
      if (outcome.status === "sent") report.delivered += 1;
      else if (outcome.status === "unconfirmed") {
        logger.error({ ...context, reason: outcome.reason }, "discord announcement unconfirmed; not sending it again");
        report.unconfirmed += 1;
      } else if (outcome.status === "rejected") {
        // Discord refused the message itself (our bug): the same request would fail again.
        logger.error({ ...context, ...outcome }, "discord refused an announcement; dropping it");
      } else {
        logger.warn({ ...context, ...outcome }, "discord announcement undeliverable; telling whoever set it up");
        if (await this.#tellOwner(event, channelId ?? "unknown", outcome.reason)) report.reported += 1;
      }
      // Sent (or maybe sent), or reported: settled and never posted again, so its record is retried
      // until stored, apart from the post.
      await markDeliveredUntilStored(
        events,
        event.id,
        () => clock.now(),
        logger,
        this.#options.markRetry ?? DEFAULT_MARK_RETRY,
      );
    }
    return report;
  }

  /** A DM to the user who set it up; false when there is nobody or the DM fails too. */
  async #tellOwner(event: BotEvent, channelId: string, reason: string): Promise<boolean> {
    const userId = event.origin?.userId;
    const context = { eventId: event.id, channelId, userId };
    if (!userId) {
      this.#options.logger.warn(context, "nobody to tell about an undeliverable discord announcement");
      return false;
    }
    try {
      const dm = DmChannelSchema.parse(
        await this.#rest.post(Routes.userChannels(), { body: { recipient_id: userId } }),
      );
      const outcome = await this.post(dm.id, renderUndeliverable(event, channelId, reason));
      if (outcome.status === "sent") return true;
      this.#options.logger.warn(
        { ...context, ...outcome },
        "could not DM the owner about an undeliverable announcement",
      );
    } catch (error) {
      this.#options.logger.warn({ ...context, err: error }, "could not open a DM with the owner");
    }
    return false;
  }
}

function classify(error: unknown): Exclude<PostOutcome, { status: "sent" }> {
  if (error instanceof DiscordAPIError) {
    const code = error.code;
    const reason = (typeof code === "number" ? REASONS[code] : undefined) ?? error.message;
    if (error.status === 403 || error.status === 404) {
      return { status: "unreachable", httpStatus: error.status, code, reason };
    }
    return { status: "rejected", httpStatus: error.status, code, reason };
  }
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof HTTPError) return { status: "unconfirmed", reason };
  const coded = CodedSchema.safeParse(error);
  const code = coded.success ? ("code" in coded.data ? coded.data.code : coded.data.cause.code) : undefined;
  if (code !== undefined && NOT_SENT_CODES.includes(code)) return { status: "failed", reason };
  // Timed out (AbortError), reset, or anything else after the request may have left.
  return { status: "unconfirmed", reason };
}
