// Runs the store contract on a real SQLite file, then checks what only SQLite has: migrations,
// pragmas, refusal of a newer schema, FTS5 query rendering and the FTS index staying consistent.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { parseTopicQuery } from "../../src/briefing/briefs/topic-query.js";
import { toFts5Match } from "../../src/store/sqlite/fts-query.js";
import { LATEST_SCHEMA_VERSION, MIGRATIONS, migrate } from "../../src/store/sqlite/migrations.js";
import { NEW_FILE_PAGE_SIZE, openSqliteStore, WAL_CHECKPOINT_BYTES } from "../../src/store/sqlite/open-sqlite-store.js";
import { plainArticle, plainFeed } from "../support/test-records.js";
import { describeStoreContract, HOSTILE_TOPICS } from "./store-contract.js";

const dir = mkdtempSync(join(tmpdir(), "briefbot-store-"));
let files = 0;
function freshPath(): string {
  files += 1;
  return join(dir, `store-${files}.db`);
}

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describeStoreContract("sqlite file", async () => openSqliteStore(freshPath()));

function schemaOf(db: BetterSqlite3.Database): unknown[] {
  return db
    .prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all();
}

describe("openSqliteStore", () => {
  it("creates missing parent directories and migrates an empty file to the latest version", () => {
    const path = join(dir, "nested", "deeper", "briefbot.db");
    const store = openSqliteStore(path);
    try {
      expect(store.db.pragma("user_version", { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      const tables = store.db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'articles_fts_%'")
        .pluck()
        .all();
      expect(new Set(tables)).toEqual(
        new Set([
          "feeds",
          "articles",
          "articles_fts",
          "events",
          "digest_schedules",
          "workspace_settings",
          "digest_slots",
          "digest_posted",
          "feed_subscribers",
          "watches",
          "alert_channels",
          "alert_stories",
          "alert_replies",
          "alert_roundups",
          "alert_outcomes",
        ]),
      );
    } finally {
      store.close();
    }
  });

  it("turns on WAL with 40 MB checkpoints, foreign keys, a busy timeout and synchronous=NORMAL", () => {
    const store = openSqliteStore(freshPath());
    try {
      expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(store.db.pragma("foreign_keys", { simple: true })).toBe(1);
      expect(store.db.pragma("busy_timeout", { simple: true })).toBe(5000);
      expect(store.db.pragma("synchronous", { simple: true })).toBe(1);
      expect(store.db.pragma("page_size", { simple: true })).toBe(NEW_FILE_PAGE_SIZE);
      expect(store.db.pragma("wal_autocheckpoint", { simple: true })).toBe(WAL_CHECKPOINT_BYTES / NEW_FILE_PAGE_SIZE);
    } finally {
      store.close();
    }
  });

  it("keeps an existing file's page size, and its checkpoints at 40 MB in that size's pages", async () => {
    const path = freshPath();
    const old = new BetterSqlite3(path);
    old.pragma("page_size = 4096");
    old.pragma("journal_mode = WAL");
    old.exec("CREATE TABLE before_upgrade (a)");
    old.close();
    const store = openSqliteStore(path);
    try {
      expect(store.db.pragma("page_size", { simple: true })).toBe(4096);
      expect(store.db.pragma("wal_autocheckpoint", { simple: true })).toBe(10_000);
      await store.feeds.addFeed(plainFeed("https://old-file.example/"));
      expect(await store.feeds.listFeeds()).toHaveLength(1);
    } finally {
      store.close();
    }
  });

  it("re-opening is a no-op for the schema and keeps the data", async () => {
    const path = freshPath();
    const first = openSqliteStore(path);
    const feed = await first.feeds.addFeed(plainFeed("https://keep.example/"));
    const schema = schemaOf(first.db);
    first.close();
    first.close(); // closing twice is harmless

    const second = openSqliteStore(path);
    try {
      expect(schemaOf(second.db)).toEqual(schema);
      expect(second.db.pragma("user_version", { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(migrate(second.db)).toBe(LATEST_SCHEMA_VERSION);
      expect(await second.feeds.getFeed(feed.id)).toEqual(feed);
    } finally {
      second.close();
    }
  });

  it("migrates a version-9 database to merge its search index 8 segments at a time, keeping its articles searchable", async () => {
    // Migration 10 (decision 008, 2026-12-07): fewer merge levels, less index write CPU per article.
    const path = freshPath();
    const old = new BetterSqlite3(path);
    migrate(
      old,
      MIGRATIONS.filter((m) => m.version <= 9),
    );
    const automerge = (db: BetterSqlite3.Database) =>
      db.prepare("SELECT v FROM articles_fts_config WHERE k = 'automerge'").pluck().get();
    expect(automerge(old)).toBeUndefined(); // FTS5's default, 4
    old.close();

    const before = openSqliteStore(path);
    try {
      expect(before.db.pragma("user_version", { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(automerge(before.db)).toBe(8);
      const feed = await before.feeds.addFeed(plainFeed("https://merge.example/"));
      for (let batch = 0; batch < 20; batch++)
        await before.articles.upsertArticles(
          feed.id,
          Array.from({ length: 5 }, (_, i) => plainArticle("merge.example", `${batch}-${i}`, `merged words ${batch}`)),
          { backlog: false },
        );
      before.db.exec("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)");
      expect(await before.articles.searchArticles(parseTopicQuery('"merged words"'), { limit: 200 })).toHaveLength(100);
    } finally {
      before.close();
    }
  });

  it("refuses a database written by a newer briefbot, naming the fix", () => {
    const path = freshPath();
    const raw = new BetterSqlite3(path);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openSqliteStore(path)).toThrow(/schema version \d+, newer than.*upgrade briefbot/s);
  });

  it("applies each migration in a transaction: a failing step leaves the previous version intact", () => {
    const db = new BetterSqlite3(":memory:");
    try {
      const broken = [
        ...MIGRATIONS,
        {
          version: LATEST_SCHEMA_VERSION + 1,
          name: "broken",
          sql: "CREATE TABLE half_done (x); SELECT nope FROM missing;",
        },
      ];
      expect(() => migrate(db, broken)).toThrow(/no such table/);
      expect(db.pragma("user_version", { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it("works in memory too", async () => {
    const store = openSqliteStore(":memory:");
    try {
      expect(await store.feeds.listFeeds()).toEqual([]);
    } finally {
      store.close();
    }
  });

  it("keeps the FTS index consistent through inserts, updates, prune and feed removal", async () => {
    const store = openSqliteStore(freshPath());
    const integrity = () =>
      store.db.exec("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)");
    try {
      const feed = await store.feeds.addFeed(plainFeed("https://fts.example/"));
      const article = (i: number, text: string) => ({
        url: `https://fts.example/${i}`,
        guid: null,
        title: `Title ${i}`,
        author: null,
        publishedAt: i * 1000,
        publishedAtEstimated: false,
        fetchedAt: 0,
        summary: null,
        text,
        contentHash: `h${i}-${text}`,
        language: null,
      });
      await store.articles.upsertArticles(
        feed.id,
        Array.from({ length: 20 }, (_, i) => article(i, "first words")),
        { backlog: true },
      );
      integrity();
      await store.articles.upsertArticles(
        feed.id,
        Array.from({ length: 20 }, (_, i) => article(i, i % 2 === 0 ? "second words" : "first words")),
        { backlog: false },
      );
      integrity();
      expect(await store.articles.pruneArticles(5000)).toBe(5);
      integrity();
      await store.feeds.removeFeed(feed.id);
      integrity();
      expect(store.db.prepare("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'words'").pluck().get()).toBe(
        0,
      );
    } finally {
      store.close();
    }
  });

  it("writes a batch of new articles to the search index as one segment, not one per article", async () => {
    // With an insert trigger, every INSERT opened a savepoint and FTS5 flushed each article as a
    // segment of its own, then spent most of ingest merging them (migration 4).
    const store = openSqliteStore(freshPath());
    try {
      const feed = await store.feeds.addFeed(plainFeed("https://segments.example/"));
      const batch = Array.from({ length: 100 }, (_, i) => plainArticle("segments.example", String(i), `words ${i}`));
      expect(await store.articles.upsertArticles(feed.id, batch, { backlog: false })).toEqual({
        inserted: 100,
        updated: 0,
        unchanged: 0,
      });
      expect(store.db.prepare("SELECT count(DISTINCT segid) FROM articles_fts_idx").pluck().get()).toBe(1);
      store.db.exec("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)");
      const found = await store.articles.searchArticles(parseTopicQuery("words"), { limit: 200 });
      expect(found).toHaveLength(100);
    } finally {
      store.close();
    }
  });

  it("looks up every dedup key through an index", () => {
    const store = openSqliteStore(":memory:");
    try {
      const plan = store.db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT id FROM articles WHERE id = coalesce(
             (SELECT id FROM articles WHERE url = ? ORDER BY id LIMIT 1),
             (SELECT id FROM articles WHERE feed_id = ? AND guid = ? ORDER BY id LIMIT 1),
             (SELECT id FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1))`,
        )
        .all("u", 1, "g", "h")
        .map((row) => (row as { detail: string }).detail)
        .join("\n");
      expect(plan).toContain("articles_url");
      expect(plan).toContain("articles_feed_guid");
      expect(plan).toContain("articles_content_hash");
      expect(plan).not.toMatch(/SCAN articles\b/);
    } finally {
      store.close();
    }
  });
});

describe("toFts5Match", () => {
  it("renders groups as quoted strings joined with AND", () => {
    expect(toFts5Match(parseTopicQuery('"white house" tariffs'))).toBe('"white house" AND "tariffs"');
    expect(toFts5Match({ groups: [["one"]] })).toBe('"one"');
    expect(toFts5Match({ groups: [["chile"], ["vote"]], alternatives: [[["chilean"]], []], match: "any" })).toBe(
      '("chile" OR "chilean") OR "vote"',
    );
  });

  it("is null for an empty topic, and drops empty words and groups", () => {
    expect(toFts5Match({ groups: [] })).toBeNull();
    expect(toFts5Match({ groups: [[], ["", "  "]] })).toBeNull();
    expect(toFts5Match({ groups: [[], ["a", ""], ["b"]] })).toBe('"a" AND "b"');
  });

  it("doubles quotes inside a word so it cannot close the string", () => {
    expect(toFts5Match({ groups: [['a"b'], ['" OR *']] })).toBe('"a""b" AND """ OR *"');
  });

  it("renders hostile topics as nothing but quoted strings", () => {
    for (const topic of HOSTILE_TOPICS) {
      const match = toFts5Match(parseTopicQuery(topic));
      if (match === null) continue;
      expect(match, topic).toMatch(/^"[^"]+"( AND "[^"]+")*$/u);
    }
    expect(toFts5Match(parseTopicQuery(`" OR * NEAR( :- ^ col:x`))).toBe('"or near col x"');
    expect(toFts5Match(parseTopicQuery("AND"))).toBe('"and"');
    expect(toFts5Match(parseTopicQuery("'apostrophe's"))).toBe('"apostrophe" AND "s"');
  });
});
