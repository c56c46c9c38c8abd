// The process logger: pino as JSON on stderr (stdout belongs to command output), with tokens and
// secrets redacted wherever they appear in a log object's usual places; URLs under the keys that
// hold database or connection URLs keep their shape with the password hidden (redactUrl).
import { pino } from "pino";
import type { Logger } from "./briefing/ports.js";
import { redactUrl } from "./briefing/redact-url.js";

/** Keys whose value is a URL that may carry a password: shown through redactUrl. */
const URL_KEYS = new Set(["database", "connectionString"]);

const REDACT = [
  "token",
  "*.token",
  "*.*.token",
  "headers.authorization",
  "*.headers.authorization",
  "signingSecret",
  "*.signingSecret",
  "appToken",
  "*.appToken",
  "password",
  "*.password",
  "database",
  "*.database",
  "connectionString",
  "*.connectionString",
];

function censor(value: unknown, path: string[]): unknown {
  const key = path[path.length - 1] ?? "";
  if (URL_KEYS.has(key) && typeof value === "string") return value.includes("://") ? redactUrl(value) : value;
  return "[redacted]";
}

export function createLogger(level: string): Logger {
  const log = pino({ level, redact: { paths: REDACT, censor } }, pino.destination(2));
  return {
    debug: (context, message) => log.debug(context, message),
    info: (context, message) => log.info(context, message),
    warn: (context, message) => log.warn(context, message),
    error: (context, message) => log.error(context, message),
  };
}
