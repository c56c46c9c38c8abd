// /brief with the clustering features stored at ingest gives the very cards it gives computing
// them from the text, on both stores; a SQLite database from before the features (schema 6)
// migrates, and its articles' cards come out the same with the features computed when read.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NewArticle, ScoredArticle } from "../../../src/briefing/article.js";
import { buildBrief } from "../../../src/briefing/briefs/build-brief.js";
import type { ArticleStore } from "../../../src/briefing/ports.js";
import { decodeArticleFeatures } from "../../../src/briefing/stories/article-features.js";
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

describe.each(storeFactories())("/brief with stored features on $name", (factory) => {
  let store: Store;
  beforeEach(async () => {
    store = await factory.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it("gives the same cards as computing the features from the text", async () => {
    await addOutlets(store);
    const found = await store.articles.searchArticles({ groups: [["etna"]], match: "all" }, { limit: 10 });
    // The stored path is really taken: every match carries decodable features.
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const f of found) expect(decodeArticleFeatures(f.features)).toBeDefined();
    const stored = await cards(store);
    expect(stored.map((c) => c.stories.length)).toContain(1);
    expect(stored.filter((c) => c.stories.some((s) => s.sources.length >= 2)).length).toBeGreaterThanOrEqual(4);
    expect(stored).toEqual(await cards(store, withoutFeatures(store.articles)));
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
