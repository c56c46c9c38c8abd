// The one statement that adds a new article row to the FTS5 search index. Every code path that
// inserts into `articles` runs it in the same transaction: no insert trigger does (migration 4).

/**
 * A single-row VALUES insert, on purpose: an INSERT ... SELECT would open a statement savepoint,
 * and FTS5 flushes its pending terms at every savepoint (one index segment per article again).
 * Parameters: the article's id, title and text.
 */
export const INDEX_NEW_ARTICLE_SQL = "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)";
