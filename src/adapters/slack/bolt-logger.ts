// Bolt's own log lines (receivers, WebClient, Socket Mode) routed into the project logger at warn
// and above. Debug and info are dropped at the source: Bolt's debug lines print request bodies.
import { formatWithOptions } from "node:util";
import { type Logger as BoltLoggerContract, LogLevel } from "@slack/bolt";
import type { Logger } from "../../briefing/ports.js";

/** Removes Slack tokens (xoxb-, xoxp-, xapp- ...) and request signatures from a log line. */
export function scrubSecrets(text: string): string {
  return text
    .replace(/\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+/g, "[redacted]")
    .replace(/\bv0=[0-9a-f]{16,}/gi, "v0=[redacted]")
    .replace(/(authorization["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s"',}]+/gi, "$1[redacted]");
}

export function boltLogger(logger: Logger): BoltLoggerContract {
  let name = "bolt";
  const line = (parts: unknown[]) => scrubSecrets(formatWithOptions({ depth: 3, colors: false }, ...parts));
  return {
    debug: () => {},
    info: () => {},
    warn: (...parts: unknown[]) => logger.warn({ component: "slack", source: name }, line(parts)),
    error: (...parts: unknown[]) => logger.error({ component: "slack", source: name }, line(parts)),
    // Bolt and the Socket Mode client ask for the level to decide what to build; warn keeps them quiet.
    setLevel: () => {},
    getLevel: () => LogLevel.WARN,
    setName: (next: string) => {
      name = next;
    },
  };
}
