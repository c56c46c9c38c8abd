// Labels an incoming article news, opinion or other once, at ingest, so briefs only read the
// label: the feed's `/feed kind` setting wins, else the classifier decides from what the item carries.
import type { NewArticle } from "../article.js";
import type { Feed } from "../feed.js";
import type { PreparedItem } from "../parsed-feed.js";
import { classifyArticleKind } from "../stories/classify-article-kind.js";

/** The reason stored with an article labelled by its feed's `/feed kind` setting (kindAfterExtraction keeps it). */
export function feedKindReason(kind: "opinion" | "news"): string {
  return `feed set to ${kind}`;
}

/**
 * The article with `kind` and `kindReason` set; `outlet` is the feed's title as the feed gives it,
 * `categories` the item's own (an "Opinion" category is the publisher labelling its section). The
 * categories are not stored: a label they decide keeps its reason, which recordExtraction respects.
 * `prepared` is the label the parser worker found for the same item (classifyArticleKind on the
 * same fields): used when it was read with this outlet, so the result is the same either way.
 */
export function withArticleKind(
  article: NewArticle,
  feed: Pick<Feed, "kind">,
  outlet: string | null,
  categories: readonly string[] = [],
  prepared?: Pick<PreparedItem, "kind" | "kindReason" | "outlet">,
): NewArticle {
  if (feed.kind !== "auto") return { ...article, kind: feed.kind, kindReason: feedKindReason(feed.kind) };
  if (prepared !== undefined && prepared.outlet === outlet) {
    return { ...article, kind: prepared.kind, kindReason: prepared.kindReason };
  }
  const { kind, reason } = classifyArticleKind({
    title: article.title,
    url: article.url,
    text: article.text,
    outlet,
    categories,
    author: article.author,
  });
  return { ...article, kind, kindReason: reason };
}
