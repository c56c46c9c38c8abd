// The SQLite side of relabelling a feed's stored articles (`/feed kind`): pages of rows by id and
// one transaction per page of new labels. Kind is in no index and no search column, so only kind is written.
import type { Database, Statement, Transaction } from "better-sqlite3";
import type { ArticleKindUpdate, StoredArticleLabel } from "../../briefing/article-label.js";
import { ARTICLE_LABEL_COLUMNS, ArticleLabelRowSchema } from "../article-label-rows.js";

export class SqliteArticleLabels {
  readonly #page: Statement;
  readonly #write: Statement;
  readonly #writeBatch: Transaction<(feedId: number, updates: ArticleKindUpdate[]) => number[]>;

  constructor(db: Database) {
    // substr counts characters, so the core's slice of this text equals its slice of the whole.
    this.#page = db.prepare(
      `SELECT ${ARTICLE_LABEL_COLUMNS}, substr(text, 1, ?) AS text FROM articles
       WHERE feed_id = ? AND id > ? ORDER BY id LIMIT ?`,
    );
    this.#write = db.prepare(
      `UPDATE articles SET kind = ?, kind_reason = ?
       WHERE id = ? AND feed_id = ? AND kind = ? AND kind_reason IS ?`,
    );
    this.#writeBatch = db.transaction((feedId: number, updates: ArticleKindUpdate[]) => {
      const written: number[] = [];
      for (const u of updates) {
        const { changes } = this.#write.run(u.kind, u.kindReason, u.id, feedId, u.from.kind, u.from.kindReason);
        if (changes > 0) written.push(u.id);
      }
      return written;
    });
  }

  page(feedId: number, afterId: number, limit: number, textChars: number): StoredArticleLabel[] {
    return this.#page.all(textChars, feedId, afterId, limit).map((row) => ArticleLabelRowSchema.parse(row));
  }

  write(feedId: number, updates: ArticleKindUpdate[]): number[] {
    return updates.length === 0 ? [] : this.#writeBatch.immediate(feedId, updates);
  }
}
