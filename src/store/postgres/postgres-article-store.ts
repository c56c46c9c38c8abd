// ArticleStore on PostgreSQL: deduplicating upserts with SQLite's exact semantics (one transaction
// per batch, one lookup and one insert for most of it, one advisory lock on article writes so two instances never insert
// one story twice), bm25 search over the weighted tsvector bounded by the time window first, recency
// lists, retention, the full-text queue and canonical-URL merges.
import type pg from "pg";
import type { Article, ExtractionStatus, NewArticle, ScoredArticle, UpsertResult } from "../../briefing/article.js";
import type { ArticleKindUpdate, StoredArticleLabel } from "../../briefing/article-label.js";
import type { TopicQuery } from "../../briefing/briefs/topic-query.js";
import type { ExtractionOutcome, PageText, RecordExtractionResult } from "../../briefing/extraction-outcome.js";
import { kindAfterExtraction } from "../../briefing/feeds/kind-after-extraction.js";
import { survivorText } from "../../briefing/feeds/survivor-text.js";
import type { ArticleFeaturesUpdate, ArticleStore, SearchOptions } from "../../briefing/ports.js";
import { type MatchedArticleRow, mergeArticleUpdate } from "../merge-article-update.js";
import { planArticleBatch } from "../plan-article-batch.js";
import { EARLIEST, LATEST, rowLimit } from "../query-bounds.js";
import { pageArticleLabels, writeArticleKinds } from "./postgres-article-labels.js";
import { TEXT_SEARCH_CONFIG } from "./postgres-migrations.js";
import { withTransaction } from "./postgres-pool.js";
import { PgArticleRowSchema, PgCountRowSchema, PgRelevanceRowSchema } from "./postgres-row-schemas.js";
import { countTokens, toPostgresTopicPhrases } from "./postgres-topic-query.js";

/** Every stored column but the search vector and token count (internal to search). */
export const ARTICLE_COLUMNS = `id, feed_id, url, guid, title, author, published_at, published_at_estimated, fetched_at,
  summary, text, content_hash, language, backlog, byline, image_url, canonical_url, extraction_status,
  extraction_attempts, extraction_next_at, extraction_error, duplicate_of, kind, kind_reason`;

/** ARTICLE_COLUMNS of the table aliased `a`. */
const A_COLUMNS = ARTICLE_COLUMNS.replace(/(\w+)/g, "a.$1");

/** Articles due for a page fetch ($1 = now, $2 = limit), soonest first: the port's articlesNeedingText. */
const DUE_FOR_TEXT = `FROM articles a JOIN feeds f ON f.id = a.feed_id
  WHERE a.extraction_status = 'pending' AND a.extraction_next_at <= $1 AND a.duplicate_of IS NULL
    AND f.fulltext <> 'never'
  ORDER BY a.extraction_next_at, a.id LIMIT $2`;

/**
 * bm25 as SQLite's FTS5 computes it (k1 = 1.2, b = 0.75, idf floored at 1e-6, title words weigh 10
 * and text words 1), window first (issue 16, docs/decisions/019): nothing outside the window
 * [$2, $3) is read, scored or counted, so a brief's cost follows the window's articles, not the store's.
 * - Retrieval: the GIN match ANDed with the published_at range (a BitmapAnd of both indexes): only
 *   the window's matching rows are fetched.
 * - Statistics: each phrase's document count and the document count are the window's (FTS5 counts
 *   all time; counting here visited every matching row of all time, the larger part of a query at
 *   100,000 articles and growing with the store). The average length stays the store's, from
 *   article_totals (migration 6), not a scan. A topic of one phrase ranks exactly as with all-time
 *   counts (its idf multiplies every score alike); only the weights between a topic's phrases move.
 * - Scoring: term frequencies come from the tsvector's positions and weights (A title, B text),
 *   read from the two small vectors ts_filter and setweight cut out of it (the topic's lexemes
 *   only, title and text apart), not from unnesting every lexeme of every row (0.15 ms a row, most
 *   of a query). A phrase counts as often as its rarest word present. The frequencies are grouped
 *   over all matched rows at once (lexeme, then phrase, then article), not by a subquery per row
 *   (its hash aggregate set up ~1,000-3,000 times a search); the sum over phrases is ORDERed by the
 *   phrase's place in `weights`, the order the per-row sum added them in, so scores are bit-equal.
 * - Only the best $4 ids are scored and sorted; their full rows are read last, by primary key,
 *   with their clustering features from article_features (migration 12).
 * Phrases (a group's own words and its alternatives, text[] $1 with their group numbers in $5) are
 * ORed within a group; groups are ANDed, or ORed when $6 is true (a topic matched by most words).
 * A phrase's tsquery is turned back into text and re-read only as phraseto_tsquery wrote it.
 * The CTEs are MATERIALIZED: inlined into the per-row LATERAL, the counts would run once per
 * matching article (seconds at 20,000 articles instead of milliseconds).
 */
const SEARCH_SQL = `
  WITH groups AS MATERIALIZED (
    SELECT t.grp, phraseto_tsquery('${TEXT_SEARCH_CONFIG}', t.words) AS q,
      tsvector_to_array(to_tsvector('${TEXT_SEARCH_CONFIG}', t.words)) AS lexemes
    FROM unnest($1::text[], $5::int[]) AS t (words, grp)
  ),
  used AS (SELECT * FROM groups WHERE numnode(q) > 0),
  per_group AS (SELECT grp, string_agg('(' || q::text || ')', ' | ')::tsquery AS q FROM used GROUP BY grp),
  topic AS MATERIALIZED (
    SELECT CASE WHEN $6::boolean THEN string_agg('(' || q::text || ')', ' | ')::tsquery
      ELSE briefbot_tsquery_and(q ORDER BY grp) END AS q
    FROM per_group
  ),
  corpus AS MATERIALIZED (
    SELECT coalesce(sum(tokens)::float8 / nullif(sum(articles), 0), 0)::float8 AS avgdl FROM article_totals
  ),
  win AS MATERIALIZED (
    SELECT count(*)::float8 AS n FROM articles WHERE published_at >= $2 AND published_at < $3
  ),
  weights AS MATERIALIZED (
    SELECT used.lexemes, greatest(ln((win.n - h.hits + 0.5) / (h.hits + 0.5)), 1e-6) AS idf
    FROM used, win, LATERAL (
      SELECT count(*)::float8 AS hits FROM articles
      WHERE search @@ used.q AND published_at >= $2 AND published_at < $3
    ) h
  ),
  wanted AS MATERIALIZED (SELECT array_agg(DISTINCT l) AS lexemes FROM used, unnest(used.lexemes) l),
  matched AS MATERIALIZED (
    SELECT a.id, a.published_at, a.token_count,
      ts_filter(setweight(ts_filter(a.search, '{a}'), 'd', wanted.lexemes), '{d}') AS in_title,
      ts_filter(setweight(ts_filter(a.search, '{b}'), 'd', wanted.lexemes), '{d}') AS in_text
    FROM topic, wanted, articles a
    WHERE topic.q IS NOT NULL AND a.search @@ topic.q AND a.published_at >= $2 AND a.published_at < $3
      AND a.duplicate_of IS NULL
  ),
  phrases AS MATERIALIZED (SELECT row_number() OVER () AS k, lexemes, idf FROM weights),
  lexeme_freqs AS (
    SELECT m.id, m.published_at, m.token_count, u.lexeme, sum(u.f) AS f
    FROM matched m LEFT JOIN LATERAL (
      SELECT lexeme, 10.0 * cardinality(positions) AS f FROM unnest(m.in_title)
      UNION ALL
      SELECT lexeme, 1.0 * cardinality(positions) FROM unnest(m.in_text)
    ) u ON true
    GROUP BY m.id, m.published_at, m.token_count, u.lexeme
  ),
  phrase_freqs AS (
    SELECT l.id, l.published_at, l.token_count, p.k, min(l.f) AS freq
    FROM lexeme_freqs l LEFT JOIN phrases p ON l.lexeme = ANY (p.lexemes)
    GROUP BY l.id, l.published_at, l.token_count, p.k
  ),
  scored AS (
    SELECT f.id, f.published_at, coalesce(sum(p.idf * (f.freq * 2.2)
      / (f.freq + 1.2 * (0.25 + 0.75 * f.token_count / greatest(corpus.avgdl, 1e-9))) ORDER BY p.k), 0)::float8 AS relevance
    FROM phrase_freqs f LEFT JOIN phrases p ON p.k = f.k, corpus
    GROUP BY f.id, f.published_at
    ORDER BY relevance DESC, f.published_at DESC, f.id DESC
    LIMIT $4
  )
  SELECT ${A_COLUMNS}, f.features, s.relevance
  FROM scored s JOIN articles a ON a.id = s.id LEFT JOIN article_features f ON f.article_id = s.id
  ORDER BY s.relevance DESC, s.published_at DESC, s.id DESC`;

/** The columns the dedup rules read (MatchedArticleRow). */
const MATCHED_COLUMNS = `id, feed_id, url, guid, title, author, published_at, published_at_estimated, summary, text,
  content_hash, language, canonical_url, extraction_status, extraction_next_at`;

/** A stored row as an Article, checked at the store boundary. */
function parseArticle(row: unknown): Article {
  return PgArticleRowSchema.parse(row);
}

/**
 * Serializes article writes across instances with one transaction-scoped advisory lock, so two
 * instances storing the same story (a syndicated item in two feeds) take turns and the second finds
 * the first's row, as SQLite's single writer guarantees. One lock, not one per dedup key: a
 * 500-item batch has about 1,500 keys, and that many locks per transaction exhausted PostgreSQL's
 * shared lock table ("out of shared memory") once three instances wrote at once (bench:ingest).
 * Fetching and parsing still run in parallel; only the writes take turns.
 */
const ARTICLE_WRITE_LOCK = "briefbot:article-writes";

async function lockArticleWrites(client: pg.PoolClient): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [ARTICLE_WRITE_LOCK]);
}

export class PostgresArticleStore implements ArticleStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async upsertArticles(feedId: number, articles: NewArticle[], options: { backlog: boolean }): Promise<UpsertResult> {
    if (articles.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
    return withTransaction(this.#pool, async (client) => {
      // The search vectors of the articles that look new are the costly part of an insert: computed
      // before the lock, other instances write meanwhile (a row that turns out stored after all
      // just wastes its vector; one inserted without a vector gets it from the trigger).
      const vectors = await this.#vectorsForNew(client, feedId, articles);
      await lockArticleWrites(client);
      const result: UpsertResult = { inserted: 0, updated: 0, unchanged: 0 };
      // Round trips are what the lock is held for: one lookup for the whole batch, one insert for
      // every new article, and single-item steps only for items that share a key or a stored row.
      const matched = await this.#matchBatch(client, feedId, articles);
      const plan = planArticleBatch(
        articles,
        matched.map((row) => row?.id ?? null),
      );
      result.inserted += await this.#insertMany(
        client,
        feedId,
        plan.inserts.map((i) => articles[i] as NewArticle),
        plan.inserts.map((i) => vectors.get(i) ?? null),
        options.backlog,
      );
      for (const i of plan.updates) {
        const stored = matched[i];
        const article = articles[i];
        if (stored === null || stored === undefined || article === undefined) continue;
        result[await this.#mergeInto(client, stored, article, feedId)] += 1;
      }
      // Sequential on purpose, as in SQLite: a row stored earlier in the batch is visible to the next lookup.
      for (const i of plan.sequential) {
        const article = articles[i];
        if (article !== undefined) result[await this.#upsertOne(client, feedId, article, options.backlog)] += 1;
      }
      return result;
    });
  }

  /** The stored row each article matches by its dedup keys (in priority order), or null. */
  async #matchBatch(
    client: pg.PoolClient,
    feedId: number,
    articles: NewArticle[],
  ): Promise<(MatchedArticleRow | null)[]> {
    const { rows } = await client.query<MatchedArticleRow & { ord: number }>({
      name: "briefbot_article_match_batch",
      // The matched id is computed first, then its row fetched by a LATERAL with LIMIT 1, which
      // the planner cannot turn into a join: joined plainly (or as "WHERE id = coalesce(...)"),
      // the rows came from a hash join over a scan of the whole table, per batch (bench:brief's
      // load slowed down as the table grew).
      text: `SELECT m.ord::int AS ord, a.*
        FROM (
          SELECT t.ord, coalesce(
            (SELECT id FROM articles WHERE url = t.url ORDER BY id LIMIT 1),
            (SELECT id FROM articles WHERE canonical_url = t.url ORDER BY duplicate_of IS NOT NULL, id LIMIT 1),
            (SELECT id FROM articles WHERE feed_id = $4 AND guid = t.guid ORDER BY id LIMIT 1),
            (SELECT id FROM articles WHERE content_hash = t.hash ORDER BY id LIMIT 1)) AS match_id
          FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t (url, guid, hash, ord)
        ) m
        JOIN LATERAL (SELECT ${MATCHED_COLUMNS} FROM articles WHERE id = m.match_id LIMIT 1) a ON true`,
      values: [articles.map((a) => a.url), articles.map((a) => a.guid), articles.map((a) => a.contentHash), feedId],
    });
    const byItem: (MatchedArticleRow | null)[] = articles.map(() => null);
    for (const { ord, ...row } of rows) byItem[ord - 1] = row;
    return byItem;
  }

  /** Search vectors (tsvector text) of the batch's articles that no stored row matches yet, by index. */
  async #vectorsForNew(client: pg.PoolClient, feedId: number, articles: NewArticle[]): Promise<Map<number, string>> {
    const { rows } = await client.query<{ ord: number; vector: string }>({
      name: "briefbot_article_vectors_for_new",
      text: `SELECT t.ord::int AS ord, briefbot_article_vector(t.title, t.body)::text AS vector
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
          AS t (url, guid, hash, title, body, ord)
        WHERE NOT EXISTS (SELECT 1 FROM articles WHERE url = t.url)
          AND NOT EXISTS (SELECT 1 FROM articles WHERE canonical_url = t.url)
          AND NOT EXISTS (SELECT 1 FROM articles WHERE feed_id = $6 AND guid = t.guid)
          AND NOT EXISTS (SELECT 1 FROM articles WHERE content_hash = t.hash)`,
      values: [
        articles.map((a) => a.url),
        articles.map((a) => a.guid),
        articles.map((a) => a.contentHash),
        articles.map((a) => a.title),
        articles.map((a) => a.text),
        feedId,
      ],
    });
    return new Map(rows.map((row) => [row.ord - 1, row.vector]));
  }

  /**
   * Inserts new articles in one statement (column arrays unnested in order). A null vector is
   * computed by the table's trigger (migration 5).
   */
  async #insertMany(
    client: pg.PoolClient,
    feedId: number,
    articles: NewArticle[],
    vectors: (string | null)[],
    backlog: boolean,
  ): Promise<number> {
    if (articles.length === 0) return 0;
    const column = <T>(pick: (a: NewArticle) => T): T[] => articles.map(pick);
    const wants = (a: NewArticle) => a.wantsFullText === true;
    const result = await client.query({
      name: "briefbot_article_insert_many",
      text: `INSERT INTO articles (feed_id, backlog, url, guid, title, author, published_at, published_at_estimated,
          fetched_at, summary, text, content_hash, language, extraction_status, extraction_next_at, token_count,
          search, kind, kind_reason)
        SELECT $1, $2, url, guid, title, author, published_at, published_at_estimated, fetched_at, summary, text,
          content_hash, language, extraction_status, extraction_next_at, token_count, search, kind, kind_reason
        FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::boolean[], $9::bigint[],
          $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::bigint[], $16::int[], $17::tsvector[],
          $18::text[], $19::text[])
          WITH ORDINALITY AS t (url, guid, title, author, published_at, published_at_estimated, fetched_at, summary,
            text, content_hash, language, extraction_status, extraction_next_at, token_count, search, kind,
            kind_reason, ord)
        -- Ids follow batch order, as they would one insert at a time.
        ORDER BY ord`,
      values: [
        feedId,
        backlog,
        column((a) => a.url),
        column((a) => a.guid),
        column((a) => a.title),
        column((a) => a.author),
        column((a) => a.publishedAt),
        column((a) => a.publishedAtEstimated),
        column((a) => a.fetchedAt),
        column((a) => a.summary),
        column((a) => a.text),
        column((a) => a.contentHash),
        column((a) => a.language),
        column((a) => (wants(a) ? "pending" : "none")),
        column((a) => (wants(a) ? a.fetchedAt : null)),
        column((a) => countTokens(a.title, a.text)),
        vectors,
        column((a) => a.kind ?? "news"),
        column((a) => a.kindReason ?? null),
      ],
    });
    return result.rowCount ?? articles.length;
  }

  async #upsertOne(
    client: pg.PoolClient,
    feedId: number,
    a: NewArticle,
    backlog: boolean,
  ): Promise<keyof UpsertResult> {
    // Dedup keys in priority order: link, a page's canonical URL, guid in this feed, content hash.
    const { rows } = await client.query<MatchedArticleRow>({
      name: "briefbot_article_match",
      text: `SELECT ${MATCHED_COLUMNS}
        FROM articles WHERE id = coalesce(
          (SELECT id FROM articles WHERE url = $1 ORDER BY id LIMIT 1),
          (SELECT id FROM articles WHERE canonical_url = $1 ORDER BY duplicate_of IS NOT NULL, id LIMIT 1),
          (SELECT id FROM articles WHERE feed_id = $2 AND guid = $3 ORDER BY id LIMIT 1),
          (SELECT id FROM articles WHERE content_hash = $4 ORDER BY id LIMIT 1))`,
      values: [a.url, feedId, a.guid, a.contentHash],
    });
    const stored = rows[0];
    if (stored === undefined) {
      await this.#insertMany(client, feedId, [a], [null], backlog);
      return "inserted";
    }
    return this.#mergeInto(client, stored, a, feedId);
  }

  /** Applies what `a` changes in the stored row it matched. */
  async #mergeInto(
    client: pg.PoolClient,
    stored: MatchedArticleRow,
    a: NewArticle,
    feedId: number,
  ): Promise<keyof UpsertResult> {
    const update = mergeArticleUpdate(stored, a, feedId);
    if (update === null) return "unchanged";
    await client.query({
      name: "briefbot_article_update",
      // The features (derived from title and text, decision 014) are cleared by a trigger when
      // either changes (migration 12).
      text: `UPDATE articles SET url = $1, guid = $2, title = $3, author = $4, published_at = $5,
          published_at_estimated = $6, summary = $7, text = $8, content_hash = $9, language = $10,
          extraction_status = $11, extraction_next_at = $12, token_count = $13
        WHERE id = $14`,
      values: [
        update.url,
        update.guid,
        update.title,
        update.author,
        update.publishedAt,
        update.publishedAtEstimated,
        update.summary,
        update.text,
        update.contentHash,
        update.language,
        update.extractionStatus,
        update.extractionNextAt,
        countTokens(update.title, update.text),
        stored.id,
      ],
    });
    return "updated";
  }

  async searchArticles(query: TopicQuery, options: SearchOptions): Promise<ScoredArticle[]> {
    const topic = toPostgresTopicPhrases(query);
    const limit = rowLimit(options.limit);
    if (topic === null || limit === 0) return [];
    const { rows } = await this.#pool.query({
      // Unnamed on purpose: a named (prepared) statement switches to a generic plan after five
      // runs, and without the window's bounds that plan reads the window's rows one by one and
      // tests each search vector (4x slower at 100,000 articles) instead of ANDing both indexes.
      // Planning anew costs about half a millisecond.
      text: SEARCH_SQL,
      values: [topic.phrases, options.since ?? EARLIEST, options.until ?? LATEST, limit, topic.groups, topic.any],
    });
    return rows.map((row) => ({
      article: parseArticle(row),
      relevance: PgRelevanceRowSchema.parse(row).relevance,
      features: typeof row.features === "string" ? row.features : null,
    }));
  }

  async recentArticles(options: SearchOptions): Promise<Article[]> {
    const limit = rowLimit(options.limit);
    if (limit === 0) return [];
    const { rows } = await this.#pool.query({
      name: "briefbot_article_recent",
      text: `SELECT ${ARTICLE_COLUMNS} FROM articles
        WHERE published_at >= $1 AND published_at < $2 AND duplicate_of IS NULL
        ORDER BY published_at DESC, id DESC LIMIT $3`,
      values: [options.since ?? EARLIEST, options.until ?? LATEST, limit],
    });
    return rows.map(parseArticle);
  }

  async getArticles(ids: number[]): Promise<Article[]> {
    if (ids.length === 0) return [];
    const wanted = [...new Set(ids)].filter((id) => Number.isSafeInteger(id));
    const { rows } = await this.#pool.query(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = ANY ($1::bigint[])`, [
      wanted,
    ]);
    const byId = new Map<number, Article>();
    for (const row of rows) {
      const article = parseArticle(row);
      byId.set(article.id, article);
    }
    return wanted.flatMap((id) => byId.get(id) ?? []);
  }

  async countArticles(feedId?: number): Promise<number> {
    const { rows } =
      feedId === undefined
        ? await this.#pool.query("SELECT count(*) AS count FROM articles")
        : await this.#pool.query("SELECT count(*) AS count FROM articles WHERE feed_id = $1", [feedId]);
    return PgCountRowSchema.parse(rows[0]).count;
  }

  async pruneArticles(cutoff: number): Promise<number> {
    const result = await this.#pool.query("DELETE FROM articles WHERE published_at < $1", [cutoff]);
    // bm25's totals grow a row per writing statement (migration 6): fold them into one. The
    // rows a concurrent compaction already took are skipped, so totals are never counted twice.
    await this.#pool.query(
      `WITH gone AS (DELETE FROM article_totals RETURNING articles, tokens)
       INSERT INTO article_totals SELECT coalesce(sum(articles), 0), coalesce(sum(tokens), 0) FROM gone`,
    );
    return result.rowCount ?? 0;
  }

  async articlesNeedingText(now: number, limit: number): Promise<Article[]> {
    const rows = rowLimit(limit);
    if (rows === 0) return [];
    const result = await this.#pool.query(`SELECT ${A_COLUMNS} ${DUE_FOR_TEXT}`, [now, rows]);
    return result.rows.map(parseArticle);
  }

  async claimArticlesNeedingText(now: number, limit: number, leaseUntil: number): Promise<Article[]> {
    const rows = rowLimit(limit);
    if (rows === 0) return [];
    // SKIP LOCKED: an instance claiming at the same moment takes the next due articles instead of
    // waiting for these (and then finding them leased).
    const result = await this.#pool.query(
      `WITH due AS (
         SELECT a.id, a.extraction_next_at AS due_at ${DUE_FOR_TEXT}
         FOR UPDATE OF a SKIP LOCKED
       ),
       claimed AS (
         UPDATE articles a SET extraction_next_at = $3 FROM due WHERE a.id = due.id
         RETURNING ${A_COLUMNS}, due.due_at
       )
       SELECT * FROM claimed ORDER BY due_at, id`,
      [now, rows, leaseUntil],
    );
    return result.rows.map(parseArticle);
  }

  feedArticleLabels(feedId: number, afterId: number, limit: number, textChars: number): Promise<StoredArticleLabel[]> {
    return pageArticleLabels(this.#pool, feedId, afterId, limit, textChars);
  }

  async writeArticleKinds(feedId: number, updates: ArticleKindUpdate[]): Promise<number[]> {
    if (updates.length === 0) return [];
    return withTransaction(this.#pool, async (client) => {
      await lockArticleWrites(client);
      return writeArticleKinds(client, feedId, updates);
    });
  }

  async saveArticleFeatures(updates: ArticleFeaturesUpdate[]): Promise<void> {
    // One row per article (the last given): ON CONFLICT may not touch a row twice in one statement.
    const items = [...new Map(updates.map((u) => [u.id, u])).values()];
    if (items.length === 0) return;
    // One statement, into article_features (migration 12): the article rows are only read, so
    // their pages stay all-visible and the search index gets no new entries. Only while title and
    // text are those the features were computed from: FOR SHARE waits for a transaction that is
    // changing the row (a page's text being committed) and re-checks this WHERE against the row
    // it committed, and holds off such a change until this insert commits, so the trigger that
    // clears features on a text change (migration 12) always runs after it: stale features are
    // never kept. A row lock leaves the page all-visible (it clears only all-frozen).
    await this.#pool.query({
      name: "briefbot_article_save_features",
      text: `INSERT INTO article_features (article_id, features)
        SELECT a.id, t.features
        FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS t (id, features, title, text)
          JOIN articles a ON a.id = t.id
        WHERE a.title = t.title AND a.text = t.text
        ORDER BY a.id
        FOR SHARE OF a
        ON CONFLICT (article_id) DO UPDATE SET features = excluded.features
          WHERE article_features.features IS DISTINCT FROM excluded.features`,
      values: [
        items.map((i) => i.id),
        items.map((i) => i.features),
        items.map((i) => i.title),
        items.map((i) => i.text),
      ],
    });
  }

  async recordExtraction(id: number, outcome: ExtractionOutcome): Promise<RecordExtractionResult | undefined> {
    return withTransaction(this.#pool, async (client) => {
      if (outcome.kind === "extracted" && outcome.page.canonicalUrl !== null) {
        await lockArticleWrites(client);
      }
      const { rows } = await client.query(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = $1 FOR UPDATE`, [id]);
      if (rows[0] === undefined) return undefined;
      const stored = parseArticle(rows[0]);
      if (outcome.kind === "extracted") {
        const page = outcome.page;
        const label = kindAfterExtraction(stored, page);
        await client.query(
          `UPDATE articles SET text = $1, byline = $2, image_url = $3, canonical_url = $4,
             language = coalesce($5, language), extraction_status = 'extracted',
             extraction_attempts = extraction_attempts + 1, extraction_next_at = NULL, extraction_error = NULL,
             token_count = $6, kind = $7, kind_reason = $8
           WHERE id = $9`,
          [
            page.text,
            page.byline,
            page.imageUrl,
            page.canonicalUrl,
            page.language,
            countTokens(stored.title, page.text),
            label.kind,
            label.kindReason,
            id,
          ],
        );
        return { status: "extracted" as const, mergedInto: await this.#mergeByCanonical(client, id, page) };
      }
      // A late answer for an article that is no longer waiting counts the try but changes nothing else.
      if (stored.extractionStatus !== "pending") {
        await this.#recordTry(client, id, stored.extractionStatus, stored.extractionNextAt, stored.extractionError);
        return { status: stored.extractionStatus, mergedInto: null };
      }
      if (outcome.kind === "retry") {
        await this.#recordTry(client, id, "pending", outcome.nextAttemptAt, outcome.error);
        return { status: "pending" as const, mergedInto: null };
      }
      const status = outcome.kind === "kept" ? "kept" : "failed";
      await this.#recordTry(client, id, status, null, outcome.kind === "kept" ? outcome.reason : outcome.error);
      return { status, mergedInto: null };
    });
  }

  async #recordTry(
    client: pg.PoolClient,
    id: number,
    status: ExtractionStatus,
    nextAt: number | null,
    error: string | null,
  ): Promise<void> {
    await client.query(
      `UPDATE articles SET extraction_status = $1, extraction_attempts = extraction_attempts + 1,
         extraction_next_at = $2, extraction_error = $3
       WHERE id = $4`,
      [status, nextAt, error, id],
    );
  }

  /** Merges article `id` into the stored article its page's canonical URL names, if any. */
  async #mergeByCanonical(client: pg.PoolClient, id: number, page: PageText): Promise<number | null> {
    if (page.canonicalUrl === null) return null;
    const { rows } = await client.query(
      `SELECT ${ARTICLE_COLUMNS} FROM articles
       WHERE id <> $1 AND duplicate_of IS NULL AND (url = $2 OR canonical_url = $2)
       ORDER BY id LIMIT 1 FOR UPDATE`,
      [id, page.canonicalUrl],
    );
    if (rows[0] === undefined) return null;
    const survivor = parseArticle(rows[0]);
    // Earlier duplicates of the merged article follow it to the survivor: no chains.
    await client.query("UPDATE articles SET duplicate_of = $1 WHERE id = $2 OR duplicate_of = $2", [survivor.id, id]);
    const { upgrade, text, ...label } = survivorText(survivor, page);
    await client.query(
      `UPDATE articles SET text = $1, extraction_status = $2, extraction_next_at = $3, byline = coalesce(byline, $4),
         image_url = coalesce(image_url, $5), canonical_url = coalesce(canonical_url, $6),
         language = coalesce(language, $7), token_count = $8, kind = $10, kind_reason = $11
       WHERE id = $9`,
      [
        text,
        upgrade ? "extracted" : survivor.extractionStatus,
        upgrade ? null : survivor.extractionNextAt,
        page.byline,
        page.imageUrl,
        page.canonicalUrl,
        page.language,
        countTokens(survivor.title, text),
        survivor.id,
        label.kind,
        label.kindReason,
      ],
    );
    return survivor.id;
  }
}
