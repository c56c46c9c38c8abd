// Posts to Discord channels outside an interaction (announcements, scheduled digests, story alerts,
// their threads and edits), and opens the DM that tells someone their channel is out of reach.
// discord.js's REST waits out 429s (Discord did not take the message); with `retries: 0` (see
// createDiscordClient) a timeout or 5xx is reported as unconfirmed and never sent again. A 403 or
// 404 means the channel is gone or closed to us, so it is reported to whoever set it up and never
// retried blindly (Discord bans bots that send many invalid requests).
import { DiscordAPIError, HTTPError, type REST, Routes } from "discord.js";
import { z } from "zod";
import type { Clock, Logger } from "../../briefing/ports.js";
import { type DiscordMessage, noMentions } from "./discord-message.js";

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

export interface DiscordPublisherOptions {
  clock: Clock;
  logger: Logger;
  /** How long a channel that answered 403/404 is left alone before one more attempt (default 1 hour). */
  unreachableForMs?: number;
}

const MessageResponseSchema = z.object({ id: z.string() });
const DmChannelSchema = z.object({ id: z.string() });
const DEFAULT_UNREACHABLE_MS = 3_600_000;
/** A story's thread stays open a day after its last message (Discord's choices: 60, 1440, 4320, 10080). */
const THREAD_ARCHIVE_MINUTES = 1_440;
/** Discord's "A thread has already been created for this message". */
const THREAD_ALREADY_CREATED = 160_004;
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
  10008: "Unknown Message: it was deleted",
  50083: "Thread is archived",
  160005: "Thread is locked",
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
      return this.#answered("post", channelId, response);
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

  /** Replaces a message the bot posted (PATCH); the same discipline as post (a timeout is unconfirmed). */
  async edit(channelId: string, messageId: string, message: DiscordMessage): Promise<PostOutcome> {
    try {
      const body = { ...message, allowed_mentions: noMentions() };
      const response = await this.#rest.patch(Routes.channelMessage(channelId, messageId), { body });
      return this.#answered("edit", channelId, response);
    } catch (error) {
      return classify(error);
    }
  }

  /**
   * Starts a public thread on a message; on Discord the thread's id is the message's id. One that
   * already exists (160004) counts as started. Starting a thread posts nothing, so an answer lost
   * in a timeout is worth another try (`failed`), never `unconfirmed`.
   */
  async startThread(
    channelId: string,
    messageId: string,
    name: string,
  ): Promise<{ status: "started"; threadId: string } | Exclude<PostOutcome, { status: "sent" }>> {
    try {
      const body = { name, auto_archive_duration: THREAD_ARCHIVE_MINUTES };
      const thread = MessageResponseSchema.parse(await this.#rest.post(Routes.threads(channelId, messageId), { body }));
      return { status: "started", threadId: thread.id };
    } catch (error) {
      const outcome = classify(error);
      if (outcome.status === "rejected" && outcome.code === THREAD_ALREADY_CREATED)
        return { status: "started", threadId: messageId };
      return outcome.status === "unconfirmed" ? { status: "failed", reason: outcome.reason } : outcome;
    }
  }

  /**
   * A 2xx answer to a post or an edit. One without a message id means Discord took the message but
   * we cannot say which it is: unconfirmed, never sent again, and logged, since no Discord error
   * names it (the core sees only the outcome).
   */
  #answered(method: "post" | "edit", channelId: string, response: unknown): PostOutcome {
    const parsed = MessageResponseSchema.safeParse(response);
    if (parsed.success) return { status: "sent", messageId: parsed.data.id };
    this.#options.logger.error(
      { component: "discord", channel: channelId, method },
      `${method} answered without a message id`,
    );
    return { status: "unconfirmed", reason: "Discord's answer had no message id" };
  }

  /** Opens (or finds) the DM channel with one person; a failure is an outcome, never a throw. */
  async openDirectMessage(
    userId: string,
  ): Promise<{ status: "opened"; channelId: string } | Exclude<PostOutcome, { status: "sent" }>> {
    try {
      const dm = DmChannelSchema.parse(
        await this.#rest.post(Routes.userChannels(), { body: { recipient_id: userId } }),
      );
      return { status: "opened", channelId: dm.id };
    } catch (error) {
      // Opening a DM posts nothing, so even an unconfirmed answer is safe to try again later.
      const outcome = classify(error);
      return outcome.status === "unconfirmed" ? { status: "failed", reason: outcome.reason } : outcome;
    }
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
