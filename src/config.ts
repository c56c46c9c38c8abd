// The one place briefbot reads its environment: a zod schema over process.env (after loading
// `.env` when present), reporting every problem at once with the variable and its fix.
import { z } from "zod";
import { ConfigError } from "./config-error.js";

const bool = (name: string) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no"], {
      error: `${name} must be true or false`,
    })
    .transform((v) => v === "true" || v === "1" || v === "yes");

const int = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: `${name} must be a whole number between ${min} and ${max}` })
    .transform(Number)
    .pipe(z.number().int().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`));

export const ConfigSchema = z.object({
  /** A SQLite file path, or a postgres:// / postgresql:// URL (several instances on one database). */
  BRIEFBOT_DATABASE: z
    .string()
    .min(1)
    .refine((v) => !/^postgres(ql)?:\/\//i.test(v.trim()) || URL.canParse(v.trim()), {
      error: "BRIEFBOT_DATABASE looks like a PostgreSQL URL but cannot be parsed",
    })
    .default("./data/briefbot.db"),
  /** PostgreSQL only: connections per instance; 10 covers 8 feed fetches plus commands and digests. */
  BRIEFBOT_DB_POOL_SIZE: int("BRIEFBOT_DB_POOL_SIZE", 1, 200).default(10),
  /** PostgreSQL only: a statement running longer is cancelled (ms; 0 turns the limit off). */
  BRIEFBOT_DB_STATEMENT_TIMEOUT_MS: int("BRIEFBOT_DB_STATEMENT_TIMEOUT_MS", 0, 3_600_000).default(30_000),
  /** How often `serve` asks which feeds are due (ms); feeds keep their own intervals. */
  BRIEFBOT_POLL_TICK_MS: int("BRIEFBOT_POLL_TICK_MS", 100, 3_600_000).default(15_000),
  /** How long a feed fetch is leased to one instance (ms): longer than any fetch, short enough to hand over. */
  BRIEFBOT_FEED_LEASE_MS: int("BRIEFBOT_FEED_LEASE_MS", 1_000, 3_600_000).default(300_000),
  /** How often the digest timer runs a pass (ms); unset: once a minute, at second 0. For tests and operators. */
  BRIEFBOT_DIGEST_TICK_MS: int("BRIEFBOT_DIGEST_TICK_MS", 100, 60_000).optional(),
  /** How long a digest slot's claim keeps other instances off (ms); default 5 minutes. */
  BRIEFBOT_DIGEST_LEASE_MS: int("BRIEFBOT_DIGEST_LEASE_MS", 1_000, 3_600_000).optional(),
  BRIEFBOT_RETENTION_DAYS: int("BRIEFBOT_RETENTION_DAYS", 1, 3650).default(90),
  BRIEFBOT_REFRESH_MINUTES: int("BRIEFBOT_REFRESH_MINUTES", 2, 1440).default(15),
  BRIEFBOT_MAX_FAILURES: int("BRIEFBOT_MAX_FAILURES", 1, 1000).default(10),
  BRIEFBOT_ALLOW_PRIVATE_FEEDS: bool("BRIEFBOT_ALLOW_PRIVATE_FEEDS").default(false),
  BRIEFBOT_USER_AGENT: z.string().min(1).optional(),
  /** Pause between two article-page requests to one host (ms): politeness towards news sites. */
  BRIEFBOT_FULLTEXT_HOST_DELAY_MS: int("BRIEFBOT_FULLTEXT_HOST_DELAY_MS", 0, 60_000).default(1000),
  /** Article-page hosts fetched at once by the full-text queue (each host one request at a time). */
  BRIEFBOT_FULLTEXT_CONCURRENCY: int("BRIEFBOT_FULLTEXT_CONCURRENCY", 1, 64).default(4),
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-/, { error: "SLACK_BOT_TOKEN must be a bot token starting with xoxb-" })
    .optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, { error: "SLACK_APP_TOKEN must be an app-level token starting with xapp-" })
    .optional(),
  SLACK_API_URL: z.url({ error: "SLACK_API_URL must be a URL such as https://slack.com/api/" }).optional(),
  BRIEFBOT_SLACK_ADMINS: z
    .string()
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .optional(),
  PORT: int("PORT", 1, 65535).default(3000),
  DISCORD_TOKEN: z.string().min(1).optional(),
  DISCORD_APPLICATION_ID: z
    .string()
    .regex(/^\d+$/, { error: "DISCORD_APPLICATION_ID must be the numeric application id" })
    .optional(),
  DISCORD_API_URL: z.url({ error: "DISCORD_API_URL must be a URL such as https://discord.com/api" }).optional(),
  BRIEFBOT_DIGEST_GRACE_MINUTES: int("BRIEFBOT_DIGEST_GRACE_MINUTES", 1, 1440).default(120),
  BRIEFBOT_DIGEST_OUTBOX: z.string().min(1).optional(),
  BRIEFBOT_LOG_LEVEL: z
    .enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"], {
      error: "BRIEFBOT_LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent",
    })
    .default("info"),
});

export type Config = z.infer<typeof ConfigSchema>;

export { ConfigError };

const FIXES: Record<string, string> = {
  BRIEFBOT_DATABASE:
    "set it to a file path such as ./data/briefbot.db, or a URL such as postgres://briefbot@db/briefbot",
  BRIEFBOT_DB_POOL_SIZE: "for example BRIEFBOT_DB_POOL_SIZE=10",
  BRIEFBOT_DB_STATEMENT_TIMEOUT_MS: "for example BRIEFBOT_DB_STATEMENT_TIMEOUT_MS=30000 (0 turns it off)",
  BRIEFBOT_POLL_TICK_MS: "for example BRIEFBOT_POLL_TICK_MS=15000",
  BRIEFBOT_FEED_LEASE_MS: "for example BRIEFBOT_FEED_LEASE_MS=300000",
  BRIEFBOT_DIGEST_TICK_MS: "leave it unset for one pass a minute",
  BRIEFBOT_DIGEST_LEASE_MS: "leave it unset for 5 minutes",
  BRIEFBOT_RETENTION_DAYS: "for example BRIEFBOT_RETENTION_DAYS=90",
  BRIEFBOT_REFRESH_MINUTES: "for example BRIEFBOT_REFRESH_MINUTES=15",
  BRIEFBOT_MAX_FAILURES: "for example BRIEFBOT_MAX_FAILURES=10",
  BRIEFBOT_ALLOW_PRIVATE_FEEDS: "use BRIEFBOT_ALLOW_PRIVATE_FEEDS=true or false",
  BRIEFBOT_LOG_LEVEL: "for example BRIEFBOT_LOG_LEVEL=info",
  BRIEFBOT_FULLTEXT_HOST_DELAY_MS: "for example BRIEFBOT_FULLTEXT_HOST_DELAY_MS=1000 (0 only for tests)",
  BRIEFBOT_FULLTEXT_CONCURRENCY: "for example BRIEFBOT_FULLTEXT_CONCURRENCY=4",
  SLACK_BOT_TOKEN: "copy the Bot User OAuth Token from your Slack app's OAuth & Permissions page",
  SLACK_APP_TOKEN: "create an app-level token with connections:write under Basic Information",
  SLACK_API_URL: "leave it unset to use Slack itself",
  PORT: "for example PORT=3000",
  BRIEFBOT_DIGEST_GRACE_MINUTES: "for example BRIEFBOT_DIGEST_GRACE_MINUTES=120",
  DISCORD_APPLICATION_ID: "copy it from the Discord developer portal's General Information page",
  DISCORD_API_URL: "leave it unset to use Discord itself",
};

/** Parses an environment (values are `unknown` until zod says otherwise); throws ConfigError listing every problem. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty value means "unset": `.env.example` copies leave many variables blank.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = ConfigSchema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const fix = FIXES[name];
    // Never echo a secret back into a terminal or a log.
    // A database URL may carry a password.
    const secret = /TOKEN|SECRET/.test(name) || (name === "BRIEFBOT_DATABASE" && /:\/\//.test(present[name] ?? ""));
    const shown = secret ? "(hidden)" : JSON.stringify(present[name] ?? "");
    return `${name}=${shown}: ${issue.message}${fix ? ` (${fix}; see .env.example)` : ""}`;
  });
  throw new ConfigError(problems);
}

export { loadDotEnv } from "./load-dot-env.js";
