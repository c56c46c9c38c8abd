// Which Slack transport the configuration asks for, or what is missing: Socket Mode when
// SLACK_APP_TOKEN is set (no public URL), else HTTP mode with the signing secret verified.
import type { Config } from "../../config.js";

export type SlackSettings = {
  botToken: string;
  /** Web API base (tests and proxies); undefined means Slack itself. */
  apiUrl: string | undefined;
  admins: string[];
} & ({ mode: "socket"; appToken: string } | { mode: "http"; signingSecret: string; port: number });

export type SlackSettingsResult =
  | { configured: false }
  | { configured: true; settings: SlackSettings }
  | { configured: true; settings: null; problems: string[] };

export function readSlackSettings(config: Config): SlackSettingsResult {
  const botToken = config.SLACK_BOT_TOKEN;
  const appToken = config.SLACK_APP_TOKEN;
  const signingSecret = config.SLACK_SIGNING_SECRET;
  if (!botToken && !appToken && !signingSecret) return { configured: false };
  const problems: string[] = [];
  if (!botToken)
    problems.push("SLACK_BOT_TOKEN is missing: copy the Bot User OAuth Token (xoxb-...) from OAuth & Permissions");
  if (!appToken && !signingSecret)
    problems.push(
      "set SLACK_APP_TOKEN (xapp-..., Socket Mode, no public URL needed) or SLACK_SIGNING_SECRET (HTTP mode on PORT)",
    );
  if (!botToken || problems.length > 0) return { configured: true, settings: null, problems };
  const common = { botToken, apiUrl: config.SLACK_API_URL, admins: config.BRIEFBOT_SLACK_ADMINS ?? [] };
  if (appToken) return { configured: true, settings: { ...common, mode: "socket", appToken } };
  return {
    configured: true,
    settings: { ...common, mode: "http", signingSecret: signingSecret as string, port: config.PORT },
  };
}
