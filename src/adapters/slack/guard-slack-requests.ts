// A gate in front of Bolt's HTTP receiver: a correctly signed body that is not a Slack request
// (payload=null, bad JSON, a payload that is no object, a command or button click missing its
// fields) gets a 400.
import type { IncomingMessage, ServerResponse } from "node:http";
import { HTTPModuleFunctions, type HTTPReceiver } from "@slack/bolt";
import type { Logger } from "../../briefing/ports.js";
import { SlashCommandSchema } from "./handle-slash-command.js";
import { BlockActionsSchema } from "./handle-story-button.js";

export interface SlackRequestGuardOptions {
  signingSecret: string;
  logger: Logger;
  /** Bolt's own limit applies too; ours stops buffering at the same size. */
  bodyLimit?: number;
}

/**
 * Wraps `receiver.requestListener` (the listener its server calls for each request). Bolt reads
 * `body.ssl_check` outside its try/catch, so `payload=null` used to throw an unhandled rejection
 * that ended `serve`. Unsigned or stale requests pass on untouched, so Bolt still answers them 401.
 */
export function guardSlackRequests(receiver: HTTPReceiver, options: SlackRequestGuardOptions): void {
  const boltListener = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method?.toUpperCase() !== "POST") return boltListener(req, res);
    void screen(req, options).then(
      (problem) => {
        if (problem === null) return boltListener(req, res);
        options.logger.warn({ component: "slack", problem }, "malformed Slack request refused");
        res.writeHead(400).end();
      },
      // Signature or size failures: Bolt reads the buffered body again and answers 401 or 413.
      () => boltListener(req, res),
    );
  };
}

/** Null when the signed body is a Slack request Bolt can take; else what is wrong with it. Throws when unsigned. */
async function screen(req: IncomingMessage, options: SlackRequestGuardOptions): Promise<string | null> {
  const buffered = await HTTPModuleFunctions.parseAndVerifyHTTPRequest(
    { signingSecret: options.signingSecret, ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}) },
    req,
  );
  let body: unknown;
  try {
    // Bolt's own parser, so what passes here is read the same way there.
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch {
    return "body is not valid JSON";
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return "body is not an object";
  const fields = body as Record<string, unknown>;
  if (fields.ssl_check === "1") return null;
  if (fields.type === "block_actions") {
    return BlockActionsSchema.safeParse(fields).success ? null : "button click is missing fields";
  }
  if (typeof fields.type === "string") return null;
  if (typeof fields.command === "string") {
    return SlashCommandSchema.safeParse(fields).success ? null : "slash command is missing fields";
  }
  return "neither a slash command nor a typed payload";
}
