// Test helper: a real briefbot App (composeApp on a temp SQLite file) configured for a fake Slack,
// seeded from examples/feeds, with the clock pinned to the day after the example articles.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ingestFile } from "../../../src/cli/ingest-file.js";
import { type App, composeApp } from "../../../src/compose-app.js";
import { parseConfig } from "../../../src/config.js";
import type { RecordingLogger } from "./recording-logger.js";

export const EXAMPLES = resolve(import.meta.dirname, "../../../examples/feeds");
/** The example feeds' articles are from 12-13 January 2026. */
export const PINNED_NOW = Date.UTC(2026, 0, 14);

export const BOT_TOKEN = "xoxb-1111-2222-secretbottoken";
export const APP_TOKEN = "xapp-1-A1-3333-secretapptoken";
export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

export interface SlackTestApp {
  app: App;
  close(): Promise<void>;
}

export async function slackTestApp(
  env: Record<string, string | undefined>,
  logger: RecordingLogger,
  options: { seed?: boolean } = {},
): Promise<SlackTestApp> {
  const dir = mkdtempSync(join(tmpdir(), "briefbot-slack-"));
  const config = parseConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, BRIEFBOT_LOG_LEVEL: "silent", ...env });
  const composed = await composeApp(config, logger, { database: join(dir, "slack.db") });
  const app: App = { ...composed, deps: { ...composed.deps, clock: { now: () => PINNED_NOW } } };
  if (options.seed !== false) await ingestFile(app.deps, join(EXAMPLES, "news-one-mexico.xml"));
  return {
    app,
    async close() {
      await composed.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
