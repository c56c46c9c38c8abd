// Slack as a ChatPlatform: every instance runs Bolt (Slack hands each event to one of them), and
// one poster carries digests, announcements and story alerts, usable before Bolt starts.
import { PlatformError } from "../../briefing/errors.js";
import type { Logger } from "../../briefing/ports.js";
import type { App } from "../../compose-app.js";
import type { ChatPlatform } from "../chat/chat-platform.js";
import { createSlackPoster } from "./create-slack-app.js";
import { SlackAlertPublisher } from "./slack-alert-publisher.js";
import { SlackDigestPublisher } from "./slack-digest-publisher.js";
import { readSlackSettings } from "./slack-settings.js";
import { type RunningSlack, type StartSlackOptions, startSlack } from "./start-slack.js";

export function createSlackPlatform(
  app: App,
  logger: Logger,
  options: Omit<StartSlackOptions, "publisher"> = {},
): ChatPlatform | null {
  const read = readSlackSettings(app.config);
  if (!read.configured) return null;
  if (read.settings === null) {
    throw new PlatformError(
      "slack",
      "not_configured",
      `Slack is not fully configured:\n  - ${read.problems.join("\n  - ")}`,
    );
  }
  const poster = createSlackPoster(read.settings, logger);
  let running: RunningSlack | null = null;
  return {
    name: "slack",
    title: "Slack",
    connection: "every-instance",
    publisher: new SlackDigestPublisher(poster),
    alerts: new SlackAlertPublisher(poster),
    async start() {
      running = await startSlack(app, logger, { ...options, publisher: poster });
      return running.mode === "socket" ? "Socket Mode" : `HTTP mode on port ${running.address?.port}`;
    },
    async stop() {
      const bot = running;
      running = null;
      await bot?.stop();
    },
  };
}
