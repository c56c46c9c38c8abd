// ArticleStore on SQLite: deduplicating upserts (the ingest hot path: cached prepared statements,
// one transaction per batch, no zod on writes), FTS5 search with bm25, recency lists and retention.
import type { Database, Statement, Transaction } from "better-sqlite3";
import type { Article, NewArticle, ScoredArticle, UpsertResult } from "../../briefing/article.js";
import type { ArticleStore, SearchOptions } from "../../briefing/ports.js";
import type { TopicQuery } from "../../briefing/topic-query.js";
import { toFts5Match } from "./fts-query.js";
import { ArticleRowSchema, RelevanceRowSchema } from "./row-schemas.js";

/**
 * bm25 column weights for (title, text): a word in the title counts ten times a word in the body,
 * because a headline names what the story is about while bodies mention many things in passing.
 */
const TITLE_WEIGHT = 10.0;
const TEXT_WEIGHT = 1.0;

/** Open ends of a time window, as bound parameters (epoch ms; far beyond any real date). */
const EARLIEST = Number.MIN_SAFE_INTEGER;
const LATEST = Number.MAX_SAFE_INTEGER;

/** The stored fields an upsert compares; read without zod because this runs once per ingested item. */
interface MatchRow {
  id: number;
  feed_id: number;
  url: string | null;
  guid: string | null;
  title: string;
  author: string | null;
  published_at: number;
  published_at_estimated: 0 | 1;
  summary: string | null;
  text: string;
  content_hash: string;
  language: string | null;
}

function parseArticle(row: unknown): Article {
  return ArticleRowSchema.parse(row);
}

/** SQLite treats a negative LIMIT as "no limit"; a caller's 0 or garbage must mean "nothing". */
function rowLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
}

export class SqliteArticleStore implements ArticleStore {
  readonly #db: Database;
  readonly #match: Statement;
  readonly #insert: Statement;
  readonly #update: Statement;
  readonly #search: Statement;
  readonly #recent: Statement;
  readonly #byIds: Statement;
  readonly #countAll: Statement;
  readonly #countFeed: Statement;
  readonly #prune: Statement;
  readonly #upsertBatch: Transaction<(feedId: number, articles: NewArticle[], backlog: boolean) => UpsertResult>;

  constructor(db: Database) {
    this.#db = db;
    // One lookup by the three dedup keys in priority order: canonical URL, guid in this feed,
    // content hash. COALESCE stops at the first key that finds a row; each probe uses an index.
    this.#match = db.prepare(
      `SELECT id, feed_id, url, guid, title, author, published_at, published_at_estimated, summary, text,
         content_hash, language
       FROM articles WHERE id = coalesce(
         (SELECT id FROM articles WHERE url = ? ORDER BY id LIMIT 1),
         (SELECT id FROM articles WHERE feed_id = ? AND guid = ? ORDER BY id LIMIT 1),
         (SELECT id FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1))`,
    );
    this.#insert = db.prepare(
      `INSERT INTO articles (feed_id, url, guid, title, author, published_at, published_at_estimated, fetched_at,
         summary, text, content_hash, language, backlog)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // feed_id, fetched_at and backlog are the stored article's own: see upsertOne.
    this.#update = db.prepare(
      `UPDATE articles SET url = ?, guid = ?, title = ?, author = ?, published_at = ?, published_at_estimated = ?,
         summary = ?, text = ?, content_hash = ?, language = ?
       WHERE id = ?`,
    );
    this.#search = db.prepare(
      `SELECT a.*, -bm25(articles_fts, ${TITLE_WEIGHT.toFixed(1)}, ${TEXT_WEIGHT.toFixed(1)}) AS relevance
       FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
       WHERE articles_fts MATCH ? AND a.published_at >= ? AND a.published_at < ?
       ORDER BY relevance DESC, a.published_at DESC, a.id DESC
       LIMIT ?`,
    );
    this.#recent = db.prepare(
      `SELECT * FROM articles WHERE published_at >= ? AND published_at < ?
       ORDER BY published_at DESC, id DESC LIMIT ?`,
    );
    this.#byIds = db.prepare("SELECT * FROM articles WHERE id IN (SELECT value FROM json_each(?))");
    this.#countAll = db.prepare("SELECT count(*) FROM articles").pluck();
    this.#countFeed = db.prepare("SELECT count(*) FROM articles WHERE feed_id = ?").pluck();
    this.#prune = db.prepare("DELETE FROM articles WHERE published_at < ?");
    this.#upsertBatch = db.transaction((feedId: number, articles: NewArticle[], backlog: boolean) => {
      const result: UpsertResult = { inserted: 0, updated: 0, unchanged: 0 };
      // Sequential on purpose: a row inserted earlier in the batch is visible to the next lookup,
      // so duplicates within one batch collapse exactly like duplicates across batches.
      for (const article of articles) result[this.#upsertOne(feedId, article, backlog)] += 1;
      return result;
    });
  }

  async upsertArticles(feedId: number, articles: NewArticle[], options: { backlog: boolean }): Promise<UpsertResult> {
    if (articles.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
    return this.#upsertBatch.immediate(feedId, articles, options.backlog);
  }

  #upsertOne(feedId: number, a: NewArticle, backlog: boolean): keyof UpsertResult {
    const stored = this.#match.get(a.url, feedId, a.guid, a.contentHash) as MatchRow | undefined;
    if (stored === undefined) {
      this.#insert.run(
        feedId,
        a.url,
        a.guid,
        a.title,
        a.author,
        a.publishedAt,
        a.publishedAtEstimated ? 1 : 0,
        a.fetchedAt,
        a.summary,
        a.text,
        a.contentHash,
        a.language,
        backlog ? 1 : 0,
      );
      return "inserted";
    }
    // The same story syndicated in another feed: the feed that stored it first owns it. Updating
    // from both would flip the row between two versions on every poll.
    if (stored.feed_id !== feedId) return "unchanged";
    // A link or guid that disappears from the feed is not news: keep what we know.
    const url = a.url ?? stored.url;
    const guid = a.guid ?? stored.guid;
    // An estimated date (the fetch time) must not move a known date, nor creep forward every poll.
    const publishedAt = a.publishedAtEstimated ? stored.published_at : a.publishedAt;
    const estimated = a.publishedAtEstimated ? stored.published_at_estimated : 0;
    if (
      url === stored.url &&
      guid === stored.guid &&
      a.title === stored.title &&
      a.author === stored.author &&
      publishedAt === stored.published_at &&
      estimated === stored.published_at_estimated &&
      a.summary === stored.summary &&
      a.text === stored.text &&
      a.contentHash === stored.content_hash &&
      a.language === stored.language
    ) {
      return "unchanged";
    }
    this.#update.run(
      url,
      guid,
      a.title,
      a.author,
      publishedAt,
      estimated,
      a.summary,
      a.text,
      a.contentHash,
      a.language,
      stored.id,
    );
    return "updated";
  }

  async searchArticles(query: TopicQuery, options: SearchOptions): Promise<ScoredArticle[]> {
    const match = toFts5Match(query);
    const limit = rowLimit(options.limit);
    if (match === null || limit === 0) return [];
    const rows = this.#search.all(match, options.since ?? EARLIEST, options.until ?? LATEST, limit);
    return rows.map((row) => ({ article: parseArticle(row), relevance: RelevanceRowSchema.parse(row).relevance }));
  }

  async recentArticles(options: SearchOptions): Promise<Article[]> {
    const limit = rowLimit(options.limit);
    if (limit === 0) return [];
    return this.#recent.all(options.since ?? EARLIEST, options.until ?? LATEST, limit).map(parseArticle);
  }

  /** The articles with these ids, in the order first asked for; unknown and repeated ids are skipped. */
  async getArticles(ids: number[]): Promise<Article[]> {
    if (ids.length === 0) return [];
    const byId = new Map<number, Article>();
    for (const row of this.#byIds.all(JSON.stringify(ids))) {
      const article = parseArticle(row);
      byId.set(article.id, article);
    }
    return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
  }

  async countArticles(feedId?: number): Promise<number> {
    const count = feedId === undefined ? this.#countAll.get() : this.#countFeed.get(feedId);
    return typeof count === "number" ? count : 0;
  }

  async pruneArticles(cutoff: number): Promise<number> {
    // The FTS delete trigger removes each article's index entries in this same transaction.
    return this.#db.transaction(() => this.#prune.run(cutoff).changes).immediate();
  }
}
