// One story of a card: its headline (the plainest, most representative title), 2-3 sentences
// quoted from its news reports with their own links and the outlets that corroborate them, and
// the sources: the articles actually quoted first, each with its outlet; opinion pieces marked.
import type { Article, ArticleKind, ScoredArticle } from "../article.js";
import { CARD_LIMITS, type CardSentence, type CardSource, type CardStory } from "../digest-card.js";
import { decodeStoredHeadline, decodeStoredSummary } from "./article-features.js";
import { chooseHeadline } from "./choose-headline.js";
import { classifyArticleKind } from "./classify-article-kind.js";
import { clipText } from "./clip-text.js";
import { headlineReport } from "./stored-summary.js";
import { type PreparedSummaryDocument, type SummaryDocument, summarize } from "./summarize.js";

/** More documents than this add little to a summary and cost time; the most relevant are kept. */
const MAX_SUMMARY_DOCUMENTS = 8;
/** Summary length the issue asks for: two or three sentences. */
export const STORY_SENTENCES = 3;

/**
 * An article's kind: the label stored at ingest (it has a reason), else classified now from what
 * the article carries (rows stored before the label existed, or by a writer that skipped it).
 */
export function articleKindOf(article: Article, outlet: string): ArticleKind {
  if (article.kindReason !== null) return article.kind;
  return classifyArticleKind({
    title: article.title,
    url: article.url,
    text: article.text,
    outlet,
    author: article.byline ?? article.author,
  }).kind;
}

export function buildStory(
  members: ScoredArticle[],
  sourceName: (feedId: number) => string,
  topicTerms: string[],
  kindOf: (article: Article, outlet: string) => ArticleKind = articleKindOf,
): CardStory {
  const byRelevance = [...members].sort(
    (a, b) => b.relevance - a.relevance || b.article.publishedAt - a.article.publishedAt,
  );
  const articles = byRelevance.map((m) => m.article);
  // Stored features (decision 018) spare splitting and tokenizing again; absent or of another
  // version, they are computed here as before.
  const stored = new Map(byRelevance.map((m) => [m.article.id, m.features]));
  const kinds = new Map(articles.map((a) => [a.id, kindOf(a, sourceName(a.feedId))]));
  // Opinion and other copy are never quoted as fact beside a news report; a story with no news
  // report is summarized from what it has, and labelled opinion when opinion is what it has.
  const news = articles.filter((a) => kinds.get(a.id) === "news");
  const quotable = news.length > 0 ? news : articles;
  const storyKind: CardStory["kind"] =
    news.length > 0 ? "news" : articles.some((a) => kinds.get(a.id) === "opinion") ? "opinion" : "news";

  const names = [...new Set(articles.map((a) => sourceName(a.feedId)))];
  const { headline, index } = chooseHeadline(
    quotable.map((a) => a.title),
    names,
    quotable.map((a) => decodeStoredHeadline(stored.get(a.id)) ?? headlineReport(a.title, a.text)),
  );
  const chosen = quotable[index] ?? quotable[0];
  const documents = quotable.slice(0, MAX_SUMMARY_DOCUMENTS).map((a): SummaryDocument | PreparedSummaryDocument => {
    const document: SummaryDocument = {
      id: String(a.id),
      title: a.title,
      text: a.text,
      source: sourceName(a.feedId),
      publishedAt: a.publishedAt,
    };
    return decodeStoredSummary(stored.get(a.id), document)?.prepared ?? document;
  });
  const byId = new Map(articles.map((a) => [String(a.id), a]));
  const outletOf = (id: string): string => {
    const article = byId.get(id);
    return article ? clipText(sourceName(article.feedId), CARD_LIMITS.sourceName) : "";
  };
  // Ask for spare sentences: one too long for a card line is skipped, never cut (quotes stay verbatim).
  const sentences: CardSentence[] = summarize(documents, { sentences: STORY_SENTENCES + 2, topicTerms })
    .filter((s) => s.text.length <= CARD_LIMITS.sentence)
    .slice(0, STORY_SENTENCES)
    .flatMap((s) => {
      const article = byId.get(s.documentId);
      if (!article) return [];
      const source = outletOf(s.documentId);
      const supportedBy = [...new Set(s.supportedBy.map(outletOf))].filter((name) => name && name !== source);
      return [
        {
          text: s.text,
          articleId: article.id,
          url: article.url,
          source,
          supportedBy: supportedBy.slice(0, CARD_LIMITS.maxSourcesPerStory),
          alone: s.alone,
        },
      ];
    });

  // Sources: every quoted article (in quote order, two of one outlet both), then the headline's,
  // then the most relevant article of every other outlet, opinion pieces marked; beyond the quoted
  // articles, each outlet and kind once.
  const quoted = new Set(sentences.map((s) => s.articleId));
  const ordered: Article[] = [];
  for (const s of sentences) {
    const article = byId.get(String(s.articleId));
    if (article) ordered.push(article);
  }
  if (chosen) ordered.push(chosen);
  ordered.push(...quotable, ...articles);
  const listed = new Map<string, CardSource>();
  const outletsListed = new Set<string>();
  for (const article of ordered) {
    const kind = kinds.get(article.id) ?? "news";
    const outletKey = `${article.feedId}:${kind}`;
    const key = quoted.has(article.id) ? `article:${article.id}` : outletKey;
    if (listed.has(key) || (!quoted.has(article.id) && outletsListed.has(outletKey))) continue;
    outletsListed.add(outletKey);
    listed.set(key, {
      name: clipText(sourceName(article.feedId), CARD_LIMITS.sourceName),
      url: article.url,
      publishedAt: article.publishedAt,
      title: clipText(article.title.replace(/\s+/g, " ").trim() || "(untitled)", CARD_LIMITS.title),
      ...(kind === "news" ? {} : { kind }),
    });
  }
  return {
    headline,
    url: chosen?.url ?? null,
    publishedAt: Math.max(...articles.map((a) => a.publishedAt)),
    sentences,
    sources: [...listed.values()].slice(0, CARD_LIMITS.maxSourcesPerStory),
    kind: storyKind,
    articleCount: articles.length,
  };
}
