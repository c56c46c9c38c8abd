// Config: defaults, every problem reported at once with the variable and its fix, blanks = unset.
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config.js";

describe("parseConfig", () => {
  it("gives the documented defaults for an empty environment", () => {
    expect(parseConfig({})).toEqual({
      BRIEFBOT_DATABASE: "./data/briefbot.db",
      BRIEFBOT_RETENTION_DAYS: 90,
      BRIEFBOT_REFRESH_MINUTES: 15,
      BRIEFBOT_MAX_FAILURES: 10,
      BRIEFBOT_ALLOW_PRIVATE_FEEDS: false,
      BRIEFBOT_LOG_LEVEL: "info",
      PORT: 3000,
      BRIEFBOT_DIGEST_GRACE_MINUTES: 120,
      BRIEFBOT_FULLTEXT_HOST_DELAY_MS: 1000,
      BRIEFBOT_FULLTEXT_CONCURRENCY: 4,
      BRIEFBOT_DB_POOL_SIZE: 10,
      BRIEFBOT_DB_STATEMENT_TIMEOUT_MS: 30_000,
      BRIEFBOT_POLL_TICK_MS: 15_000,
      BRIEFBOT_FEED_LEASE_MS: 300_000,
    });
  });

  it("takes a SQLite path or a PostgreSQL URL, and refuses an unparseable URL without echoing it", () => {
    expect(parseConfig({ BRIEFBOT_DATABASE: "postgres://briefbot@db:5432/briefbot" }).BRIEFBOT_DATABASE).toBe(
      "postgres://briefbot@db:5432/briefbot",
    );
    expect(parseConfig({ BRIEFBOT_DATABASE: "/var/lib/briefbot/b.db" }).BRIEFBOT_DATABASE).toBe(
      "/var/lib/briefbot/b.db",
    );
    expect(() => parseConfig({ BRIEFBOT_DATABASE: "postgresql://u:pw@[::1" })).toThrow(
      /=\(hidden\): .*cannot be parsed/,
    );
    expect(() => parseConfig({ BRIEFBOT_DB_POOL_SIZE: "0" })).toThrow(/BRIEFBOT_DB_POOL_SIZE must be at least 1/);
  });

  it("checks chat platform settings and never echoes a token", () => {
    let error: unknown;
    try {
      parseConfig({
        SLACK_BOT_TOKEN: "xoxp-user-token-secret",
        DISCORD_APPLICATION_ID: "abc",
        SLACK_API_URL: "not a url",
      });
    } catch (e) {
      error = e;
    }
    const message = (error as Error).message;
    expect(message).toMatch(/SLACK_BOT_TOKEN=\(hidden\): SLACK_BOT_TOKEN must be a bot token starting with xoxb-/);
    expect(message).toMatch(/DISCORD_APPLICATION_ID="abc"/);
    expect(message).toMatch(/SLACK_API_URL/);
    expect(message).not.toContain("secret");
    expect(parseConfig({ BRIEFBOT_SLACK_ADMINS: "U1, U2 U3" }).BRIEFBOT_SLACK_ADMINS).toEqual(["U1", "U2", "U3"]);
  });

  it("treats empty values as unset, as copies of .env.example leave them", () => {
    expect(parseConfig({ BRIEFBOT_USER_AGENT: "", BRIEFBOT_RETENTION_DAYS: "" }).BRIEFBOT_RETENTION_DAYS).toBe(90);
  });

  it("parses values", () => {
    const config = parseConfig({
      BRIEFBOT_ALLOW_PRIVATE_FEEDS: "true",
      BRIEFBOT_REFRESH_MINUTES: "2",
      BRIEFBOT_DATABASE: "/tmp/x.db",
    });
    expect(config.BRIEFBOT_ALLOW_PRIVATE_FEEDS).toBe(true);
    expect(config.BRIEFBOT_REFRESH_MINUTES).toBe(2);
    expect(config.BRIEFBOT_DATABASE).toBe("/tmp/x.db");
  });

  it("reports every problem at once, each naming the variable and the fix", () => {
    let error: unknown;
    try {
      parseConfig({
        BRIEFBOT_RETENTION_DAYS: "ninety",
        BRIEFBOT_REFRESH_MINUTES: "1",
        BRIEFBOT_ALLOW_PRIVATE_FEEDS: "maybe",
        BRIEFBOT_LOG_LEVEL: "loud",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.find((p) => p.startsWith("BRIEFBOT_RETENTION_DAYS"))).toMatch(
      /whole number.*BRIEFBOT_RETENTION_DAYS=90/,
    );
    expect(problems.find((p) => p.startsWith("BRIEFBOT_REFRESH_MINUTES"))).toMatch(/at least 2/);
    expect(problems.find((p) => p.startsWith("BRIEFBOT_ALLOW_PRIVATE_FEEDS"))).toMatch(/true or false/);
    expect(problems.find((p) => p.startsWith("BRIEFBOT_LOG_LEVEL"))).toMatch(/one of/);
    expect((error as Error).message).toMatch(/4 problem/);
  });
});
