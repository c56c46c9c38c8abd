// One story of a card: its headline (best title), 2-3 sentences quoted from its articles with
// their links and sources, and the list of sources, each outlet once with its newest article.
import type { ScoredArticle } from "../article.js";
import { CARD_LIMITS, type CardSentence, type CardSource, type CardStory } from "../digest-card.js";
import { chooseHeadline } from "./choose-headline.js";
import { clipText } from "./clip-text.js";
import { summarize } from "./summarize.js";

/** More documents than this add little to a summary and cost time; the most relevant are kept. */
const MAX_SUMMARY_DOCUMENTS = 8;
/** Summary length the issue asks for: two or three sentences. */
export const STORY_SENTENCES = 3;

export function buildStory(
  members: ScoredArticle[],
  sourceName: (feedId: number) => string,
  topicTerms: string[],
): CardStory {
  const byRelevance = [...members].sort(
    (a, b) => b.relevance - a.relevance || b.article.publishedAt - a.article.publishedAt,
  );
  const articles = byRelevance.map((m) => m.article);
  const names = [...new Set(articles.map((a) => sourceName(a.feedId)))];
  const { headline, index } = chooseHeadline(
    articles.map((a) => a.title),
    names,
  );
  const chosen = articles[index] ?? articles[0];
  const documents = articles.slice(0, MAX_SUMMARY_DOCUMENTS).map((a) => ({
    id: String(a.id),
    title: a.title,
    text: a.text,
    source: sourceName(a.feedId),
    publishedAt: a.publishedAt,
  }));
  const byId = new Map(articles.map((a) => [String(a.id), a]));
  // Ask for spare sentences: one too long for a card line is skipped, never cut (quotes stay verbatim).
  const sentences: CardSentence[] = summarize(documents, { sentences: STORY_SENTENCES + 2, topicTerms })
    .filter((s) => s.text.length <= CARD_LIMITS.sentence)
    .slice(0, STORY_SENTENCES)
    .flatMap((s) => {
      const article = byId.get(s.documentId);
      return article
        ? [
            {
              text: s.text,
              articleId: article.id,
              url: article.url,
              source: clipText(sourceName(article.feedId), CARD_LIMITS.sourceName),
            },
          ]
        : [];
    });
  const newestPerSource = new Map<number, CardSource & { feedId: number }>();
  for (const article of [...articles].sort((a, b) => b.publishedAt - a.publishedAt)) {
    if (newestPerSource.has(article.feedId)) continue;
    newestPerSource.set(article.feedId, {
      feedId: article.feedId,
      name: clipText(sourceName(article.feedId), CARD_LIMITS.sourceName),
      url: article.url,
      publishedAt: article.publishedAt,
    });
  }
  const sources = [...newestPerSource.values()]
    .slice(0, CARD_LIMITS.maxSourcesPerStory)
    .map(({ name, url, publishedAt }) => ({ name, url, publishedAt }));
  return {
    headline,
    url: chosen?.url ?? null,
    publishedAt: Math.max(...articles.map((a) => a.publishedAt)),
    sentences,
    sources,
    articleCount: articles.length,
  };
}
