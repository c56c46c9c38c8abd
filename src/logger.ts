// The process logger: pino as JSON on stderr (stdout belongs to command output), with tokens and
// secrets redacted wherever they appear in a log object's usual places.
import { pino } from "pino";
import type { Logger } from "./briefing/ports.js";

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
];

export function createLogger(level: string): Logger {
  const log = pino({ level, redact: { paths: REDACT, censor: "[redacted]" } }, pino.destination(2));
  return {
    debug: (context, message) => log.debug(context, message),
    info: (context, message) => log.info(context, message),
    warn: (context, message) => log.warn(context, message),
    error: (context, message) => log.error(context, message),
  };
}
