// Test helper: posts a slash command to a Bolt HTTP receiver the way Slack does: form-encoded, with
// X-Slack-Request-Timestamp and X-Slack-Signature (v0=, HMAC-SHA256 of "v0:{ts}:{body}").
import { createHmac } from "node:crypto";

export interface SlashCommandFields {
  command: string;
  text: string;
  response_url: string;
  user_id?: string;
  channel_id?: string;
  team_id?: string;
}

export function slashCommandBody(fields: SlashCommandFields): string {
  return new URLSearchParams({
    token: "deprecated-verification-token",
    team_id: fields.team_id ?? "T1",
    team_domain: "fake",
    channel_id: fields.channel_id ?? "C1",
    channel_name: "general",
    user_id: fields.user_id ?? "UMEMBER",
    user_name: "someone",
    command: fields.command,
    text: fields.text,
    api_app_id: "A1",
    is_enterprise_install: "false",
    response_url: fields.response_url,
    trigger_id: "1.2.3",
  }).toString();
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** Posts the command; `timestamp` and `secret` let a test send stale or wrongly signed requests. */
export async function postSlashCommand(
  url: string,
  secret: string,
  fields: SlashCommandFields,
  options: { timestamp?: number } = {},
): Promise<Response> {
  const body = slashCommandBody(fields);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": slackSignature(secret, timestamp, body),
    },
    body,
  });
}

/** Posts any body, correctly signed: what a test needs to send Slack-shaped nonsense that passes the signature check. */
export async function postSignedBody(
  url: string,
  secret: string,
  body: string,
  contentType = "application/x-www-form-urlencoded",
): Promise<Response> {
  const timestamp = Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": slackSignature(secret, timestamp, body),
    },
    body,
  });
}
