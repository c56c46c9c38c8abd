// A PostgreSQL database of its own for one test file: created on first use as
// briefbot_test_<run>_<random> on the local server (trust auth), emptied between tests, dropped in
// afterAll; the run's global teardown drops whatever a crashed worker left behind.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";

/** The server the tests use; override with BRIEFBOT_TEST_POSTGRES_URL (a maintenance database URL). */
export function adminUrl(): string {
  return process.env.BRIEFBOT_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

/** The URL of database `name` on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl() });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `The PostgreSQL tests need a server at ${adminUrl()} (set BRIEFBOT_TEST_POSTGRES_URL, or run .ci/run, which starts it): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

const TABLES =
  "feeds, articles, events, digest_schedules, workspace_settings, digest_slots, digest_posted, " +
  "watches, alert_channels, alert_stories, alert_replies, alert_roundups, alert_outcomes";

export interface PostgresTestDatabase {
  /** Creates the database on first call; afterwards the same URL. */
  url(): Promise<string>;
  /** Empties every table and restarts ids at 1 (a fresh store, as a new SQLite file is). */
  reset(): Promise<void>;
  /** A further empty database on the same server (dropped with this one), for export/import tests. */
  another(): Promise<string>;
}

/** Registers afterAll to drop what it created; call at a test file's top level or in a describe. */
export function postgresTestDatabase(): PostgresTestDatabase {
  const run = inject("postgresRunId");
  const created: string[] = [];
  let main: Promise<string> | null = null;
  const create = async (): Promise<string> => {
    if (!inject("postgresAvailable")) {
      throw new Error(
        "This test needs PostgreSQL, which npm run test:unit runs without: list its file in NEEDS_POSTGRES_OR_EVAL_DATA in vitest.config.ts.",
      );
    }
    const name = `briefbot_test_${run}_${randomBytes(4).toString("hex")}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    created.push(name);
    return databaseUrl(name);
  };
  afterAll(async () => {
    for (const name of created) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  return {
    url() {
      main ??= create();
      return main;
    },
    async reset() {
      const url = await this.url();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const exists = await client.query("SELECT to_regclass('public.feeds') IS NOT NULL AS ok");
        if (exists.rows[0]?.ok === true) await client.query(`TRUNCATE ${TABLES} RESTART IDENTITY CASCADE`);
      } finally {
        await client.end();
      }
    },
    another: create,
  };
}
