// Scratch PostgreSQL databases for the benchmarks: briefbot_bench_<random> on the local server
// (the tests' approach, test/support/postgres-test-database.ts, without vitest), dropped when the
// benchmark ends, fails or is interrupted (Ctrl-C / SIGTERM).
import { randomBytes } from "node:crypto";
import pg from "pg";

/** A maintenance database URL on the server to use; BRIEFBOT_BENCH_POSTGRES_URL overrides it. */
export function benchAdminUrl(): string {
  return (
    process.env.BRIEFBOT_BENCH_POSTGRES_URL ??
    process.env.BRIEFBOT_TEST_POSTGRES_URL ??
    "postgres://postgres@127.0.0.1:5432/postgres"
  );
}

async function adminQuery(sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: benchAdminUrl() });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `The PostgreSQL benchmarks need a server at ${benchAdminUrl()} (set BRIEFBOT_BENCH_POSTGRES_URL): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

const created = new Set<string>();

async function drop(name: string): Promise<void> {
  if (!created.delete(name)) return;
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

let handlersInstalled = false;
function dropAllOnSignal(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: dropping ${[...created].join(", ") || "nothing"}\n`);
      // The drop ends the benchmark's own connections; their errors must not end the process first.
      process.on("uncaughtException", () => {});
      void Promise.allSettled([...created].map(drop)).finally(() => process.exit(130));
    });
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  /** Drops the database (idempotent; connections still open are terminated). */
  drop(): Promise<void>;
}

/** Creates an empty database briefbot_bench_<random> on the benchmark server. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  dropAllOnSignal();
  const name = `briefbot_bench_${randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  created.add(name);
  const url = new URL(benchAdminUrl());
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => drop(name) };
}

/** Runs `work` on a fresh benchmark database and drops it afterwards, whether `work` succeeds or not. */
export async function withBenchDatabase<T>(work: (db: BenchDatabase) => Promise<T>): Promise<T> {
  const db = await createBenchDatabase();
  try {
    return await work(db);
  } finally {
    await db.drop();
  }
}

/**
 * A kept database, briefbot_bench_keep_<name> (not dropped at the end): `fresh` is true when it was
 * just created, false when an earlier run left it (the caller then skips the load). A bench run
 * that fails while loading drops it, so a half-loaded database is never reused.
 */
export async function keptBenchDatabase(name: string): Promise<BenchDatabase & { fresh: boolean }> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`kept database name ${name}: lower-case letters, digits and _ only`);
  const full = `briefbot_bench_keep_${name}`;
  const { rowCount } = await adminQuery(`SELECT 1 FROM pg_database WHERE datname = '${full}'`);
  if (rowCount === 0) await adminQuery(`CREATE DATABASE ${full}`);
  const url = new URL(benchAdminUrl());
  url.pathname = `/${full}`;
  return {
    name: full,
    url: url.toString(),
    fresh: rowCount === 0,
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${full} WITH (FORCE)`).then(() => {}),
  };
}

/** One statement on a benchmark database (VACUUM ANALYZE after a bulk load, counts for checks). */
export async function benchQuery(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The server's version and the settings that shape write and query speed, for the report. */
export async function serverDescription(): Promise<string> {
  const { rows } = await adminQuery(
    "SELECT current_setting('server_version') AS v, current_setting('shared_buffers') AS sb, current_setting('synchronous_commit') AS sc",
  );
  const row = rows[0] as { v: string; sb: string; sc: string };
  return `PostgreSQL ${row.v} (shared_buffers ${row.sb}, synchronous_commit ${row.sc})`;
}

export interface LockSampler {
  /** Stops sampling; "article-write lock: 1.8 of 2.4 active backends waiting on average (312 samples)". */
  stop(): Promise<string>;
}

/**
 * Samples pg_stat_activity every 100 ms while instances write to `db`: how many of its backends
 * are active, and how many of those wait on an advisory lock (the article-write lock), which
 * tells a run limited by that lock from one limited by the machine.
 */
export async function sampleLockWaits(db: BenchDatabase): Promise<LockSampler> {
  const client = new pg.Client({ connectionString: benchAdminUrl() });
  await client.connect();
  let samples = 0;
  let active = 0;
  let waiting = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ active: string; waiting: string }>(
        `SELECT count(*) FILTER (WHERE state = 'active') AS active,
           count(*) FILTER (WHERE state = 'active' AND wait_event_type = 'Lock' AND wait_event = 'advisory') AS waiting
         FROM pg_stat_activity WHERE datname = $1`,
        [db.name],
      );
      samples += 1;
      active += Number(rows[0]?.active ?? 0);
      waiting += Number(rows[0]?.waiting ?? 0);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop.catch(() => {});
      await client.end();
      const avg = (n: number) => (samples === 0 ? "–" : (n / samples).toFixed(2));
      return `article-write lock: ${avg(waiting)} of ${avg(active)} active backends waiting on it, on average (${samples} samples)`;
    },
  };
}
