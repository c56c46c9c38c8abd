// A story pass's candidates as clustering documents, with each article's stored features where they
// are current, and the features the pass had to compute, handed back to the store (decision 014).
import type { ScoredArticle } from "../article.js";
import type { ArticleFeaturesUpdate, ArticleStore, Logger } from "../ports.js";
import {
  articleFeatures,
  articleSummaryFeatures,
  CLUSTER_TEXT_CHARS,
  decodeArticleFeatures,
  encodeArticleFeatures,
} from "./article-features.js";
import type { ClusterDocument } from "./cluster-stories.js";

export interface CandidateDocuments {
  documents: ClusterDocument[];
  /** Features computed here because the store had none (or of another version) for the article. */
  computed: ArticleFeaturesUpdate[];
}

/** `links: false` leaves out the articles' links (alerts cluster without them). */
export function candidateDocuments(
  candidates: readonly ScoredArticle[],
  sourceName: (feedId: number) => string,
  options: { links: boolean } = { links: true },
): CandidateDocuments {
  const computed: ArticleFeaturesUpdate[] = [];
  const documents = candidates.map(({ article, features }): ClusterDocument => {
    let prepared = decodeArticleFeatures(features);
    // `features` undefined: the rows came without the column (recentArticles), so clustering
    // computes them as it always did and there is nothing to hand back for this article. The
    // summary's part is computed with the clustering's, for every candidate: a later brief may
    // put any of them on its card.
    if (prepared === undefined && features !== undefined) {
      prepared = articleFeatures(article.title, article.text);
      computed.push({
        id: article.id,
        features: encodeArticleFeatures(prepared, articleSummaryFeatures(article.title, article.text)),
        title: article.title,
        text: article.text,
      });
    }
    return {
      id: String(article.id),
      title: article.title,
      text: article.text.slice(0, CLUSTER_TEXT_CHARS),
      source: sourceName(article.feedId),
      ...(options.links ? { url: article.url } : {}),
      publishedAt: article.publishedAt,
      ...(prepared ? { features: prepared } : {}),
      // Only a label ingest gave (it has a reason): rows stored before labels existed read "news".
      ...(article.kindReason !== null ? { kind: article.kind } : {}),
    };
  });
  return { documents, computed };
}

/**
 * Hands computed features to the store once the answer is built. Keeping them only saves later
 * passes work, so a failure (a busy or unreachable store) is logged and never fails the answer;
 * the returned promise always resolves, for callers (and tests) that want to wait for it.
 */
export function keepComputedFeatures(
  store: Pick<ArticleStore, "saveArticleFeatures">,
  computed: ArticleFeaturesUpdate[],
  logger: Logger | undefined,
): Promise<void> {
  if (computed.length === 0) return Promise.resolve();
  return Promise.resolve()
    .then(() => store.saveArticleFeatures(computed))
    .catch((error: unknown) => {
      logger?.warn({ err: error, articles: computed.length }, "could not keep computed clustering features");
    });
}
