// ArticleStore on SQLite: deduplicating upserts (the ingest hot path: cached prepared statements,
// one transaction per batch, no zod on writes), FTS5 search with bm25, recency lists, retention,
// and the full-text queue: articles waiting for their page, and each try's outcome with merges.
import type { Database, Statement, Transaction } from "better-sqlite3";
import type { Article, NewArticle, ScoredArticle, UpsertResult } from "../../briefing/article.js";
import type { ArticleKindUpdate, StoredArticleLabel } from "../../briefing/article-label.js";
import type { TopicQuery } from "../../briefing/briefs/topic-query.js";
import type { ExtractionOutcome, PageText, RecordExtractionResult } from "../../briefing/extraction-outcome.js";
import { kindAfterExtraction } from "../../briefing/feeds/kind-after-extraction.js";
import { survivorText } from "../../briefing/feeds/survivor-text.js";
import type { ArticleFeaturesUpdate, ArticleStore, SearchOptions } from "../../briefing/ports.js";
import { type MatchedArticleRow, mergeArticleUpdate } from "../merge-article-update.js";
import { EARLIEST, LATEST, rowLimit } from "../query-bounds.js";
import { ArticleRowSchema, RelevanceRowSchema } from "../row-schemas.js";
import { INDEX_NEW_ARTICLE_SQL } from "./article-search-index.js";
import { toFts5Match } from "./fts-query.js";
import { SqliteArticleLabels } from "./sqlite-article-labels.js";

/**
 * bm25 column weights for (title, text): a word in the title counts ten times a word in the body,
 * because a headline names what the story is about while bodies mention many things in passing.
 */
const TITLE_WEIGHT = 10.0;
const TEXT_WEIGHT = 1.0;

/** A stored row as an Article, checked at the store boundary. */
function parseArticle(row: unknown): Article {
  return ArticleRowSchema.parse(row);
}

/** The row's stored features column (decoded and checked by the core when a brief reads it). */
function storedFeatures(row: unknown): string | null {
  const value = (row as { features?: unknown }).features;
  return typeof value === "string" ? value : null;
}

export class SqliteArticleStore implements ArticleStore {
  readonly #db: Database;
  readonly #match: Statement;
  readonly #insert: Statement;
  readonly #index: Statement;
  readonly #update: Statement;
  readonly #windowIds: Statement;
  readonly #search: Statement;
  readonly #recent: Statement;
  readonly #byIds: Statement;
  readonly #countAll: Statement;
  readonly #countFeed: Statement;
  readonly #prune: Statement;
  readonly #needingText: Statement;
  readonly #byId: Statement;
  readonly #survivor: Statement;
  readonly #recordTry: Statement;
  readonly #recordPage: Statement;
  readonly #markDuplicate: Statement;
  readonly #fillSurvivor: Statement;
  readonly #saveFeatures: Statement;
  readonly #saveFeaturesBatch: Transaction<(items: ArticleFeaturesUpdate[]) => void>;
  readonly #recordBatch: Transaction<(id: number, outcome: ExtractionOutcome) => RecordExtractionResult | undefined>;
  readonly #claimBatch: Transaction<(now: number, limit: number, leaseUntil: number) => Article[]>;
  readonly #upsertBatch: Transaction<(feedId: number, articles: NewArticle[], backlog: boolean) => UpsertResult>;
  readonly #labels: SqliteArticleLabels;

  constructor(db: Database) {
    this.#db = db;
    this.#labels = new SqliteArticleLabels(db);
    // One lookup by the dedup keys in priority order: canonical URL, a page's canonical URL, guid in
    // this feed, content hash. COALESCE stops at the first key that finds a row; each probe uses an index.
    this.#match = db.prepare(
      `SELECT id, feed_id, url, guid, title, author, published_at, published_at_estimated, summary, text,
         content_hash, language, canonical_url, extraction_status, extraction_next_at
       FROM articles WHERE id = coalesce(
         (SELECT id FROM articles WHERE url = ? ORDER BY id LIMIT 1),
         (SELECT id FROM articles WHERE canonical_url = ? ORDER BY duplicate_of IS NOT NULL, id LIMIT 1),
         (SELECT id FROM articles WHERE feed_id = ? AND guid = ? ORDER BY id LIMIT 1),
         (SELECT id FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1))`,
    );
    this.#insert = db.prepare(
      `INSERT INTO articles (feed_id, url, guid, title, author, published_at, published_at_estimated, fetched_at,
         summary, text, content_hash, language, backlog, extraction_status, extraction_next_at, kind, kind_reason,
         features)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#index = db.prepare(INDEX_NEW_ARTICLE_SQL);
    // feed_id, fetched_at and backlog are the stored article's own: see upsertOne. The features
    // (derived from title and text, decision 014) are cleared when either changes: SET expressions
    // read the row as it was, so the CASE compares the old title and text with the new ones.
    this.#update = db.prepare(
      `UPDATE articles SET features = CASE WHEN title = ? AND text = ? THEN features END,
         url = ?, guid = ?, title = ?, author = ?, published_at = ?, published_at_estimated = ?,
         summary = ?, text = ?, content_hash = ?, language = ?, extraction_status = ?, extraction_next_at = ?
       WHERE id = ?`,
    );
    // Window first: the ids of the window's articles bound the FTS5 scan by rowid, so a query
    // reads and scores only the matches stored around the window, not every match of all time
    // ("economy" at 1,000,000 articles: 87,256 matches, 6,785 in the 7-day window). Ids grow with
    // ingest and ingest follows publication closely; where it does not (a new feed's backlog) the
    // range only widens, and the date test below still decides. bm25's corpus statistics are the
    // whole index's either way, so the ranking is unchanged.
    this.#windowIds = db
      .prepare("SELECT min(id), max(id) FROM articles WHERE published_at >= ? AND published_at < ?")
      .raw();
    // Ranked on ids, dates and scores alone, and only the kept rows read whole: the sort no longer
    // carries every match's text and features (a third of the query's time at 100,000 articles).
    this.#search = db.prepare(
      `SELECT a.*, m.relevance FROM (
         SELECT a.id AS id, a.published_at AS published_at,
           -bm25(articles_fts, ${TITLE_WEIGHT.toFixed(1)}, ${TEXT_WEIGHT.toFixed(1)}) AS relevance
         FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
         WHERE articles_fts MATCH ? AND articles_fts.rowid >= ? AND articles_fts.rowid <= ?
           AND a.published_at >= ? AND a.published_at < ? AND a.duplicate_of IS NULL
         ORDER BY relevance DESC, a.published_at DESC, a.id DESC
         LIMIT ?) m JOIN articles a ON a.id = m.id
       ORDER BY m.relevance DESC, m.published_at DESC, m.id DESC`,
    );
    this.#recent = db.prepare(
      `SELECT * FROM articles WHERE published_at >= ? AND published_at < ? AND duplicate_of IS NULL
       ORDER BY published_at DESC, id DESC LIMIT ?`,
    );
    this.#byIds = db.prepare("SELECT * FROM articles WHERE id IN (SELECT value FROM json_each(?))");
    this.#countAll = db.prepare("SELECT count(*) FROM articles").pluck();
    this.#countFeed = db.prepare("SELECT count(*) FROM articles WHERE feed_id = ?").pluck();
    this.#prune = db.prepare("DELETE FROM articles WHERE published_at < ?");
    this.#needingText = db.prepare(
      `SELECT a.* FROM articles a JOIN feeds f ON f.id = a.feed_id
       WHERE a.extraction_status = 'pending' AND a.extraction_next_at <= ? AND a.duplicate_of IS NULL
         AND f.fulltext != 'never'
       ORDER BY a.extraction_next_at, a.id LIMIT ?`,
    );
    this.#byId = db.prepare("SELECT * FROM articles WHERE id = ?");
    // The article a canonical URL names: by its link or by its own page's canonical URL.
    this.#survivor = db.prepare(
      `SELECT * FROM articles WHERE id != ? AND duplicate_of IS NULL AND (url = ? OR canonical_url = ?)
       ORDER BY id LIMIT 1`,
    );
    this.#recordTry = db.prepare(
      `UPDATE articles SET extraction_status = ?, extraction_attempts = extraction_attempts + 1,
         extraction_next_at = ?, extraction_error = ?
       WHERE id = ?`,
    );
    // A page's text clears the features computed from the feed's text (decision 014).
    this.#recordPage = db.prepare(
      `UPDATE articles SET text = ?, features = ?, byline = ?, image_url = ?, canonical_url = ?,
         language = coalesce(?, language), extraction_status = 'extracted', extraction_attempts = extraction_attempts + 1,
         extraction_next_at = NULL, extraction_error = NULL, kind = ?, kind_reason = ?
       WHERE id = ?`,
    );
    // Earlier duplicates of the merged article follow it to the survivor: no chains.
    this.#markDuplicate = db.prepare("UPDATE articles SET duplicate_of = ? WHERE id = ? OR duplicate_of = ?");
    this.#fillSurvivor = db.prepare(
      `UPDATE articles SET features = CASE WHEN text = ? THEN features END, text = ?, extraction_status = ?,
         extraction_next_at = ?,
         byline = coalesce(byline, ?),
         image_url = coalesce(image_url, ?), canonical_url = coalesce(canonical_url, ?),
         language = coalesce(language, ?), kind = ?, kind_reason = ?
       WHERE id = ?`,
    );
    // Only while the title and text are still those the features were computed from: a page's
    // text stored after the brief read the row cleared them, and they must stay cleared.
    this.#saveFeatures = db.prepare(
      "UPDATE articles SET features = ? WHERE id = ? AND title = ? AND text = ? AND features IS NOT ?",
    );
    this.#saveFeaturesBatch = db.transaction((items: ArticleFeaturesUpdate[]) => {
      for (const item of items) this.#saveFeatures.run(item.features, item.id, item.title, item.text, item.features);
    });
    this.#recordBatch = db.transaction((id: number, outcome: ExtractionOutcome) => this.#recordOne(id, outcome));
    const lease = db.prepare("UPDATE articles SET extraction_next_at = ? WHERE id = ?");
    this.#claimBatch = db.transaction((now: number, limit: number, leaseUntil: number) => {
      const due = this.#needingText.all(now, limit).map(parseArticle);
      for (const article of due) lease.run(leaseUntil, article.id);
      return due.map((article) => ({ ...article, extractionNextAt: leaseUntil }));
    });
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
    const stored = this.#match.get(a.url, a.url, feedId, a.guid, a.contentHash) as MatchedArticleRow | undefined;
    if (stored === undefined) {
      const { lastInsertRowid } = this.#insert.run(
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
        a.wantsFullText === true ? "pending" : "none",
        a.wantsFullText === true ? a.fetchedAt : null,
        a.kind ?? "news",
        a.kindReason ?? null,
        // Features are computed by the first story pass that reads the article (decision 014).
        null,
      );
      this.#index.run(lastInsertRowid, a.title, a.text);
      return "inserted";
    }
    const update = mergeArticleUpdate(stored, a, feedId);
    if (update === null) return "unchanged";
    this.#update.run(
      update.title,
      update.text,
      update.url,
      update.guid,
      update.title,
      update.author,
      update.publishedAt,
      update.publishedAtEstimated ? 1 : 0,
      update.summary,
      update.text,
      update.contentHash,
      update.language,
      update.extractionStatus,
      update.extractionNextAt,
      stored.id,
    );
    return "updated";
  }

  async searchArticles(query: TopicQuery, options: SearchOptions): Promise<ScoredArticle[]> {
    const match = toFts5Match(query);
    const limit = rowLimit(options.limit);
    if (match === null || limit === 0) return [];
    const since = options.since ?? EARLIEST;
    const until = options.until ?? LATEST;
    const [first, last] = this.#windowIds.get(since, until) as [number | null, number | null];
    if (first === null || last === null) return [];
    const rows = this.#search.all(match, first, last, since, until, limit);
    return rows.map((row) => ({
      article: parseArticle(row),
      relevance: RelevanceRowSchema.parse(row).relevance,
      features: storedFeatures(row),
    }));
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

  async articlesNeedingText(now: number, limit: number): Promise<Article[]> {
    const rows = rowLimit(limit);
    if (rows === 0) return [];
    return this.#needingText.all(now, rows).map(parseArticle);
  }

  async claimArticlesNeedingText(now: number, limit: number, leaseUntil: number): Promise<Article[]> {
    const rows = rowLimit(limit);
    if (rows === 0) return [];
    // IMMEDIATE: the write lock is taken before the read, so two processes on one file cannot both
    // read the same due articles.
    return this.#claimBatch.immediate(now, rows, leaseUntil);
  }

  async saveArticleFeatures(items: ArticleFeaturesUpdate[]): Promise<void> {
    if (items.length === 0) return;
    // better-sqlite3 writes synchronously: yield first so the answer that computed these goes out
    // before the write, not after it.
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.#saveFeaturesBatch.immediate(items);
  }

  async recordExtraction(id: number, outcome: ExtractionOutcome): Promise<RecordExtractionResult | undefined> {
    return this.#recordBatch.immediate(id, outcome);
  }

  #recordOne(id: number, outcome: ExtractionOutcome): RecordExtractionResult | undefined {
    const row = this.#byId.get(id);
    if (row === undefined) return undefined;
    const stored = parseArticle(row);
    if (outcome.kind === "extracted") {
      const page = outcome.page;
      const label = kindAfterExtraction(stored, page);
      this.#recordPage.run(
        page.text,
        null,
        page.byline,
        page.imageUrl,
        page.canonicalUrl,
        page.language,
        label.kind,
        label.kindReason,
        id,
      );
      return { status: "extracted", mergedInto: this.#mergeByCanonical(id, page) };
    }
    // A late answer for an article that is no longer waiting (a merge gave it a page's text
    // meanwhile) counts the try but must not reopen or downgrade it.
    if (stored.extractionStatus !== "pending") {
      this.#recordTry.run(stored.extractionStatus, stored.extractionNextAt, stored.extractionError, id);
      return { status: stored.extractionStatus, mergedInto: null };
    }
    if (outcome.kind === "retry") {
      this.#recordTry.run("pending", outcome.nextAttemptAt, outcome.error, id);
      return { status: "pending", mergedInto: null };
    }
    const status = outcome.kind === "kept" ? "kept" : "failed";
    this.#recordTry.run(status, null, outcome.kind === "kept" ? outcome.reason : outcome.error, id);
    return { status, mergedInto: null };
  }

  async feedArticleLabels(
    feedId: number,
    afterId: number,
    limit: number,
    textChars: number,
  ): Promise<StoredArticleLabel[]> {
    return this.#labels.page(feedId, afterId, limit, textChars);
  }

  async writeArticleKinds(feedId: number, updates: ArticleKindUpdate[]): Promise<number[]> {
    return this.#labels.write(feedId, updates);
  }

  /** Merges article `id` into the stored article its page's canonical URL names, if any. */
  #mergeByCanonical(id: number, page: PageText): number | null {
    if (page.canonicalUrl === null) return null;
    const row = this.#survivor.get(id, page.canonicalUrl, page.canonicalUrl);
    if (row === undefined) return null;
    const survivor = parseArticle(row);
    this.#markDuplicate.run(survivor.id, id, id);
    const { upgrade, text, ...label } = survivorText(survivor, page);
    this.#fillSurvivor.run(
      // The features are cleared only when the text changes: a survivor keeping its own keeps them.
      text,
      text,
      upgrade ? "extracted" : survivor.extractionStatus,
      upgrade ? null : survivor.extractionNextAt,
      page.byline,
      page.imageUrl,
      page.canonicalUrl,
      page.language,
      label.kind,
      label.kindReason,
      survivor.id,
    );
    return survivor.id;
  }
}
