// Opens (or creates) the briefbot SQLite database: pragmas for a long-running bot, migrations,
// and the port implementations sharing one connection. The composition root calls this once.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import BetterSqlite3, { type Database } from "better-sqlite3";
import type { AlertLedger, WatchStore } from "../../briefing/alerts/alert-ports.js";
import type { ArticleStore, DeliveryLedger, EventStore, FeedStore, ScheduleStore } from "../../briefing/ports.js";
import type { StoreDump } from "../store-dump.js";
import { translateStoreErrors } from "../translate-store-errors.js";
import { migrate } from "./migrations.js";
import { SqliteAlertLedger } from "./sqlite-alert-ledger.js";
import { SqliteArticleStore } from "./sqlite-article-store.js";
import { SqliteDeliveryLedger } from "./sqlite-delivery-ledger.js";
import { SqliteEventStore } from "./sqlite-event-store.js";
import { SqliteFeedStore } from "./sqlite-feed-store.js";
import { SqliteScheduleStore } from "./sqlite-schedule-store.js";
import { sqliteStorageError } from "./sqlite-storage-error.js";
import { SqliteStoreDump } from "./sqlite-store-dump.js";
import { SqliteWatchStore } from "./sqlite-watch-store.js";

export interface SqliteStore {
  feeds: FeedStore;
  articles: ArticleStore;
  events: EventStore;
  schedules: ScheduleStore;
  deliveries: DeliveryLedger;
  watches: WatchStore;
  alerts: AlertLedger;
  dump: StoreDump;
  /** The raw connection, for diagnostics, backups and tests; the ports are the normal way in. */
  db: Database;
  close(): void;
}

/**
 * How long a writer waits for another connection's lock before SQLITE_BUSY (ms). In one process
 * calls are serialized on one connection anyway; this is for a second process (the CLI) writing
 * while the bot ingests. A normal poll's transaction takes milliseconds; a 100k-item batch with long
 * bodies holds the lock for about 8 s here, so bulk loaders should upsert in chunks.
 */
const BUSY_TIMEOUT_MS = 5000;

/** WAL bytes after which a commit checkpoints the WAL into the database file (as pages of the file's size). */
export const WAL_CHECKPOINT_BYTES = 10_000 * 4096;

/**
 * The page size of a new file. An article row (about 2.7 KB of text) left most of a 4 KB page
 * empty, and every commit rewrites each index page it touches; with 16 KB pages ingest writes
 * fewer, fuller pages: the store's CPU for 100,000 bench articles fell about 15% and the file
 * 16% (decision 016, 2026-12-07). An existing file keeps the size it was created with (SQLite
 * cannot change it in WAL mode without a VACUUM; `briefbot export` and `import` move the data).
 */
export const NEW_FILE_PAGE_SIZE = 16_384;

/** WAL_CHECKPOINT_BYTES in pages of this connection's file (10,000 for 4 KB pages, 2,500 for 16 KB). */
export function walCheckpointPages(db: Database): number {
  const pageSize = db.pragma("page_size", { simple: true });
  return Math.round(WAL_CHECKPOINT_BYTES / (typeof pageSize === "number" && pageSize > 0 ? pageSize : 4096));
}

/** ":memory:" is private to the connection and "" is a temporary file: neither has a directory to create. */
function isInMemory(path: string): boolean {
  return path === "" || path === ":memory:";
}

/**
 * Opens the file; the file's and disk's faults (full, read-only, locked, a directory, not a
 * database) come out of opening and of every port as StorageErrors naming `path` and the fix.
 */
export function openSqliteStore(path: string): SqliteStore {
  const translate = (error: unknown) => sqliteStorageError(error, path, BUSY_TIMEOUT_MS);
  if (!isInMemory(path)) mkdirSync(dirname(resolve(path)), { recursive: true });
  let db: Database;
  try {
    db = new BetterSqlite3(path);
  } catch (error) {
    throw translate(error);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Takes effect only on a file with nothing written yet (before WAL, which fixes it).
    db.pragma(`page_size = ${NEW_FILE_PAGE_SIZE}`);
    // WAL: the digest scheduler reads while the poller writes, without blocking each other.
    db.pragma("journal_mode = WAL");
    // NORMAL is durable across application crashes in WAL mode; only a power cut can lose the last commits.
    db.pragma("synchronous = NORMAL");
    // Checkpoint every ~40 MB of WAL instead of SQLite's 4 MB: each checkpoint syncs both files and
    // copies the pages written since the last one, and ingest rewrites the same index pages many
    // times over. Measured: 100,000 articles stored in 8.1 s instead of 9.8 s. The WAL file stays
    // up to that size on disk between checkpoints. Counted in pages, so of this file's page size.
    db.pragma(`wal_autocheckpoint = ${walCheckpointPages(db)}`);
    db.pragma("foreign_keys = ON");
    migrate(db);
    return {
      feeds: translateStoreErrors(new SqliteFeedStore(db), translate),
      articles: translateStoreErrors(new SqliteArticleStore(db), translate),
      events: translateStoreErrors(new SqliteEventStore(db), translate),
      schedules: translateStoreErrors(new SqliteScheduleStore(db), translate),
      deliveries: translateStoreErrors(new SqliteDeliveryLedger(db), translate),
      watches: translateStoreErrors(new SqliteWatchStore(db), translate),
      alerts: translateStoreErrors(new SqliteAlertLedger(db), translate),
      dump: translateStoreErrors(new SqliteStoreDump(db), translate),
      db,
      close() {
        if (!db.open) return;
        try {
          // Lets SQLite refresh planner statistics it found stale during this session; cheap, and
          // only a nicety: it writes, so on a read-only file, a full disk or a file another process
          // holds locked it fails, and then it is skipped without waiting for the lock.
          db.pragma("busy_timeout = 0");
          db.pragma("optimize");
        } catch {
          // Nothing to report: the statistics are refreshed by the next session that can write.
        } finally {
          db.close();
        }
      },
    };
  } catch (error) {
    db.close();
    throw translate(error);
  }
}
