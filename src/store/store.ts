// The store as the composition root sees it: every port of the core on one database, whichever
// engine backs it (SQLite file or PostgreSQL server), plus what only operations need: a dump for
// export/import, fleet leadership for the one Discord gateway connection, and close().
import type { AlertLedger, WatchStore } from "../briefing/alerts/alert-ports.js";
import type { ArticleStore, DeliveryLedger, EventStore, FeedStore, ScheduleStore } from "../briefing/ports.js";
import { redactUrl } from "../briefing/redact-url.js";
import type { StoreDump } from "./store-dump.js";

export type StoreKind = "sqlite" | "postgres";

/**
 * Something only one process of a fleet should do at a time (hold the Discord gateway, deliver
 * the announcement outbox). `tryAcquire` never waits; a held lease ends when its process dies.
 */
export interface Leadership {
  tryAcquire(name: string): Promise<LeaderLease | null>;
}

export interface LeaderLease {
  /** Resolves when the lease is lost (the database connection broke); never rejects. */
  readonly lost: Promise<void>;
  release(): Promise<void>;
}

export interface Store {
  readonly kind: StoreKind;
  /** Where the data lives, safe to print (a PostgreSQL password is never included). */
  readonly location: string;
  feeds: FeedStore;
  articles: ArticleStore;
  events: EventStore;
  schedules: ScheduleStore;
  deliveries: DeliveryLedger;
  /** Story alerts (issue 17): watches and channel settings, and the alert ledger. */
  watches: WatchStore;
  alerts: AlertLedger;
  dump: StoreDump;
  leadership: Leadership;
  close(): Promise<void>;
}

/** True for a `postgres://` or `postgresql://` URL; anything else is a SQLite file path. */
export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//i.test(database.trim());
}

/** BRIEFBOT_DATABASE as it may be printed: a URL through redactUrl, a SQLite path as it is. */
export function redactDatabaseUrl(database: string): string {
  return isPostgresUrl(database) ? redactUrl(database) : database;
}
