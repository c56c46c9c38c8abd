// Opens the briefbot store on a PostgreSQL server: waits for a server that is down (backoff, one
// clear log line per try, never a crash loop), migrates under an advisory lock, and builds the
// port implementations on one pool. The composition root calls this once per process.
import pg from "pg";
import { StorageError } from "../../briefing/errors.js";
import type { Logger } from "../../briefing/ports.js";
import { redactDatabaseUrl, type Store } from "../store.js";
import { translateStoreErrors } from "../translate-store-errors.js";
import { PostgresAlertLedger } from "./postgres-alert-ledger.js";
import { PostgresArticleStore } from "./postgres-article-store.js";
import { PostgresDeliveryLedger } from "./postgres-delivery-ledger.js";
import { PostgresEventStore } from "./postgres-event-store.js";
import { PostgresFeedStore } from "./postgres-feed-store.js";
import { PostgresLeadership } from "./postgres-leadership.js";
import { type MigrationOutcome, migratePostgres } from "./postgres-migrations.js";
import { createPostgresPool, PG_TYPES, type PoolSettings } from "./postgres-pool.js";
import { PostgresScheduleStore } from "./postgres-schedule-store.js";
import { postgresStorageError } from "./postgres-storage-error.js";
import { PostgresStoreDump } from "./postgres-store-dump.js";
import { PostgresWatchStore } from "./postgres-watch-store.js";

export interface PostgresStore extends Store {
  readonly kind: "postgres";
  /** The pool, for diagnostics and tests; the ports are the normal way in. */
  readonly pool: pg.Pool;
  readonly migration: MigrationOutcome;
}

export interface OpenPostgresOptions extends PoolSettings {
  logger: Logger;
  /** How long to keep retrying a server that does not answer (ms); Infinity for `serve`. */
  connectWaitMs: number;
  /** Stops the waiting early (SIGTERM while the database is down). */
  signal?: AbortSignal;
}

/** First retry after 1 s, doubling to at most 30 s between tries: quick when the server is just restarting. */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/** Errors worth waiting out: the server is starting, down, unreachable or overloaded. Others are config errors. */
const TRANSIENT_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "57P03", // cannot_connect_now: the server is starting up or shutting down
  "53300", // too_many_connections
  "08006", // connection_failure
  "08001", // unable to establish connection
]);

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function isTransient(error: unknown): boolean {
  const code = errorCode(error);
  if (code !== undefined) return TRANSIENT_CODES.has(code);
  // pg's own connection timeout and a socket closed during the handshake carry no code.
  return error instanceof Error && /timeout|terminated|Connection terminated/i.test(error.message);
}

function describe(error: unknown): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/** Connects one client for the migration (no statement timeout: a migration may take a while), retrying. */
async function connectWithRetry(url: string, options: OpenPostgresOptions): Promise<pg.Client> {
  const where = redactDatabaseUrl(url);
  const started = Date.now();
  let delay = RETRY_FIRST_MS;
  for (let attempt = 1; ; attempt += 1) {
    const client = new pg.Client({
      connectionString: url,
      types: PG_TYPES,
      application_name: "briefbot migrate",
      connectionTimeoutMillis: 10_000,
    });
    // A connection that fails after connect() would otherwise emit an unhandled 'error'.
    client.on("error", () => {});
    try {
      await client.connect();
      if (attempt > 1) options.logger.info({ database: where, attempt }, "PostgreSQL is answering; continuing");
      return client;
    } catch (error) {
      await client.end().catch(() => {});
      const waited = Date.now() - started;
      if (!isTransient(error)) {
        throw new StorageError(
          "refused",
          `Cannot use PostgreSQL at ${where}: ${describe(error)}. Check BRIEFBOT_DATABASE (user, password, database name) and that the role may connect.`,
          { cause: error },
        );
      }
      if (waited + delay > options.connectWaitMs || options.signal?.aborted) {
        throw new StorageError(
          "unavailable",
          `PostgreSQL at ${where} did not answer within ${Math.round(waited / 1000)} s (${describe(error)}). Start the server or fix BRIEFBOT_DATABASE.`,
          { cause: error },
        );
      }
      options.logger.warn(
        { database: where, attempt, retryInMs: delay, reason: describe(error) },
        `PostgreSQL at ${where} is not answering (${describe(error)}); retrying in ${Math.round(delay / 1000)} s`,
      );
      await sleep(delay, options.signal);
      delay = Math.min(RETRY_MAX_MS, delay * 2);
    }
  }
}

/** Migrates the database at `url` to the latest schema (what `briefbot migrate` runs). */
export async function migratePostgresDatabase(url: string, options: OpenPostgresOptions): Promise<MigrationOutcome> {
  const client = await connectWithRetry(url, options);
  try {
    return await migratePostgres(client);
  } catch (error) {
    // A standby, a full disk or a role without CREATE is the server's fault, not a bug of ours.
    throw postgresStorageError(error, redactDatabaseUrl(url));
  } finally {
    await client.end().catch(() => {});
  }
}

export async function openPostgresStore(url: string, options: OpenPostgresOptions): Promise<PostgresStore> {
  const migration = await migratePostgresDatabase(url, options);
  if (migration.applied.length > 0) {
    options.logger.info({ from: migration.from, to: migration.to }, "PostgreSQL schema migrated");
  }
  const pool = createPostgresPool(url, options);
  // An idle pooled connection that breaks (server restart) is dropped by the pool; without this
  // listener its 'error' event would end the process.
  pool.on("error", (error) => options.logger.warn({ err: error }, "PostgreSQL connection lost; the pool reconnects"));
  let closed = false;
  const location = redactDatabaseUrl(url);
  // The server's faults (down, full, read-only, timed out) leave every port as StorageErrors.
  const translate = (error: unknown) => postgresStorageError(error, location);
  return {
    kind: "postgres",
    location,
    pool,
    migration,
    feeds: translateStoreErrors(new PostgresFeedStore(pool), translate),
    articles: translateStoreErrors(new PostgresArticleStore(pool), translate),
    events: translateStoreErrors(new PostgresEventStore(pool), translate),
    schedules: translateStoreErrors(new PostgresScheduleStore(pool), translate),
    deliveries: translateStoreErrors(new PostgresDeliveryLedger(pool), translate),
    watches: translateStoreErrors(new PostgresWatchStore(pool), translate),
    alerts: translateStoreErrors(new PostgresAlertLedger(pool), translate),
    dump: translateStoreErrors(new PostgresStoreDump(pool), translate),
    leadership: new PostgresLeadership(url, options.logger),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
