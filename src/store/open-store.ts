// Opens the store BRIEFBOT_DATABASE names: a postgres:// or postgresql:// URL opens PostgreSQL
// (waiting for the server, migrating), anything else is a SQLite file (created and migrated).
import type { Logger } from "../briefing/ports.js";
import { isPostgresUrl, type Leadership, type Store } from "./store.js";

export interface OpenStoreOptions {
  logger: Logger;
  /** PostgreSQL pool size per process. */
  poolSize: number;
  /** PostgreSQL statement timeout (ms; 0: none). */
  statementTimeoutMs: number;
  /** How long to wait for a PostgreSQL server that is down (ms); `serve` waits for ever. */
  connectWaitMs: number;
  signal?: AbortSignal;
}

/** One process owns a SQLite file's chat connections: leadership is always granted. */
const SOLE_LEADER: Leadership = {
  async tryAcquire() {
    return { lost: new Promise<void>(() => {}), release: async () => {} };
  },
};

export async function openStore(database: string, options: OpenStoreOptions): Promise<Store> {
  // Each engine's driver is imported only when it is the one configured: a SQLite process need
  // not carry pg (nor a PostgreSQL one better-sqlite3), which idle `serve` would hold resident.
  if (isPostgresUrl(database)) {
    const { openPostgresStore } = await import("./postgres/open-postgres-store.js");
    return openPostgresStore(database.trim(), options);
  }
  const { openSqliteStore } = await import("./sqlite/open-sqlite-store.js");
  const sqlite = openSqliteStore(database);
  return {
    kind: "sqlite",
    location: database,
    feeds: sqlite.feeds,
    articles: sqlite.articles,
    events: sqlite.events,
    schedules: sqlite.schedules,
    deliveries: sqlite.deliveries,
    watches: sqlite.watches,
    alerts: sqlite.alerts,
    dump: sqlite.dump,
    leadership: SOLE_LEADER,
    async close() {
      sqlite.close();
    },
  };
}
