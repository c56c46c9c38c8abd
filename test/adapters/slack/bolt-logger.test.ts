// Bolt's log lines reach the project logger at warn and above only, with tokens and signatures removed.
import { LogLevel } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { boltLogger } from "../../../src/adapters/slack/bolt-logger.js";
import { recordingLogger } from "./recording-logger.js";
import { APP_TOKEN, BOT_TOKEN } from "./slack-test-app.js";

describe("boltLogger", () => {
  it("drops debug and info, and scrubs tokens and signatures from warnings and errors", () => {
    const logger = recordingLogger();
    const bolt = boltLogger(logger);
    bolt.setName("socket-mode");
    bolt.debug(`http request body: {"token":"${BOT_TOKEN}"}`);
    bolt.info("connected");
    bolt.warn("retrying with", { headers: { Authorization: `Bearer ${APP_TOKEN}` } });
    bolt.error(new Error(`failed for ${BOT_TOKEN} with x-slack-signature v0=${"ab12".repeat(16)}`));
    expect(bolt.getLevel()).toBe(LogLevel.WARN);
    expect(logger.entries.map((e) => e.level)).toEqual(["warn", "error"]);
    expect(logger.entries[0]?.context).toEqual({ component: "slack", source: "socket-mode" });
    const text = logger.text();
    expect(text).not.toContain(BOT_TOKEN);
    expect(text).not.toContain(APP_TOKEN);
    expect(text).not.toContain("ab12ab12");
    expect(text).toContain("[redacted]");
  });
});
