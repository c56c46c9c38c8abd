// A parsed feed item as ingest hands it to the store: normalised, its page wished for or not, and
// labelled news, opinion or other; from what the parser worker prepared when it did (the same result).
import type { NewArticle } from "../article.js";
import type { Feed } from "../feed.js";
import type { FeedItem } from "../parsed-feed.js";
import type { ArticleNormalizer } from "../ports.js";
import { withFullTextWish } from "./needs-full-text.js";
import { withArticleKind } from "./with-article-kind.js";

/**
 * `outlet` is the feed's title as ingest knows it (the stored one, else the document's). The
 * item's `prepared` part, when present, saves the teaser check and the classifier here: the
 * normaliser reads its URL and hash, and its label counts only when read with the same outlet.
 */
export function articleFromItem(
  item: FeedItem,
  feed: Pick<Feed, "kind" | "fulltext">,
  outlet: string | null,
  normalize: ArticleNormalizer,
  fetchedAt: number,
): NewArticle {
  const prepared = item.prepared;
  const article = withFullTextWish(normalize(item, fetchedAt), feed.fulltext, prepared?.teaser);
  return withArticleKind(article, feed, outlet, item.categories, prepared);
}
