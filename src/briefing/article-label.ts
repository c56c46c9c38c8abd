// What relabelling a feed's stored articles reads and writes through the article store (issue 15):
// the core decides each label (relabelFeedArticles), the store only pages through rows and writes.
import type { Article, ArticleKind } from "./article.js";

/** What the classifier reads of a stored article, with the label it has now. */
export type StoredArticleLabel = Pick<
  Article,
  "id" | "title" | "url" | "text" | "author" | "byline" | "extractionStatus" | "kind" | "kindReason"
>;

/**
 * A new label for a stored article, written only while the row still has the label it was decided
 * over (`from`): an ingest or a page fetch that labelled the row meanwhile ran with the feed's new
 * setting, so its label stands.
 */
export interface ArticleKindUpdate {
  id: number;
  kind: ArticleKind;
  kindReason: string;
  from: { kind: ArticleKind; kindReason: string | null };
}
