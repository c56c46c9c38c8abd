// Builds the Bolt app for briefbot: Socket Mode or HTTP mode from the settings, the Web API base
// from SLACK_API_URL, the /brief, /feed and /digest commands and the buttons under stories (ack first,
// then answer through response_url). Bolt owns the transport; behaviour lives in handleSlashCommand
// and handleStoryButton.
import { App as BoltApp, HTTPReceiver } from "@slack/bolt";
import { WebClient, WebClientEvent, type WebClientOptions } from "@slack/web-api";
import type { MuteStory } from "../../briefing/briefs/handle-story-action.js";
import type { CommandDeps } from "../../briefing/commands/handle-command.js";
import type { Clock, Logger } from "../../briefing/ports.js";
import { boltLogger } from "./bolt-logger.js";
import { guardSlackRequests } from "./guard-slack-requests.js";
import { APOLOGY, handleSlashCommand, SlashCommandSchema } from "./handle-slash-command.js";
import { BlockActionsSchema, handleStoryButton } from "./handle-story-button.js";
import { STORY_ACTION_IDS } from "./render-slack-buttons.js";
import { SlackAdminCheck } from "./slack-admin-check.js";
import { SlackPublisher } from "./slack-publisher.js";
import type { SlackSettings } from "./slack-settings.js";

export const SLASH_COMMANDS = ["/brief", "/feed", "/digest", "/watch"] as const;

/**
 * Web API retries (network errors, 5xx, and the retry after a 429's Retry-After wait, which the
 * WebClient does itself before this backoff). Five tries over about 15 s: enough for a blip, short
 * enough that a digest run is not held for the default half hour.
 */
export const SLACK_RETRY_POLICY = { retries: 5, factor: 2, minTimeout: 250, maxTimeout: 8_000, randomize: true };
/** Per request; Slack answers in well under a second, a hung connection should not hold a command. */
export const SLACK_API_TIMEOUT_MS = 20_000;
/**
 * Posting calls: never retried by the client. A timeout or 5xx can come after Slack posted the
 * message (against a Slack answering after 30 s, the default retry posted a digest 5 times in 5),
 * so SlackPublisher reports them as unconfirmed; a 429 is rejected at once with its Retry-After
 * and SlackPublisher waits it out and sends again (Slack did not take it).
 */
export const SLACK_POST_RETRY_POLICY = { retries: 0 };

export interface SlackBot {
  bolt: BoltApp;
  mode: SlackSettings["mode"];
  publisher: SlackPublisher;
  admins: SlackAdminCheck;
}

export interface CreateSlackAppOptions {
  deps: CommandDeps;
  settings: SlackSettings;
  logger: Logger;
  clock: Clock;
  /** The bot's ids from an auth.test already made (startSlack makes it); without them Bolt asks on each event. */
  identity?: { botId: string; botUserId: string };
  /** Posts outside command replies (the platform's shared one); default: a new one. */
  publisher?: SlackPublisher;
  /** "Mute this story": the alert ledger's mute (story alerts wire it in); without it the button says muting is not here yet. */
  muteStory?: MuteStory;
}

/** Web API options shared by Bolt's client and any standalone WebClient (a fresh object each time: Bolt mutates it). */
export function slackClientOptions(settings: SlackSettings, logger: Logger): WebClientOptions {
  return {
    logger: boltLogger(logger),
    retryConfig: SLACK_RETRY_POLICY,
    timeout: SLACK_API_TIMEOUT_MS,
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
  };
}

/** Options of the WebClient that posts (chat.postMessage and any later posting call). */
export function slackPostingClientOptions(settings: SlackSettings, logger: Logger): WebClientOptions {
  return {
    ...slackClientOptions(settings, logger),
    retryConfig: SLACK_POST_RETRY_POLICY,
    rejectRateLimitedCalls: true,
  };
}

function guardedReceiver(signingSecret: string, log: ReturnType<typeof boltLogger>, logger: Logger): HTTPReceiver {
  // Ack first: the HTTP answer goes out when the listener acks, not when it finishes.
  const receiver = new HTTPReceiver({ signingSecret, logger: log, processBeforeResponse: false });
  guardSlackRequests(receiver, { signingSecret, logger });
  return receiver;
}

function logRateLimits(client: WebClient, logger: Logger): void {
  client.on(WebClientEvent.RATE_LIMITED, (retryAfterSeconds: number, request: { url?: string }) => {
    logger.warn({ component: "slack", retryAfterSeconds, url: request.url }, "Slack rate limit; waiting as asked");
  });
}

/** What posts outside command replies: its own client, since Bolt's retries suit reads (users.info), not posts. */
export function createSlackPoster(settings: SlackSettings, logger: Logger): SlackPublisher {
  const poster = new WebClient(settings.botToken, slackPostingClientOptions(settings, logger));
  logRateLimits(poster, logger);
  return new SlackPublisher(poster, logger);
}

export function createSlackApp({
  deps,
  settings,
  logger,
  clock,
  identity,
  muteStory,
  ...shared
}: CreateSlackAppOptions): SlackBot {
  const log = boltLogger(logger);
  const clientOptions = slackClientOptions(settings, logger);
  // Bolt's own token check runs auth.test in the constructor and, on a bad token, leaves a rejected
  // promise nobody handles (the process would die without a word). startSlack checks the token first.
  const auth = { tokenVerificationEnabled: false, botId: identity?.botId, botUserId: identity?.botUserId };
  const bolt =
    settings.mode === "socket"
      ? new BoltApp({
          token: settings.botToken,
          ...auth,
          appToken: settings.appToken,
          socketMode: true,
          logger: log,
          clientOptions,
          // The Socket Mode client calls apps.connections.open with these options too.
          installerOptions: { clientOptions },
        })
      : new BoltApp({
          token: settings.botToken,
          ...auth,
          logger: log,
          clientOptions,
          receiver: guardedReceiver(settings.signingSecret, log, logger),
        });
  const admins = new SlackAdminCheck(bolt.client, { admins: settings.admins, logger, clock });
  const publisher = shared.publisher ?? createSlackPoster(settings, logger);
  logRateLimits(bolt.client, logger);

  for (const name of SLASH_COMMANDS) {
    bolt.command(name, async ({ ack, respond, body }) => {
      // Slack gives 3 s for the ack; everything else (store, summaries, users.info) comes after.
      await ack();
      const payload = SlashCommandSchema.safeParse(body);
      if (!payload.success) {
        logger.warn(
          { component: "slack", command: name, issues: payload.error.issues.length },
          "malformed slash command",
        );
        return;
      }
      const { command, channel_id: channelId, user_id: userId, team_id: teamId } = payload.data;
      let answer = APOLOGY;
      try {
        answer = await handleSlashCommand({ deps, admins }, payload.data);
      } catch (error) {
        logger.error(
          { component: "slack", command, text: payload.data.text, channelId, userId, teamId, err: error },
          "slash command failed",
        );
      }
      try {
        await respond(answer);
      } catch (error) {
        logger.error(
          {
            component: "slack",
            command,
            channelId,
            userId,
            err: error instanceof Error ? error.message : String(error),
          },
          "could not answer through response_url (expired, or Slack unreachable)",
        );
      }
    });
  }

  const storyActionIds = new Set(Object.values(STORY_ACTION_IDS));
  bolt.action({ type: "block_actions" }, async ({ ack, body, respond }) => {
    // Slack gives 3 s for the ack; the answer goes to response_url afterwards.
    await ack();
    const payload = BlockActionsSchema.safeParse(body);
    if (!payload.success) {
      logger.warn({ component: "slack", issues: payload.error.issues.length }, "malformed button click");
      return;
    }
    const actionId = (payload.data.actions[0]?.action_id ?? "").slice(0, 100);
    if (!storyActionIds.has(actionId)) {
      logger.warn({ component: "slack", actionId }, "a click on a button briefbot does not know");
    }
    const where = { component: "slack", actionId, channelId: payload.data.channel?.id, userId: payload.data.user.id };
    let answer: Parameters<typeof respond>[0] = { ...APOLOGY, replace_original: false };
    try {
      answer = await handleStoryButton({ deps, admins, ...(muteStory ? { muteStory } : {}) }, payload.data);
    } catch (error) {
      logger.error({ ...where, err: error }, "story button failed");
    }
    try {
      await respond(answer);
    } catch (error) {
      logger.error(
        { ...where, err: error instanceof Error ? error.message : String(error) },
        "could not answer a button through response_url",
      );
    }
  });

  bolt.error(async (error) => {
    logger.error({ component: "slack", code: error.code, err: error.message }, "Bolt error");
  });

  return { bolt, mode: settings.mode, publisher, admins };
}
