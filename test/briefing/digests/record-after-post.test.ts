// The record of a successful post is stored apart from the post: a ledger write that fails after the
// platform took the digest (a SQLite write lock held past the busy timeout by another connection; a
// PostgreSQL row lock held by another session past the statement timeout) is tried again until it
// lands, and the digest is never posted a second time.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { type DigestRunDeps, runDueDigests } from "../../../src/briefing/digests/run-due-digests.js";
import type { Publisher } from "../../../src/briefing/ports.js";
import { openPostgresStore } from "../../../src/store/postgres/open-postgres-store.js";
import { openSqliteStore } from "../../../src/store/sqlite/open-sqlite-store.js";
import { postgresTestDatabase } from "../../support/postgres-test-database.js";
import { RecordingPublisher } from "../../support/recording-publisher.js";
import { silentLogger, TEST_STORE_OPTIONS } from "../../support/store-factories.js";
import { seedVolcanoStory } from "../../support/test-records.js";

const MINUTE = 60_000;
const SLOT = Date.UTC(2026, 0, 14, 7, 30);
const CHANNEL = { platform: "slack", workspaceId: "T1", channelId: "C1" } as const;

type Ports = Pick<DigestRunDeps, "articles" | "feeds" | "events" | "schedules" | "deliveries">;

/** A lock on the ledger that another connection takes when the platform has accepted the post. */
interface Blocker {
  lock(): Promise<void>;
  unlock(): Promise<void>;
}

async function seed(store: Ports): Promise<number> {
  await seedVolcanoStory(store, SLOT - 3 * 60 * MINUTE);
  const schedule = await store.schedules.addSchedule({
    target: CHANNEL,
    createdBy: "U1",
    minuteOfDay: 7 * 60 + 30,
    days: [0, 1, 2, 3, 4, 5, 6],
    timeZone: "UTC",
    topic: null,
    maxStories: 5,
    quiet: true,
    createdAt: SLOT - 24 * 60 * MINUTE,
    activeFrom: SLOT - 24 * 60 * MINUTE,
  });
  return schedule.id;
}

async function postWhileTheLedgerIsLocked(store: Ports, blocker: Blocker): Promise<void> {
  const scheduleId = await seed(store);
  const recording = new RecordingPublisher();
  let locked = false;
  // The platform takes the post; right then another connection takes the ledger's lock.
  const publisher: Publisher = {
    async publish(target, card, delivery) {
      const result = await recording.publish(target, card, delivery);
      await blocker.lock();
      locked = true;
      return result;
    },
    announce: (target, announcement) => recording.announce(target, announcement),
  };
  let waits = 0;
  let now = SLOT + 20_000;
  const deps = (): DigestRunDeps => ({
    ...store,
    publisher,
    clock: { now: () => now },
    logger: silentLogger,
    newClaimToken: () => `token-${now}`,
    // Between tries at the record: the lock goes after the second failed try.
    wait: async () => {
      waits += 1;
      if (waits === 2 && locked) {
        await blocker.unlock();
        locked = false;
      }
    },
  });

  const report = await runDueDigests(deps());
  expect(report).toMatchObject({ due: 1, posted: 1, retrying: 0, failed: 0 });
  expect(waits).toBe(2);
  expect(recording.posts).toHaveLength(1);
  expect((await store.deliveries.listSlots(scheduleId, 5))[0]).toMatchObject({ status: "posted", attempts: 1 });
  // Later passes (after any lease or retry delay) find the slot settled: nothing posts again.
  for (const later of [SLOT + 3 * MINUTE, SLOT + 10 * MINUTE]) {
    now = later;
    expect(await runDueDigests(deps())).toMatchObject({ due: 0, posted: 0 });
  }
  expect(recording.posts).toHaveLength(1);
}

describe("a digest's record after the post", () => {
  it("on SQLite: waits out another connection's write lock held past the busy timeout", async () => {
    const dir = mkdtempSync(join(tmpdir(), "briefbot-record-"));
    const file = join(dir, "record.db");
    const store = openSqliteStore(file);
    // Fails fast instead of after the default 5 s; the lock is held for longer than this.
    store.db.pragma("busy_timeout = 100");
    const other = new BetterSqlite3(file);
    try {
      await postWhileTheLedgerIsLocked(store, {
        async lock() {
          other.exec("BEGIN IMMEDIATE");
        },
        async unlock() {
          other.exec("COMMIT");
        },
      });
    } finally {
      other.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // npm run test:unit runs without a PostgreSQL server.
  describe.skipIf(!inject("postgresAvailable"))("on PostgreSQL", () => {
    const database = postgresTestDatabase();

    it("waits out a row lock held by another session past the statement timeout", async () => {
      const url = await database.url();
      // A short statement timeout: the record's UPDATE is cancelled while the row is locked.
      const store = await openPostgresStore(url, { ...TEST_STORE_OPTIONS, statementTimeoutMs: 1_000 });
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      try {
        await postWhileTheLedgerIsLocked(store, {
          async lock() {
            await other.query("BEGIN");
            await other.query("SELECT 1 FROM digest_slots FOR UPDATE");
          },
          async unlock() {
            await other.query("COMMIT");
          },
        });
      } finally {
        await other.end();
        await store.close();
      }
    });
  });
});
