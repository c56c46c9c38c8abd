// Runs the store contract on PostgreSQL (a database of this file's own), then checks what only
// PostgreSQL has: versioned migrations under an advisory lock, the search vector and its index,
// inert rendering of hostile topics, leases across connections, and the leader lock.
import { connect, createServer } from "node:net";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { parseTopicQuery } from "../../src/briefing/briefs/topic-query.js";
import { openPostgresStore, type PostgresStore } from "../../src/store/postgres/open-postgres-store.js";
import {
  LATEST_POSTGRES_VERSION,
  migratePostgres,
  POSTGRES_MIGRATIONS,
} from "../../src/store/postgres/postgres-migrations.js";
import { countTokens, toPostgresTopicPhrases } from "../../src/store/postgres/postgres-topic-query.js";
import { postgresTestDatabase } from "../support/postgres-test-database.js";
import { TEST_STORE_OPTIONS } from "../support/store-factories.js";
import { plainArticle, plainFeed } from "../support/test-records.js";
import { describeStoreContract, HOSTILE_TOPICS } from "./store-contract.js";

const database = postgresTestDatabase();

async function open(): Promise<PostgresStore> {
  await database.reset();
  return openPostgresStore(await database.url(), TEST_STORE_OPTIONS);
}

describeStoreContract("postgres", open);

describe("openPostgresStore", () => {
  it("migrates a new database once even when several instances start at once", async () => {
    const url = await database.another();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(url, TEST_STORE_OPTIONS)));
    try {
      const applied = stores.flatMap((s) => s.migration.applied);
      expect(applied.sort()).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version).sort());
      const rows = (await stores[0]?.pool.query("SELECT version FROM schema_migrations ORDER BY version"))?.rows ?? [];
      expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it("stores big batches from several writers at once without losing one (no lock-table exhaustion)", async () => {
    // Three instances x several fetches each: per-key advisory locks (about 1,500 per 500-item
    // batch) once ran PostgreSQL out of shared lock memory here and whole feeds failed.
    const url = await database.another();
    const stores = await Promise.all(Array.from({ length: 3 }, () => openPostgresStore(url, TEST_STORE_OPTIONS)));
    try {
      const feeds = await Promise.all(
        Array.from({ length: 9 }, (_, f) => stores[0]?.feeds.addFeed(plainFeed(`https://w${f}.example/rss`))),
      );
      const batch = (f: number) =>
        Array.from({ length: 500 }, (_, i) => ({
          url: `https://w${f}.example/a/${i}`,
          guid: `g${i}`,
          title: `Writer ${f} item ${i}`,
          author: null,
          publishedAt: i,
          publishedAtEstimated: false,
          fetchedAt: i,
          summary: null,
          text: `Text of item ${i} from writer ${f}.`,
          contentHash: `h-${f}-${i}`,
          language: null,
        }));
      const results = await Promise.all(
        feeds.map((feed, f) => stores[f % 3]?.articles.upsertArticles(feed?.id ?? 0, batch(f), { backlog: false })),
      );
      expect(results.map((r) => r?.inserted)).toEqual(Array(9).fill(500));
      expect(await stores[1]?.articles.countArticles()).toBe(4500);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it("re-opening is a no-op and keeps the data", async () => {
    const first = await open();
    const feed = await first.feeds.addFeed(plainFeed("https://keep.example/"));
    await first.close();
    await first.close(); // closing twice is harmless
    const second = await openPostgresStore(await database.url(), TEST_STORE_OPTIONS);
    try {
      expect(second.migration.applied).toEqual([]);
      expect(second.migration.to).toBe(LATEST_POSTGRES_VERSION);
      expect(await second.feeds.getFeed(feed.id)).toEqual(feed);
    } finally {
      await second.close();
    }
  });

  it("applies each migration in a transaction: a failing step leaves the previous version intact", async () => {
    const url = await database.another();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const broken = [
        ...POSTGRES_MIGRATIONS,
        {
          version: LATEST_POSTGRES_VERSION + 1,
          name: "broken",
          up: "CREATE TABLE half_done (x int); SELECT nope FROM missing;",
        },
      ];
      await expect(migratePostgres(client, broken)).rejects.toThrow(/migration \d+ \(broken\) failed: .*missing/);
      const { rows } = await client.query(
        "SELECT max(version) AS v, to_regclass('half_done') AS t FROM schema_migrations",
      );
      expect(rows[0]).toEqual({ v: LATEST_POSTGRES_VERSION, t: null });
    } finally {
      await client.end();
    }
  });

  it("refuses a database migrated by a newer briefbot, naming the fix", async () => {
    const url = await database.another();
    const store = await openPostgresStore(url, TEST_STORE_OPTIONS);
    await store.pool.query("INSERT INTO schema_migrations (version, name) VALUES ($1, 'from the future')", [
      LATEST_POSTGRES_VERSION + 1,
    ]);
    await store.close();
    await expect(openPostgresStore(url, TEST_STORE_OPTIONS)).rejects.toThrow(
      /newer than this briefbot.*upgrade briefbot/s,
    );
  });

  it("says what is wrong when the database does not exist, without retrying or printing a password", async () => {
    const url = new URL(await database.url());
    url.pathname = "/briefbot_no_such_database";
    url.password = "s3cret";
    const error = await openPostgresStore(url.toString(), TEST_STORE_OPTIONS).catch((e: unknown) => e);
    expect(String(error)).toMatch(/Cannot use PostgreSQL at .*briefbot_no_such_database.*Check BRIEFBOT_DATABASE/);
    expect(String(error)).not.toContain("s3cret");
  });

  it("gives up on a server that does not answer after the configured wait, saying so", async () => {
    const warnings: string[] = [];
    const logger = { ...TEST_STORE_OPTIONS.logger, warn: (_: unknown, message: string) => warnings.push(message) };
    const error = await openPostgresStore("postgres://postgres@127.0.0.1:1/none", {
      ...TEST_STORE_OPTIONS,
      logger,
      connectWaitMs: 2_500,
    }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/did not answer within \d+ s .*ECONNREFUSED/);
    expect(warnings[0]).toMatch(
      /PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/none is not answering .*retrying in 1 s/,
    );
    // Bounded work: one retry after 1 s, then it gives up, as the next wait (2 s) would pass 2.5 s.
    expect(warnings).toHaveLength(1);
  });

  it("waits for a server that is down at start-up, then proceeds once it answers", async () => {
    // A port that refuses connections until a forwarder to the real server starts listening on it.
    const target = new URL(await database.url());
    const port = await new Promise<number>((resolvePort) => {
      const probe = createServer();
      probe.listen(0, "127.0.0.1", () => {
        const address = probe.address();
        probe.close(() => resolvePort(typeof address === "object" && address ? address.port : 0));
      });
    });
    const forwarder = createServer((socket) => {
      const upstream = connect(Number(target.port || 5432), target.hostname);
      socket.pipe(upstream).pipe(socket);
      socket.on("error", () => upstream.destroy());
      upstream.on("error", () => socket.destroy());
    });
    const warnings: string[] = [];
    const infos: string[] = [];
    const logger = {
      ...TEST_STORE_OPTIONS.logger,
      warn: (_: unknown, message: string) => warnings.push(message),
      info: (_: unknown, message: string) => infos.push(message),
    };
    const url = new URL(target);
    url.host = `127.0.0.1:${port}`;
    const opening = openPostgresStore(url.toString(), { ...TEST_STORE_OPTIONS, logger, connectWaitMs: 60_000 });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(warnings[0]).toMatch(/is not answering \(.*ECONNREFUSED.*\); retrying in 1 s/);
    await new Promise<void>((r) => forwarder.listen(port, "127.0.0.1", () => r()));
    const store = await opening;
    try {
      expect(infos).toContain("PostgreSQL is answering; continuing");
      expect(await store.feeds.listFeeds()).toBeInstanceOf(Array);
    } finally {
      await store.close();
      await new Promise<void>((r) => forwarder.close(() => r()));
    }
  });

  it("indexes a weighted vector with a GIN index and folds accents", async () => {
    const store = await open();
    try {
      const { rows } = await store.pool.query(
        "SELECT indexdef FROM pg_indexes WHERE tablename = 'articles' AND indexname = 'articles_search'",
      );
      expect(rows[0]?.indexdef).toMatch(/USING gin \(search\)/);
      const vector = await store.pool.query(
        "SELECT (setweight(to_tsvector('briefbot', 'México'), 'A'))::text AS v, to_tsvector('briefbot', 'the talks') AS w",
      );
      expect(vector.rows[0]).toEqual({ v: "'mexico':1A", w: "'talk':2 'the':1" });
    } finally {
      await store.close();
    }
  });

  it("keeps every row's search vector equal to its title and text, whoever wrote it and how", async () => {
    const store = await open();
    try {
      const feed = await store.feeds.addFeed(plainFeed("https://v.example/rss"));
      const item = (i: number, text: string, overrides: { url?: string; contentHash?: string } = {}) =>
        plainArticle("v.example", `${i}`, text, { publishedAt: i, ...overrides });
      const stale = () =>
        store.pool.query<{ id: number }>(
          "SELECT id FROM articles WHERE search IS DISTINCT FROM briefbot_article_vector(title, text)",
        );
      // Bulk insert with vectors computed before the lock, and items that share a key (one at a time).
      await store.articles.upsertArticles(
        feed.id,
        [
          item(1, "The ferry sailed."),
          item(2, "Lighthouse news."),
          item(3, "Same link.", { url: "https://v.example/a/2" }),
          item(4, "Left as it is."),
        ],
        { backlog: false },
      );
      // An update in bulk (the text changes), an insert without a vector (plain SQL), an extraction.
      await store.articles.upsertArticles(feed.id, [item(1, "The ferry sank.", { contentHash: "h1b" })], {
        backlog: false,
      });
      await store.pool.query(
        "INSERT INTO articles (feed_id, title, text, content_hash, published_at, published_at_estimated, fetched_at, backlog) VALUES ($1, 'Raw row', 'Inserted by hand', 'raw', 0, false, 0, false)",
        [feed.id],
      );
      const [first] = await store.articles.recentArticles({ limit: 1, until: 2 });
      await store.articles.recordExtraction(first?.id ?? 0, {
        kind: "extracted",
        page: {
          text: "The whole page about the ferry.",
          byline: null,
          imageUrl: null,
          canonicalUrl: null,
          language: null,
        },
      });
      expect((await stale()).rows).toEqual([]);
      expect(await store.articles.countArticles()).toBe(4);
      const found = await store.articles.searchArticles(parseTopicQuery("sank"), { limit: 5 });
      expect(found.map((s) => s.article.title)).toEqual([]);
      const page = await store.articles.searchArticles(parseTopicQuery("whole page"), { limit: 5 });
      expect(page.map((s) => s.article.title)).toEqual(["Story 1"]);
      const raw = await store.articles.searchArticles(parseTopicQuery("by hand"), { limit: 5 });
      expect(raw.map((s) => s.article.title)).toEqual(["Raw row"]);
    } finally {
      await store.close();
    }
  });

  it("keeps bm25's corpus totals equal to the table through inserts, updates, deletes and compaction", async () => {
    const store = await open();
    try {
      const totals = async () =>
        (
          await store.pool.query<{ kept: string; counted: string }>(
            `SELECT (SELECT sum(articles) || '/' || sum(tokens) FROM article_totals) AS kept,
               (SELECT count(*) || '/' || coalesce(sum(token_count), 0) FROM articles) AS counted`,
          )
        ).rows[0];
      const kept = await store.feeds.addFeed(plainFeed("https://t.example/kept"));
      const gone = await store.feeds.addFeed(plainFeed("https://t.example/gone"));
      const article = (i: number, text: string, publishedAt = 10) =>
        plainArticle("t.example", `${i}`, text, { publishedAt, wantsFullText: true });
      await store.articles.upsertArticles(kept.id, [article(1, "one two"), article(2, "one", 1)], { backlog: false });
      await store.articles.upsertArticles(gone.id, [article(3, "a b c d")], { backlog: false });
      expect((await totals())?.kept).toBe("3/13");
      // An update that changes the text's length, and an extraction that replaces it.
      await store.articles.upsertArticles(kept.id, [{ ...article(1, "one two three four"), contentHash: "t1b" }], {
        backlog: false,
      });
      const [first] = await store.articles.claimArticlesNeedingText(100, 1, 200);
      await store.articles.recordExtraction(first?.id ?? 0, {
        kind: "extracted",
        page: { text: "the whole page text", byline: null, imageUrl: null, canonicalUrl: null, language: null },
      });
      let now = await totals();
      expect(now?.kept).toBe(now?.counted);
      // Removing a feed (its articles go by cascade), pruning, and folding the totals into one row.
      await store.feeds.removeFeed(gone.id);
      expect(await store.articles.pruneArticles(5)).toBe(1);
      now = await totals();
      expect(now?.kept).toBe(now?.counted);
      expect(now?.counted).toMatch(/^1\//);
      const rows = await store.pool.query("SELECT count(*)::int AS n FROM article_totals");
      expect(rows.rows[0]?.n).toBe(1);
      // An operator's TRUNCATE (no row triggers fire) starts the totals over.
      await store.pool.query("TRUNCATE feeds CASCADE");
      expect((await totals())?.kept).toBe("0/0");
    } finally {
      await store.close();
    }
  });

  it("scores bm25 with the window's own document counts, the store's average length, title words 10 and text 1", async () => {
    const store = await open();
    try {
      const feed = await store.feeds.addFeed(plainFeed("https://w.example/rss"));
      const at = (publishedAt: number) => (title: string, text: string, i: number) =>
        plainArticle("w.example", `${publishedAt}-${i}`, text, { title, publishedAt });
      const inWindow = [
        ["Harbour strike", "The strike closed the harbour. Strike talks failed."],
        ["Ferry news", "A strike is planned at the harbour gates."],
        ["Dock workers", "A strike, a strike and another strike."],
        ...Array.from({ length: 10 }, (_, i) => [`Weather ${i}`, "Sunny all week, with light winds."]),
      ].map(([title, text], i) => at(100)(title ?? "", text ?? "", i));
      // Outside the window: more strikes, which all-time counts would see and window counts must not.
      const before = Array.from({ length: 6 }, (_, i) => at(10)(`Old strike ${i}`, "A strike at the mine.", i));
      await store.articles.upsertArticles(feed.id, [...inWindow, ...before], { backlog: false });

      const all = [...inWindow, ...before];
      const length = (a: { title: string; text: string }) => countTokens(a.title, a.text);
      const avgdl = all.reduce((n, a) => n + length(a), 0) / all.length;
      const count = (s: string, word: RegExp) => (s.match(word) ?? []).length;
      const bm25 = (
        article: { title: string; text: string },
        docs: typeof all,
        words = [/\bharbour\b/gi, /\bstrike\b/gi],
      ) =>
        words.reduce((sum, word) => {
          const hits = docs.filter((d) => count(`${d.title} ${d.text}`, word) > 0).length;
          const idf = Math.max(Math.log((docs.length - hits + 0.5) / (hits + 0.5)), 1e-6);
          const f = 10 * count(article.title, word) + count(article.text, word);
          return sum + (idf * f * 2.2) / (f + 1.2 * (0.25 + 0.75 * (length(article) / avgdl)));
        }, 0);
      const query = { ...parseTopicQuery("harbour strike"), match: "any" as const };
      const expected = (docs: typeof all) =>
        docs
          .filter((d) => /harbour|strike/i.test(`${d.title} ${d.text}`))
          .map((d) => [d.title, bm25(d, docs)] as const)
          .sort((x, y) => y[1] - x[1]);

      const windowed = await store.articles.searchArticles(query, { since: 50, limit: 20 });
      const want = expected(inWindow);
      expect(windowed.map((s) => s.article.title)).toEqual(want.map(([title]) => title));
      for (const [i, s] of windowed.entries()) expect(s.relevance).toBeCloseTo(want[i]?.[1] ?? Number.NaN, 9);
      // With no window, the counts are the whole store's.
      const whole = await store.articles.searchArticles(query, { limit: 20 });
      const wantAll = new Map(expected(all));
      expect(whole).toHaveLength(wantAll.size);
      for (const s of whole) expect(s.relevance).toBeCloseTo(wantAll.get(s.article.title) ?? Number.NaN, 9);

      // A topic of one phrase counts its window matches duplicates included (as a phrase among
      // several is counted), and still returns no duplicate.
      const ids = new Map((await store.articles.recentArticles({ limit: 50 })).map((a) => [a.title, a.id]));
      await store.pool.query("UPDATE articles SET duplicate_of = $1 WHERE id = $2", [
        ids.get("Harbour strike"),
        ids.get("Dock workers"),
      ]);
      const one = await store.articles.searchArticles(parseTopicQuery("strike"), { since: 50, limit: 20 });
      const wantOne = inWindow
        .filter((d) => /strike/i.test(`${d.title} ${d.text}`) && d.title !== "Dock workers")
        .map((d) => [d.title, bm25(d, inWindow, [/\bstrike\b/gi])] as const)
        .sort((x, y) => y[1] - x[1]);
      expect(one.map((s) => s.article.title)).toEqual(wantOne.map(([title]) => title));
      for (const [i, s] of one.entries()) expect(s.relevance).toBeCloseTo(wantOne[i]?.[1] ?? Number.NaN, 9);
    } finally {
      await store.close();
    }
  });

  it("keeps clustering features in their own table: the article row is never rewritten to store them", async () => {
    const store = await open();
    try {
      const feed = await store.feeds.addFeed(plainFeed("https://f.example/rss"));
      await store.articles.upsertArticles(feed.id, [plainArticle("f.example", "1", "Lava reached the sea.")], {
        backlog: false,
      });
      const [article] = await store.articles.recentArticles({ limit: 10 });
      if (article === undefined) throw new Error("no article");
      const version = async () =>
        (await store.pool.query("SELECT ctid::text, xmin::text FROM articles WHERE id = $1", [article.id])).rows[0];
      const before = await version();
      const features = (text: string) => ({ id: article.id, title: article.title, text, features: `f:${text}` });
      // The same article twice in one call: the last is kept (one statement may not touch a row twice).
      await store.articles.saveArticleFeatures([features("stale"), features(article.text)]);
      expect(await version()).toEqual(before);
      const stored = await store.pool.query("SELECT article_id::int AS id, features FROM article_features");
      expect(stored.rows).toEqual([{ id: article.id, features: `f:${article.text}` }]);
      // Pruning the article takes its features with it.
      await store.articles.pruneArticles(Number.MAX_SAFE_INTEGER);
      expect((await store.pool.query("SELECT count(*)::int AS n FROM article_features")).rows[0]).toEqual({ n: 0 });
    } finally {
      await store.close();
    }
  });

  it("never keeps features of a text that another transaction is replacing at that moment", async () => {
    const store = await open();
    const other = await store.pool.connect();
    try {
      const feed = await store.feeds.addFeed(plainFeed("https://g.example/rss"));
      await store.articles.upsertArticles(feed.id, [plainArticle("g.example", "1", "The old text.")], {
        backlog: false,
      });
      const [article] = await store.articles.recentArticles({ limit: 10 });
      if (article === undefined) throw new Error("no article");
      // A page's text being committed by another instance while a brief saves the old text's features.
      await other.query("BEGIN");
      await other.query("UPDATE articles SET text = 'The page text.' WHERE id = $1", [article.id]);
      const saving = store.articles.saveArticleFeatures([
        { id: article.id, title: article.title, text: article.text, features: "old" },
      ]);
      // The save waits on the other transaction's row lock (polled, not timed).
      for (;;) {
        const { rows } = await other.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        if (rows[0]?.n === 1) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await other.query("COMMIT");
      await saving;
      expect((await store.pool.query("SELECT count(*)::int AS n FROM article_features")).rows[0]).toEqual({ n: 0 });
    } finally {
      other.release();
      await store.close();
    }
  }, 10_000);

  it("moves features stored in articles (migration 10) into article_features (migration 12)", async () => {
    const url = await database.another();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await migratePostgres(
        client,
        POSTGRES_MIGRATIONS.filter((m) => m.version <= 11),
      );
      await client.query("INSERT INTO feeds (url, created_at, next_fetch_at, refresh_minutes) VALUES ('u', 0, 0, 30)");
      await client.query(
        `INSERT INTO articles (feed_id, title, published_at, published_at_estimated, fetched_at, text, content_hash,
           backlog, features)
         SELECT f.id, 't' || n, n, false, 0, 'text', 'h' || n, false, CASE WHEN n = 1 THEN 'kept' END
         FROM feeds f, generate_series(1, 2) n`,
      );
      await migratePostgres(client);
      const { rows } = await client.query(
        "SELECT a.title, f.features FROM articles a LEFT JOIN article_features f ON f.article_id = a.id ORDER BY a.id",
      );
      expect(rows).toEqual([
        { title: "t1", features: "kept" },
        { title: "t2", features: null },
      ]);
      // A change of text clears them (the trigger); any other change leaves them.
      await client.query("UPDATE articles SET author = 'x' WHERE title = 't1'");
      expect((await client.query("SELECT count(*)::int AS n FROM article_features")).rows[0]).toEqual({ n: 1 });
      await client.query("UPDATE articles SET text = 'other' WHERE title = 't1'");
      expect((await client.query("SELECT count(*)::int AS n FROM article_features")).rows[0]).toEqual({ n: 0 });
    } finally {
      await client.end();
    }
  });

  it("claims past articles another instance is claiming at this moment, without waiting for it", async () => {
    const store = await open();
    const other = await store.pool.connect();
    try {
      const feed = await store.feeds.addFeed(plainFeed("https://c.example/rss"));
      const teaser = (i: number) =>
        plainArticle("c.example", `${i}`, "Read more…", { publishedAt: i, fetchedAt: i, wantsFullText: true });
      await store.articles.upsertArticles(feed.id, [teaser(1), teaser(2), teaser(3)], { backlog: false });
      const ids = (await store.articles.articlesNeedingText(100, 10)).map((a) => a.id);
      // Another instance's claim in flight: it holds the first article's row lock until it commits.
      await other.query("BEGIN");
      await other.query("SELECT id FROM articles WHERE id = $1 FOR UPDATE", [ids[0]]);
      const claimed = await store.articles.claimArticlesNeedingText(100, 10, 1_000);
      expect(claimed.map((a) => a.id)).toEqual(ids.slice(1));
      await other.query("ROLLBACK");
      expect((await store.articles.claimArticlesNeedingText(100, 10, 1_000)).map((a) => a.id)).toEqual([ids[0]]);
    } finally {
      other.release();
      await store.close();
    }
  }, 10_000);

  it("leases each due feed to exactly one of several instances leasing at once", async () => {
    const store = await open();
    const stores: PostgresStore[] = [];
    try {
      for (let i = 0; i < 20; i += 1) {
        await store.feeds.addFeed(plainFeed(`https://lease-${i}.example/`));
      }
      const url = await database.url();
      for (let i = 0; i < 4; i += 1) stores.push(await openPostgresStore(url, TEST_STORE_OPTIONS));
      const leased = await Promise.all(stores.map((s, i) => s.feeds.leaseDueFeeds(1000, 8, `holder-${i}`, 60_000)));
      const ids = leased.flat().map((f) => f.id);
      expect(ids).toHaveLength(20);
      expect(new Set(ids).size).toBe(20);
      const { rows } = await store.pool.query("SELECT count(DISTINCT lease_holder)::int AS n FROM feeds");
      expect(rows[0]?.n).toBeGreaterThanOrEqual(3);
    } finally {
      await Promise.all([store, ...stores].map((s) => s.close()));
    }
  });

  it("elects one leader; another takes over when the holder's connection ends", async () => {
    const store = await open();
    try {
      const first = await store.leadership.tryAcquire("discord");
      expect(first).not.toBeNull();
      expect(await store.leadership.tryAcquire("discord")).toBeNull();
      const other = await store.leadership.tryAcquire("something-else");
      expect(other).not.toBeNull();
      await other?.release();
      await first?.release();
      await first?.lost;
      const second = await store.leadership.tryAcquire("discord");
      expect(second).not.toBeNull();
      await second?.release();
    } finally {
      await store.close();
    }
  });
});

describe("toPostgresTopicPhrases", () => {
  const phrases = (query: Parameters<typeof toPostgresTopicPhrases>[0]) => toPostgresTopicPhrases(query)?.phrases;
  it("passes each phrase as one plain-text parameter, never as syntax", () => {
    expect(phrases(parseTopicQuery('"white house" tariffs'))).toEqual(["white house", "tariffs"]);
    expect(toPostgresTopicPhrases({ groups: [] })).toBeNull();
    expect(toPostgresTopicPhrases({ groups: [[], ["", " "]] })).toBeNull();
    expect(phrases({ groups: [["a\u0000b"]] })).toEqual(["a b"]);
    for (const topic of HOSTILE_TOPICS) {
      for (const group of phrases(parseTopicQuery(topic)) ?? []) {
        expect(group, topic).toMatch(/^[\p{L}\p{M}\p{N}]+( [\p{L}\p{M}\p{N}]+)*$/u);
      }
    }
  });
  it("numbers each alternative with its group and says whether any group may match", () => {
    expect(
      toPostgresTopicPhrases({ groups: [["chile"], ["vote"]], alternatives: [[["chilean"]], []], match: "any" }),
    ).toEqual({ phrases: ["chile", "chilean", "vote"], groups: [0, 0, 1], any: true });
  });
});
