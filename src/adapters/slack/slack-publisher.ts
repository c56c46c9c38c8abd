// Posting to Slack with chat.postMessage (announcements now, scheduled digests later). Rate limits
// are waited out by the WebClient's retries (see SLACK_RETRY_POLICY); a channel the bot cannot post
// in becomes a result the caller reports to whoever set it up, never a blind retry.
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
    }): Promise<unknown>;
  };
}

/** Errors meaning "the bot is not in that channel (or cannot see it)": fixed by inviting it. */
export const NOT_IN_CHANNEL_ERRORS = ["not_in_channel", "channel_not_found"] as const;
type NotInChannel = (typeof NOT_IN_CHANNEL_ERRORS)[number];

export type PostResult =
  | { ok: true; channel: string; ts: string }
  | { ok: false; reason: NotInChannel; channel: string; hint: string }
  /** `permanent`: Slack refused (retrying cannot help); otherwise the network or Slack failed after retries. */
  | { ok: false; reason: "failed"; channel: string; error: string; permanent: boolean };

const PostedSchema = z.object({ ok: z.literal(true), ts: z.string(), channel: z.string() });
const PlatformErrorSchema = z.object({
  code: z.literal("slack_webapi_platform_error"),
  data: z.object({ error: z.string() }),
});

export function inviteHint(channel: string): string {
  const where = /^[CG][A-Z0-9]+$/.test(channel) ? `<#${channel}>` : "that channel";
  return `briefbot cannot post in ${where}. Invite the bot there with /invite @briefbot, or choose a channel it is in.`;
}

export class SlackPublisher {
  readonly #client: ChatClient;
  readonly #logger: Logger;

  constructor(client: ChatClient, logger: Logger) {
    this.#client = client;
    this.#logger = logger;
  }

  /** Posts one message; resolves with what happened (never throws for Slack's answers). */
  async post(channel: string, message: SlackMessage): Promise<PostResult> {
    try {
      const answer = await this.#client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        // A digest's links would each unfold into a preview; the card already says what they are.
        unfurl_links: false,
        unfurl_media: false,
      });
      const posted = PostedSchema.parse(answer);
      return { ok: true, channel: posted.channel, ts: posted.ts };
    } catch (error) {
      const platform = PlatformErrorSchema.safeParse(error);
      if (platform.success) {
        const code = platform.data.data.error;
        if ((NOT_IN_CHANNEL_ERRORS as readonly string[]).includes(code)) {
          this.#logger.warn(
            { component: "slack", channel, error: code },
            "chat.postMessage: the bot is not in the channel",
          );
          return { ok: false, reason: code as NotInChannel, channel, hint: inviteHint(channel) };
        }
        this.#logger.error({ component: "slack", channel, error: code }, "chat.postMessage refused by Slack");
        return { ok: false, reason: "failed", channel, error: code, permanent: true };
      }
      const text = error instanceof Error ? error.message : String(error);
      this.#logger.error({ component: "slack", channel, err: text }, "chat.postMessage failed after retries");
      return { ok: false, reason: "failed", channel, error: text, permanent: false };
    }
  }
}
