// An article's kind once its page is read: the page's text and byline can show a column the feed's
// teaser hid, so the label is decided again, unless the feed itself decided it (see below).
import type { Article, ArticleKind } from "../article.js";
import type { PageText } from "../extraction-outcome.js";
import { classifyArticleKind } from "../stories/classify-article-kind.js";

export interface ArticleKindLabel {
  kind: ArticleKind;
  kindReason: string | null;
}

/**
 * Reasons the page cannot change: the admin's `/feed kind` setting, the item's categories and the
 * feed's title (withArticleKind and classifyArticleKind word them so). Neither is stored with the
 * article, so classifying again without them would throw that evidence away.
 */
const FEED_DECIDED = /^(?:feed set to |category "|outlet ")/;

/**
 * The label to store with the page's text. Unchanged when the feed decided it, or when the article
 * was never labelled (a row from before labels: briefs classify those when read, with the outlet).
 * Otherwise decided again from the title, the URL, the page's text and its byline (else the feed's).
 */
export function kindAfterExtraction(
  article: Pick<Article, "title" | "url" | "author" | "kind" | "kindReason">,
  page: Pick<PageText, "text" | "byline">,
): ArticleKindLabel {
  if (article.kindReason === null || FEED_DECIDED.test(article.kindReason))
    return { kind: article.kind, kindReason: article.kindReason };
  const { kind, reason } = classifyArticleKind({
    title: article.title,
    url: article.url,
    text: page.text,
    author: page.byline ?? article.author,
  });
  return { kind, kindReason: `${reason}, from the page` };
}
