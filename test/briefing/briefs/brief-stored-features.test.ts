// The first /brief (or digest) to read an article computes its clustering features and the store
// keeps them; later briefs read them and give the very cards computing them gives, on both stores;
// a text change clears them; a failed write never fails the brief; a schema-6 SQLite file migrates.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildAlertPool } from "../../../src/briefing/alerts/alert-pool.js";
import type { NewArticle, ScoredArticle } from "../../../src/briefing/article.js";
import { buildBrief, composeBrief } from "../../../src/briefing/briefs/build-brief.js";
import { buildStoryPool } from "../../../src/briefing/digests/build-digest.js";
import type { ArticleFeaturesUpdate, ArticleStore, Logger } from "../../../src/briefing/ports.js";
import { encodedArticleFeatures } from "../../../src/briefing/stories/article-features.js";
import { openStore } from "../../../src/store/open-store.js";
import { MIGRATIONS, migrate } from "../../../src/store/sqlite/migrations.js";
import type { Store } from "../../../src/store/store.js";
import { storeFactories, TEST_STORE_OPTIONS } from "../../support/store-factories.js";

const HOUR = 3_600_000;
const AS_OF = Date.UTC(2026, 2, 10, 12);

/** Four events, each told by several outlets in their own words, and two unrelated items. */
const REPORTS: Array<[outlet: number, hoursAgo: number, title: string, text: string]> = [
  [
    0,
    30,
    "Etna erupts, lava nears Catania",
    "Mount Etna erupted on Sunday and lava flowed toward Catania, Italy's civil protection agency said. About 3,000 residents of Nicolosi were told to leave. Flights at Catania airport were suspended until Tuesday.",
  ],
  [
    1,
    29,
    "Italy evacuates villages as Etna lava advances",
    "Italian authorities ordered 3,000 people out of Nicolosi on Sunday as lava from Mount Etna advanced, the civil protection agency said. Catania airport halted flights.",
  ],
  [
    2,
    27,
    "Catania airport shut by Etna ash",
    "Ash from Mount Etna closed Catania airport on Sunday. The eruption forced about 3,000 residents of Nicolosi from their homes, officials said. Airlines cancelled 120 flights.",
  ],
  [
    0,
    50,
    "Central bank raises rates to 4.5%",
    "The central bank raised its main interest rate to 4.5% on Thursday, its third increase this year, citing inflation of 6.2%. Governor Maria Lenz said more rises were possible.",
  ],
  [
    1,
    49,
    "Rates up again as inflation bites",
    "Interest rates rose to 4.5% on Thursday after the central bank's board voted 7-2 for the increase. Inflation stands at 6.2%, Governor Maria Lenz told reporters.",
  ],
  [
    2,
    70,
    "Harbour strike halts container traffic",
    "Dock workers in Rotterdam began a 48-hour strike on Tuesday over pay, halting container traffic at Europe's largest port, the union FNV said. About 40 ships were waiting offshore.",
  ],
  [
    3,
    69,
    "Rotterdam port strike strands ships",
    "A strike by Rotterdam dock workers left about 40 ships waiting to unload on Tuesday. The union FNV said the 48-hour walkout was over pay and working hours.",
  ],
  [
    0,
    10,
    "Chelsea beat Arsenal 2-1 in derby",
    "Chelsea beat Arsenal 2-1 at Stamford Bridge on Saturday, with Cole Palmer scoring the winner in the 88th minute. Arsenal remain second in the league.",
  ],
  [
    3,
    9,
    "Palmer late goal sinks Arsenal",
    "Cole Palmer scored in the 88th minute as Chelsea beat Arsenal 2-1 on Saturday. Arsenal's manager said his side deserved a draw.",
  ],
  [
    2,
    5,
    "Rail fares to rise 3% in March",
    "Rail fares will rise by 3% from March 1, the transport ministry said on Monday. Commuter groups called the increase unfair.",
  ],
  [
    1,
    100,
    "New museum opens in Lyon",
    "A museum of textiles opened in Lyon on Friday after a five-year renovation costing 40 million euros, the city said.",
  ],
];

const TOPICS = [
  "etna",
  "catania",
  "interest rates",
  "inflation",
  "strike",
  "rotterdam",
  "chelsea",
  "arsenal",
  "italy",
  "rail",
];

function articlesOf(outlet: number): NewArticle[] {
  return REPORTS.flatMap(([o, hoursAgo, title, text], i) =>
    o !== outlet
      ? []
      : [
          {
            url: `https://outlet${o}.example/${i}`,
            guid: `${o}-${i}`,
            title,
            author: null,
            publishedAt: AS_OF - hoursAgo * HOUR,
            publishedAtEstimated: false,
            fetchedAt: AS_OF - hoursAgo * HOUR,
            summary: null,
            text,
            contentHash: `hash-${o}-${i}`,
            language: "en",
          },
        ],
  );
}

const OUTLETS = 4;

async function addOutlets(store: Store): Promise<void> {
  for (let o = 0; o < OUTLETS; o++) {
    const feed = await store.feeds.addFeed({
      url: `https://outlet${o}.example/rss`,
      title: `Outlet ${o}`,
      siteLink: null,
      origin: null,
      refreshMinutes: 15,
      createdAt: 0,
      nextFetchAt: 0,
    });
    await store.articles.upsertArticles(feed.id, articlesOf(o), { backlog: false });
  }
}

/** The store as it answers, but with no stored features: /brief computes them from the text. */
function withoutFeatures(articles: ArticleStore): ArticleStore {
  const strip = (found: ScoredArticle[]) => found.map(({ article, relevance }) => ({ article, relevance }));
  return new Proxy(articles, {
    get(target, prop) {
      if (prop === "searchArticles")
        return async (...args: Parameters<ArticleStore["searchArticles"]>) =>
          strip(await target.searchArticles(...args));
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

async function cards(store: Store, articles: ArticleStore = store.articles) {
  const deps = { articles, feeds: store.feeds, clock: { now: () => AS_OF } };
  return Promise.all(TOPICS.map((topic) => buildBrief(deps, { topic })));
}

/** Briefs on every topic, waiting until each has handed its computed features to the store. */
async function briefsKept(store: Store, articles: ArticleStore, logger?: Logger) {
  const deps = { articles, feeds: store.feeds, clock: { now: () => AS_OF }, ...(logger ? { logger } : {}) };
  const composed = await Promise.all(TOPICS.map((topic) => composeBrief(deps, { topic })));
  await Promise.all(composed.map((c) => c.featuresKept));
  return composed.map((c) => c.card);
}

/** The store, recording what story passes hand back through saveArticleFeatures. */
function recordingSaves(articles: ArticleStore, saved: ArticleFeaturesUpdate[], fail = false): ArticleStore {
  return new Proxy(articles, {
    get(target, prop) {
      if (prop === "saveArticleFeatures")
        return async (items: ArticleFeaturesUpdate[]) => {
          saved.push(...items);
          if (fail) throw new Error("disk I/O error");
          await target.saveArticleFeatures(items);
        };
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Every stored article's features as a search for each topic returns them, by id. */
async function storedFeatures(store: Store) {
  const byId = new Map<number, { features: string | null | undefined; title: string; text: string }>();
  for (const topic of TOPICS) {
    const found = await store.articles.searchArticles({ groups: [topic.split(" ")], match: "all" }, { limit: 50 });
    for (const f of found)
      byId.set(f.article.id, { features: f.features, title: f.article.title, text: f.article.text });
  }
  return byId;
}

describe.each(storeFactories())("/brief with stored features on $name", (factory) => {
  let store: Store;
  beforeEach(async () => {
    store = await factory.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it("keeps the features the first brief computes, reads them in the next, same cards", async () => {
    await addOutlets(store);
    const before = await storedFeatures(store);
    expect(before.size).toBeGreaterThanOrEqual(8);
    for (const { features } of before.values()) expect(features).toBeNull();

    const saved: ArticleFeaturesUpdate[] = [];
    const first = await briefsKept(store, recordingSaves(store.articles, saved));
    expect(first.map((c) => c.stories.length)).toContain(1);
    expect(first.filter((c) => c.stories.some((s) => s.sources.length >= 2)).length).toBeGreaterThanOrEqual(4);
    // Every article a brief read now has the features the core computes from its title and text.
    const after = await storedFeatures(store);
    expect(new Set(saved.map((s) => s.id))).toEqual(new Set(after.keys()));
    for (const { features, title, text } of after.values()) expect(features).toBe(encodedArticleFeatures(title, text));

    // The second round reads them: nothing is computed, so nothing is handed back.
    const again: ArticleFeaturesUpdate[] = [];
    expect(await briefsKept(store, recordingSaves(store.articles, again))).toEqual(first);
    expect(again).toEqual([]);
    expect(first).toEqual(await cards(store, withoutFeatures(store.articles)));
  });

  it("clears an article's features when its text changes, and the next brief keeps the new ones", async () => {
    await addOutlets(store);
    await briefsKept(store, store.articles);
    const [changed] = articlesOf(2).filter((a) => a.title === "Catania airport shut by Etna ash");
    if (changed === undefined) throw new Error("fixture changed");
    const feed = (await store.feeds.listFeeds()).find((f) => f.url === "https://outlet2.example/rss");
    const text = `${changed.text} The airport reopened on Wednesday.`;
    await store.articles.upsertArticles(feed?.id ?? 0, [{ ...changed, text }], { backlog: false });
    const cleared = [...(await storedFeatures(store)).values()].find((a) => a.title === changed.title);
    expect(cleared?.features).toBeNull();
    await briefsKept(store, store.articles);
    const kept = [...(await storedFeatures(store)).values()].find((a) => a.title === changed.title);
    expect(kept?.features).toBe(encodedArticleFeatures(changed.title, text));
  });

  it("answers the brief and logs a warning when the features cannot be kept", async () => {
    await addOutlets(store);
    const warnings: string[] = [];
    const logger: Logger = {
      debug: () => {},
      info: () => {},
      warn: (_context, message) => warnings.push(message),
      error: () => {},
    };
    const saved: ArticleFeaturesUpdate[] = [];
    const failing = await briefsKept(store, recordingSaves(store.articles, saved, true), logger);
    expect(saved.length).toBeGreaterThan(0);
    expect(warnings.length).toBe(TOPICS.length);
    expect(warnings[0]).toMatch(/could not keep computed clustering features/);
    expect(failing).toEqual(await cards(store));
  });

  it("keeps the features a digest's story pool computes", async () => {
    await addOutlets(store);
    const pool = await buildStoryPool(
      { articles: store.articles, feeds: store.feeds },
      { topic: "etna", asOf: AS_OF, spanMs: 2 * 86_400_000 },
    );
    expect(pool.stories.length).toBeGreaterThan(0);
    await pool.featuresKept;
    const found = await store.articles.searchArticles({ groups: [["etna"]], match: "all" }, { limit: 10 });
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const f of found) expect(f.features).toBe(encodedArticleFeatures(f.article.title, f.article.text));
  });
  it("keeps the features an alert pass's pool computes", async () => {
    await addOutlets(store);
    const watch = {
      id: 1,
      channel: { platform: "console" as const, workspaceId: "", channelId: "" },
      createdBy: null,
      topic: "etna",
      sources: [],
      minSources: 1,
      include: [],
      exclude: [],
      opinion: true,
      pausedAt: null,
      createdAt: 0,
      updatedAt: 0,
    };
    const pool = await buildAlertPool(
      { articles: store.articles, feeds: store.feeds },
      { watch, feeds: [], sourceName: (id) => `Outlet ${id}`, asOf: AS_OF },
    );
    expect(pool.stories.length).toBeGreaterThan(0);
    await pool.featuresKept;
    const found = await store.articles.searchArticles({ groups: [["etna"]], match: "all" }, { limit: 10 });
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const f of found) expect(f.features).toBe(encodedArticleFeatures(f.article.title, f.article.text));
  });
});

describe("a SQLite database from before the stored features", () => {
  const dir = mkdtempSync(join(tmpdir(), "briefbot-features-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("migrates, computes old articles' features when read, and gives the cards a new store gives", async () => {
    const path = join(dir, "v6.db");
    const raw = new BetterSqlite3(path);
    migrate(
      raw,
      MIGRATIONS.filter((m) => m.version <= 6),
    );
    expect(raw.pragma("user_version", { simple: true })).toBe(6);
    // Rows as briefbot wrote them at schema 6 (the store indexes each new row for search itself).
    for (let o = 0; o < OUTLETS; o++) {
      const feed = raw
        .prepare("INSERT INTO feeds (url, title, refresh_minutes, created_at, next_fetch_at) VALUES (?, ?, 15, 0, 0)")
        .run(`https://outlet${o}.example/rss`, `Outlet ${o}`).lastInsertRowid;
      for (const a of articlesOf(o)) {
        const id = raw
          .prepare(
            `INSERT INTO articles (feed_id, url, guid, title, published_at, published_at_estimated, fetched_at, text,
               content_hash, language, backlog)
             VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, 'en', 0)`,
          )
          .run(feed, a.url, a.guid, a.title, a.publishedAt, a.fetchedAt, a.text, a.contentHash).lastInsertRowid;
        raw.prepare("INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)").run(id, a.title, a.text);
      }
    }
    raw.close();

    const migrated = await openStore(path, TEST_STORE_OPTIONS);
    const fresh = await openStore(join(dir, "new.db"), TEST_STORE_OPTIONS);
    try {
      await addOutlets(fresh);
      const old = await migrated.articles.searchArticles({ groups: [["etna"]], match: "all" }, { limit: 10 });
      expect(old.length).toBeGreaterThanOrEqual(3);
      for (const f of old) expect(f.features ?? null).toBeNull();
      const before = await cards(migrated);
      expect(before.some((c) => c.stories.length > 0)).toBe(true);
      expect(before).toEqual(await cards(fresh));
    } finally {
      await migrated.close();
      await fresh.close();
    }
  });
});
