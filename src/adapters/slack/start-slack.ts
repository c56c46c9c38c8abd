// Starts briefbot on Slack for `briefbot serve`: checks the bot token (auth.test) and starts Bolt
// in Socket Mode or HTTP mode. stop() ends it; the caller owns the App (store) and closes it
// afterwards. Announcements and digests post through the platform's publisher (slack-platform.ts).
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ErrorCode, WebClient } from "@slack/web-api";
import { z } from "zod";
import type { MuteStory } from "../../briefing/briefs/handle-story-action.js";
import { PlatformError } from "../../briefing/errors.js";
import type { Logger } from "../../briefing/ports.js";
import type { App } from "../../compose-app.js";
import { createSlackApp, type SlackBot, slackClientOptions } from "./create-slack-app.js";
import type { SlackPublisher } from "./slack-publisher.js";
import { readSlackSettings } from "./slack-settings.js";

export interface StartSlackOptions {
  /** HTTP mode only: where to listen (default: PORT on every interface). Tests use port 0 on 127.0.0.1. */
  listen?: { port: number; host?: string };
  /** Posts outside command replies; the platform shares it with its digests (default: the bot's own). */
  publisher?: SlackPublisher;
  /** "Mute this story" (see CreateSlackAppOptions.muteStory). */
  muteStory?: MuteStory;
}

export interface RunningSlack {
  mode: SlackBot["mode"];
  /** The HTTP listener's address in HTTP mode; null in Socket Mode. */
  address: AddressInfo | null;
  bot: SlackBot;
  stop(): Promise<void>;
}

const AuthTestSchema = z.object({
  user: z.string().optional(),
  team: z.string().optional(),
  user_id: z.string(),
  bot_id: z.string(),
});

const SlackApiErrorSchema = z.object({
  code: z.string(),
  data: z.object({ error: z.string() }).optional(),
  statusCode: z.number().optional(),
  original: z
    .object({
      message: z.string(),
      code: z.string().optional(),
      // fetch's "fetch failed" carries the socket's error (ECONNREFUSED, ENOTFOUND) as its cause.
      cause: z.object({ code: z.string() }).optional(),
    })
    .optional(),
});

/**
 * A start-up failure as the operator must act on it: Slack answered and refused (`fix` says which
 * token to replace), or Slack could not be reached at all (network, proxy, SLACK_API_URL).
 */
export function slackStartError(error: unknown, apiUrl: string | undefined, fix: string): PlatformError {
  const parsed = SlackApiErrorSchema.safeParse(error);
  const where = apiUrl ?? "https://slack.com/api/";
  if (parsed.success && parsed.data.code === ErrorCode.PlatformError) {
    return new PlatformError("slack", "refused", `Slack refused ${fix}`, { cause: error });
  }
  if (parsed.success && parsed.data.code === ErrorCode.HTTPError) {
    return new PlatformError(
      "slack",
      "unreachable",
      `Cannot reach Slack's Web API at ${where}: it answered HTTP ${parsed.data.statusCode ?? "error"}. Check SLACK_API_URL (unset means Slack itself), any proxy, and https://status.slack.com.`,
      { cause: error },
    );
  }
  const why = parsed.success
    ? (parsed.data.original?.code ??
      parsed.data.original?.cause?.code ??
      parsed.data.original?.message ??
      parsed.data.code)
    : error instanceof Error
      ? error.message
      : String(error);
  return new PlatformError(
    "slack",
    "unreachable",
    `Cannot reach Slack's Web API at ${where} (${why}). Check the network, any proxy and SLACK_API_URL (unset means Slack itself), then start briefbot again.`,
    { cause: error },
  );
}

export async function startSlack(app: App, logger: Logger, options: StartSlackOptions = {}): Promise<RunningSlack> {
  const read = readSlackSettings(app.config);
  if (!read.configured)
    throw new PlatformError(
      "slack",
      "not_configured",
      "Slack is not configured: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (see docs/slack.md).",
    );
  if (read.settings === null) {
    throw new PlatformError(
      "slack",
      "not_configured",
      `Slack is not fully configured:\n  - ${read.problems.join("\n  - ")}`,
    );
  }
  const { settings } = read;

  // Fail at start, with the fix, rather than at the first command.
  let identity: z.infer<typeof AuthTestSchema>;
  try {
    const client = new WebClient(settings.botToken, slackClientOptions(settings, logger));
    identity = AuthTestSchema.parse(await client.auth.test());
  } catch (error) {
    const refused = z.object({ data: z.object({ error: z.string() }) }).safeParse(error);
    const why = refused.success ? refused.data.data.error : "no reason given";
    throw slackStartError(
      error,
      settings.apiUrl,
      `SLACK_BOT_TOKEN (${why}). Copy the Bot User OAuth Token (xoxb-...) from your app's OAuth & Permissions page.`,
    );
  }

  const bot = createSlackApp({
    deps: app.deps,
    settings,
    logger,
    clock: app.deps.clock,
    identity: { botId: identity.bot_id, botUserId: identity.user_id },
    ...(options.publisher ? { publisher: options.publisher } : {}),
    ...(options.muteStory ? { muteStory: options.muteStory } : {}),
  });

  let address: AddressInfo | null = null;
  if (settings.mode === "socket") {
    try {
      await bot.bolt.start();
    } catch (error) {
      const refused = z.object({ data: z.object({ error: z.string() }) }).safeParse(error);
      throw slackStartError(
        error,
        settings.apiUrl,
        `SLACK_APP_TOKEN (${refused.success ? refused.data.data.error : "no reason given"}). Make an app-level token (xapp-...) with the connections:write scope under Basic Information, and turn on Socket Mode.`,
      );
    }
  } else {
    const listen = options.listen ?? { port: settings.port };
    const server = (await bot.bolt.start(listen).catch((error: unknown) => {
      const code = (error as { code?: unknown } | null)?.code;
      if (code !== "EADDRINUSE" && code !== "EACCES") throw error;
      throw new PlatformError(
        "slack",
        "not_configured",
        `Cannot listen for Slack on port ${listen.port} (${code}): another program holds it or it needs privileges. Set PORT to a free port.`,
        { cause: error },
      );
    })) as Server;
    address = server.address() as AddressInfo;
  }
  logger.info(
    { component: "slack", mode: settings.mode, botUser: identity.user, team: identity.team, port: address?.port },
    settings.mode === "socket" ? "Slack connected (Socket Mode)" : "Slack listening for requests (HTTP mode)",
  );

  return {
    mode: settings.mode,
    address,
    bot,
    async stop() {
      await bot.bolt.stop();
    },
  };
}
