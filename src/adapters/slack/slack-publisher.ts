// Posting to Slack with chat.postMessage and chat.update (digests, announcements, story alerts and
// their thread replies and edits). Never sent twice: a 429 (Slack did not take it) is waited out here
// and sent again; a timeout or 5xx is reported as unconfirmed, never retried. A channel the bot cannot
// post in becomes a result the caller reports to whoever set it up.
import { setTimeout as delay } from "node:timers/promises";
import { z } from "zod";
import type { Logger } from "../../briefing/ports.js";
import type { SlackMessage } from "./slack-message.js";

/** The slice of the Web API posting needs (a Bolt WebClient fits). */
export interface ChatClient {
  chat: {
    postMessage(args: {
      channel: string;
      text: string;
      blocks: SlackMessage["blocks"];
      unfurl_links: boolean;
      unfurl_media: boolean;
      /** A reply in the thread of this message. */
      thread_ts?: string;
    }): Promise<unknown>;
    update(args: { channel: string; ts: string; text: string; blocks: SlackMessage["blocks"] }): Promise<unknown>;
  };
}

/** Which call a result is for, in the log. */
type SlackMethod = "chat.postMessage" | "chat.update";

/** Errors meaning "the bot is not in that channel (or cannot see it)": fixed by inviting it. */
export const NOT_IN_CHANNEL_ERRORS = ["not_in_channel", "channel_not_found"] as const;
type NotInChannel = (typeof NOT_IN_CHANNEL_ERRORS)[number];

export type PostResult =
  | { ok: true; channel: string; ts: string }
  | { ok: false; reason: NotInChannel; channel: string; hint: string }
  /**
   * `permanent`: Slack refused (retrying cannot help); otherwise the request surely did not reach
   * Slack (connection refused, name not resolved) or Slack kept answering 429: worth a later try.
   */
  | { ok: false; reason: "failed"; channel: string; error: string; permanent: boolean }
  /** A timeout, a 5xx or a connection cut after sending: Slack may have posted it; never send it again. */
  | { ok: false; reason: "unconfirmed"; channel: string; error: string };

const PostedSchema = z.object({ ok: z.literal(true), ts: z.string(), channel: z.string() });
const PlatformErrorSchema = z.object({
  code: z.literal("slack_webapi_platform_error"),
  data: z.object({ error: z.string() }),
});
/** The posting client rejects a 429 (rejectRateLimitedCalls) with Slack's Retry-After, in seconds. */
const RateLimitedSchema = z.object({ code: z.literal("slack_webapi_rate_limited_error"), retryAfter: z.number() });
/** Network errors that happen before a request is sent: Slack cannot have seen it. */
const NOT_SENT_CODES = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"];
const RequestErrorSchema = z.object({
  code: z.literal("slack_webapi_request_error"),
  original: z.object({ cause: z.object({ code: z.string() }).optional() }).optional(),
});

/** How many 429s in a row one post waits out before it is reported as a failure to try later. */
export const MAX_RATE_LIMIT_WAITS = 5;

export function inviteHint(channel: string): string {
  const where = /^[CG][A-Z0-9]+$/.test(channel) ? `<#${channel}>` : "that channel";
  return `briefbot cannot post in ${where}. Invite the bot there with /invite @briefbot, or choose a channel it is in.`;
}

/** True when the error shows the request never left (so Slack cannot have posted it). */
function surelyNotSent(error: unknown): boolean {
  const request = RequestErrorSchema.safeParse(error);
  const code = request.success ? request.data.original?.cause?.code : undefined;
  return code !== undefined && NOT_SENT_CODES.includes(code);
}

export class SlackPublisher {
  readonly #client: ChatClient;
  readonly #logger: Logger;
  readonly #sleep: (ms: number) => Promise<void>;

  /**
   * `client` must not retry posts on its own (see slackPostingClientOptions): a retry after a
   * timeout or a 5xx posts a second message when Slack had taken the first.
   */
  constructor(client: ChatClient, logger: Logger, sleep: (ms: number) => Promise<void> = (ms) => delay(ms)) {
    this.#client = client;
    this.#logger = logger;
    this.#sleep = sleep;
  }

  /** Posts one message (in a thread when `threadTs` is set); resolves with what happened (never throws for Slack's answers). */
  post(channel: string, message: SlackMessage, threadTs?: string): Promise<PostResult> {
    return this.#send("chat.postMessage", channel, () =>
      this.#client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        // A digest's links would each unfold into a preview; the card already says what they are.
        unfurl_links: false,
        unfurl_media: false,
        ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
      }),
    );
  }

  /** Replaces a message the bot posted (chat.update); the same discipline as post. */
  update(channel: string, ts: string, message: SlackMessage): Promise<PostResult> {
    return this.#send("chat.update", channel, () =>
      this.#client.chat.update({ channel, ts, text: message.text, blocks: message.blocks }),
    );
  }

  async #send(method: SlackMethod, channel: string, call: () => Promise<unknown>): Promise<PostResult> {
    for (let waits = 0; ; waits += 1) {
      let answer: unknown;
      try {
        answer = await call();
      } catch (error) {
        const limited = RateLimitedSchema.safeParse(error);
        // A 429 means Slack did not take the message: waiting as asked and sending it again is safe.
        if (limited.success && waits < MAX_RATE_LIMIT_WAITS) {
          await this.#sleep(limited.data.retryAfter * 1000);
          continue;
        }
        return this.#failure(method, channel, error, limited.success);
      }
      const posted = PostedSchema.safeParse(answer);
      if (posted.success) return { ok: true, channel: posted.data.channel, ts: posted.data.ts };
      // ok: true without the fields we expect: it was posted, we cannot say where.
      this.#logger.error({ component: "slack", channel, method }, `${method} answered without a ts`);
      return { ok: false, reason: "unconfirmed", channel, error: "Slack's answer had no message ts" };
    }
  }

  #failure(method: SlackMethod, channel: string, error: unknown, rateLimited: boolean): PostResult {
    const platform = PlatformErrorSchema.safeParse(error);
    if (platform.success) {
      const code = platform.data.data.error;
      if ((NOT_IN_CHANNEL_ERRORS as readonly string[]).includes(code)) {
        this.#logger.warn({ component: "slack", channel, error: code }, `${method}: the bot is not in the channel`);
        return { ok: false, reason: code as NotInChannel, channel, hint: inviteHint(channel) };
      }
      this.#logger.error({ component: "slack", channel, method, error: code }, `${method} refused by Slack`);
      return { ok: false, reason: "failed", channel, error: code, permanent: true };
    }
    const text = error instanceof Error ? error.message : String(error);
    if (rateLimited || surelyNotSent(error)) {
      this.#logger.error(
        { component: "slack", channel, method, err: text },
        `${method} not sent; it can be tried later`,
      );
      return { ok: false, reason: "failed", channel, error: text, permanent: false };
    }
    this.#logger.error(
      { component: "slack", channel, method, err: text },
      `${method} unconfirmed (timeout, 5xx or cut connection); Slack may have done it, so it is not sent again`,
    );
    return { ok: false, reason: "unconfirmed", channel, error: text };
  }
}
