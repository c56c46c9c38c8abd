// Storage faults during an ingest pass, on real databases: a full SQLite file (max_page_count), a
// write lock held by another connection past the busy timeout, and PostgreSQL going down (its port
// closed). Each stops the pass with a StorageError naming the database, and no feed is blamed:
// no failure counted, none disabled, nothing announced.
import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { HttpFeedSource } from "../../src/adapters/feeds/http-feed-source.js";
import { normalizeArticle } from "../../src/adapters/feeds/normalize-article.js";
import { GuardedFetcher } from "../../src/adapters/http/guarded-fetcher.js";
import { StorageError } from "../../src/briefing/errors.js";
import type { IngestDeps } from "../../src/briefing/feeds/ingest-feed.js";
import { pollDueFeeds } from "../../src/briefing/feeds/poll-due-feeds.js";
import { openStore } from "../../src/store/open-store.js";
import { openPostgresStore } from "../../src/store/postgres/open-postgres-store.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import type { Store } from "../../src/store/store.js";
import { type LocalHttpServer, startLocalHttpServer } from "../support/local-http-server.js";
import { postgresTestDatabase } from "../support/postgres-test-database.js";
import { silentLogger, TEST_STORE_OPTIONS } from "../support/store-factories.js";
import { plainFeed } from "../support/test-records.js";

const ORIGIN = { platform: "slack", workspaceId: "T1", channelId: "C42", userId: "U7" } as const;
const FEEDS = 10;

function rss(n: number): string {
  const items = Array.from(
    { length: 30 },
    (_, i) =>
      `<item><title>Story ${n}-${i} about the harbour</title><link>http://news.test/${n}/${i}</link><guid>${n}-${i}</guid><description>${"A long paragraph of reporting. ".repeat(40)}</description></item>`,
  ).join("");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${n}</title>${items}</channel></rss>`;
}

type Ports = Pick<Store, "feeds" | "articles" | "events">;

describe("storage faults during ingest", () => {
  let dir: string;
  let server: LocalHttpServer;
  let fetcher: GuardedFetcher;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "briefbot-faults-"));
    server = await startLocalHttpServer();
    for (let n = 0; n < FEEDS; n += 1) {
      server.route(`/feed-${n}.xml`, (_req, res) => {
        res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss(n));
      });
    }
    fetcher = new GuardedFetcher({ userAgent: "briefbot-test", allowPrivate: true, deadlineMs: 5000 });
  });

  afterEach(async () => {
    await fetcher.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function deps(ports: Ports): IngestDeps {
    return {
      ...ports,
      source: new HttpFeedSource(fetcher),
      normalize: normalizeArticle,
      clock: { now: () => Date.now() },
      random: () => 0.5,
      logger: silentLogger,
      // The setting: two failed passes disable a feed.
      policy: { refreshMinutes: 15, maxFailures: 2 },
    };
  }

  async function addFeeds(ports: Ports, count: number): Promise<void> {
    for (let n = 0; n < count; n += 1) {
      await ports.feeds.addFeed({ ...plainFeed(`${server.origin}/feed-${n}.xml`), origin: ORIGIN });
    }
  }

  /** Every feed as healthy as before the passes: no failure, no error, not disabled; no event. */
  async function expectNoFeedBlamed(ports: Ports): Promise<void> {
    const feeds = await ports.feeds.listFeeds();
    expect(feeds.map((f) => [f.consecutiveFailures, f.lastError, f.disabledReason])).toEqual(
      feeds.map(() => [0, null, null]),
    );
    expect(await ports.events.pendingEvents(100)).toEqual([]);
  }

  it("stops at a full SQLite file, naming it and the fix, and blames no feed", async () => {
    const path = join(dir, "full.db");
    const store = openSqliteStore(path);
    try {
      await addFeeds(store, FEEDS);
      // The file may not grow past its current pages: every article insert hits SQLITE_FULL, while
      // the small updates of a feed's row still fit (so, unfixed, the feeds were blamed and disabled).
      const pages = store.db.pragma("page_count", { simple: true }) as number;
      store.db.pragma(`max_page_count = ${pages}`);
      for (let pass = 0; pass < 2; pass += 1) {
        const error = await pollDueFeeds(deps(store), { concurrency: 4, limit: 100 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StorageError);
        expect(error).toMatchObject({ code: "full" });
        expect((error as Error).message).toContain(path);
        expect((error as Error).message).toMatch(/Free some space/);
      }
      store.db.pragma("max_page_count = 1073741823");
      await expectNoFeedBlamed(store);
    } finally {
      store.close();
    }
  });

  it("stops when another connection holds the write lock past the busy timeout, and blames no feed", async () => {
    const path = join(dir, "locked.db");
    const store = openSqliteStore(path);
    const other = new BetterSqlite3(path);
    try {
      await addFeeds(store, 1);
      other.exec("BEGIN IMMEDIATE");
      const error = await pollDueFeeds(deps(store), { concurrency: 1, limit: 10 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageError);
      expect(error).toMatchObject({ code: "locked" });
      expect((error as Error).message).toContain(path);
      expect((error as Error).message).toMatch(/locked by another process for more than 5 s/);
      other.exec("ROLLBACK");
      await expectNoFeedBlamed(store);
    } finally {
      other.close();
      store.close();
    }
  });

  // npm run test:unit runs without a PostgreSQL server.
  describe.skipIf(!inject("postgresAvailable"))("on PostgreSQL", () => {
    const database = postgresTestDatabase();

    it("stops when the server goes away (its port closed), and blames no feed", async () => {
      const target = new URL(await database.url());
      // A forwarder to the real server: closing it is the server going down for this store.
      const sockets = new Set<Socket>();
      const forwarder: Server = createServer((socket) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        sockets.add(socket).add(upstream);
        socket.pipe(upstream).pipe(socket);
        socket.on("error", () => upstream.destroy());
        upstream.on("error", () => socket.destroy());
      });
      await new Promise<void>((r) => forwarder.listen(0, "127.0.0.1", () => r()));
      const address = forwarder.address();
      const url = new URL(target);
      url.host = `127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
      url.searchParams.set("password", "never-printed");
      const store = await openStore(url.toString(), TEST_STORE_OPTIONS);
      const direct = await openStore(target.toString(), TEST_STORE_OPTIONS);
      try {
        await addFeeds(store, FEEDS);
        await new Promise<void>((r) => {
          forwarder.close(() => r());
          for (const socket of sockets) socket.destroy();
        });
        for (let pass = 0; pass < 2; pass += 1) {
          const error = await pollDueFeeds(deps(store), { concurrency: 4, limit: 100 }).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(StorageError);
          expect(error).toMatchObject({ code: "unavailable" });
          expect((error as Error).message).toMatch(/PostgreSQL at postgres:\/\/.*password=\*\*\*.* is not answering/);
          expect((error as Error).message).not.toContain("never-printed");
        }
        await expectNoFeedBlamed(direct);
      } finally {
        await store.close().catch(() => {});
        await direct.close();
      }
    });
  });
});

describe("a PostgreSQL password in the URL", () => {
  it("is printed in no retry log line and not in the final error, in the user info or a query parameter", async () => {
    const logged: string[] = [];
    const record = (context: Record<string, unknown>, message: string) => logged.push(JSON.stringify(context), message);
    const error = await openPostgresStore(
      "postgres://bot:userinfo-secret@127.0.0.1:1/none?sslmode=disable&Password=query-secret",
      {
        ...TEST_STORE_OPTIONS,
        logger: { debug: record, info: record, warn: record, error: record },
        connectWaitMs: 1_500,
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(logged.length).toBeGreaterThan(0);
    const printed = [...logged, String(error)].join("\n");
    expect(printed).toContain("postgres://bot:***@127.0.0.1:1/none?sslmode=disable&Password=***");
    expect(printed).not.toMatch(/userinfo-secret|query-secret/);
  });
});
