// The PostgreSQL side of relabelling a feed's stored articles (`/feed kind`): pages of rows by id
// and one statement per page of new labels, under the store's article-write lock.
import type pg from "pg";
import type { ArticleKindUpdate, StoredArticleLabel } from "../../briefing/article-label.js";
import { ARTICLE_LABEL_COLUMNS, ArticleLabelRowSchema } from "../article-label-rows.js";

/** left() counts characters, so the core's slice of this text equals its slice of the whole. */
export async function pageArticleLabels(
  pool: pg.Pool,
  feedId: number,
  afterId: number,
  limit: number,
  textChars: number,
): Promise<StoredArticleLabel[]> {
  const { rows } = await pool.query({
    name: "briefbot_article_label_page",
    text: `SELECT ${ARTICLE_LABEL_COLUMNS}, left(text, $4) AS text FROM articles
      WHERE feed_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
    values: [feedId, afterId, limit, textChars],
  });
  return rows.map((row) => ArticleLabelRowSchema.parse(row));
}

/**
 * One UPDATE for the page, in the caller's transaction, which holds the article-write lock: an
 * upsert batch locks many rows of a feed in its own order after taking it, so taking it too means
 * the two never wait on each other's rows. Neither the search vector nor the totals change (their
 * triggers act only on a new title, text or token count).
 */
export async function writeArticleKinds(
  client: pg.PoolClient,
  feedId: number,
  updates: ArticleKindUpdate[],
): Promise<number[]> {
  const { rows } = await client.query<{ id: number }>({
    name: "briefbot_article_write_kinds",
    text: `UPDATE articles a SET kind = t.kind, kind_reason = t.reason
        FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[])
          AS t (id, kind, reason, from_kind, from_reason)
        WHERE a.id = t.id AND a.feed_id = $1 AND a.kind = t.from_kind
          AND a.kind_reason IS NOT DISTINCT FROM t.from_reason
        RETURNING a.id`,
    values: [
      feedId,
      updates.map((u) => u.id),
      updates.map((u) => u.kind),
      updates.map((u) => u.kindReason),
      updates.map((u) => u.from.kind),
      updates.map((u) => u.from.kindReason),
    ],
  });
  return rows.map((row) => Number(row.id));
}
