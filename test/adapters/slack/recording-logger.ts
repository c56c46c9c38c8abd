// Test helper: a Logger that keeps every entry (level, context, message), so tests can read what
// was logged and prove no token or signature ever was.
import type { Logger } from "../../../src/briefing/ports.js";

export interface LogEntry {
  level: "debug" | "info" | "warn" | "error";
  context: Record<string, unknown>;
  message: string;
}

export interface RecordingLogger extends Logger {
  readonly entries: LogEntry[];
  /** Everything logged, as one string (errors with their messages and stacks). */
  text(): string;
}

export function recordingLogger(): RecordingLogger {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry["level"]) => (context: Record<string, unknown>, message: string) => {
    entries.push({ level, context, message });
  };
  return {
    entries,
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    text: () =>
      entries
        .map((e) =>
          JSON.stringify({ ...e, context: e.context }, (_key, value: unknown) =>
            value instanceof Error ? `${value.message}\n${value.stack}` : value,
          ),
        )
        .join("\n"),
  };
}
