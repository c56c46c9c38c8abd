// The cards alerts post: one story (built with the brief machinery from the reports a watch
// counts), a thread reply's quoted sentence, and the round-up card of held stories.
import type { Article, ScoredArticle } from "../article.js";
import { fitStoriesToBudget } from "../briefs/fit-stories-to-budget.js";
import { CARD_LIMITS, type CardSentence, type CardStory, type DigestCard } from "../digest-card.js";
import { formatUtc } from "../digests/time-format.js";
import { buildStory } from "../stories/build-story.js";
import { clipText } from "../stories/clip-text.js";

export function storyCard(
  articles: readonly Article[],
  sourceName: (feedId: number) => string,
  topicTerms: string[],
): CardStory {
  const members: ScoredArticle[] = articles.map((article) => ({ article, relevance: 1 }));
  return buildStory(members, sourceName, topicTerms);
}

/** The sentence a thread reply quotes from a new outlet's report; null when it has none worth quoting. */
export function replySentence(
  article: Article,
  sourceName: (feedId: number) => string,
  topicTerms: string[],
): CardSentence | null {
  return storyCard([article], sourceName, topicTerms).sentences[0] ?? null;
}

/** "12 more stories" (flood control) or "While this channel was quiet: 5 stories". */
export function roundupCard(stories: readonly CardStory[], total: number, quiet: boolean, asOf: number): DigestCard {
  const title = clipText(
    quiet
      ? `While this channel was quiet: ${total} ${total === 1 ? "story" : "stories"}`
      : `${total} more ${total === 1 ? "story" : "stories"}`,
    CARD_LIMITS.title,
  );
  const shown = fitStoriesToBudget(
    stories.slice(0, CARD_LIMITS.maxStories),
    CARD_LIMITS.textBudget - title.length - CARD_LIMITS.subtitle,
  );
  const articles = shown.reduce((n, s) => n + s.articleCount, 0);
  const sources = new Set(shown.flatMap((s) => s.sources.map((x) => x.name))).size;
  const more = total - shown.length;
  const subtitle = [
    quiet ? "held during quiet hours" : "held by this channel's rate limit",
    ...(more > 0 ? [`${more} not shown`] : []),
    `as of ${formatUtc(asOf)}`,
  ].join(" · ");
  const since = Math.min(asOf, ...shown.map((s) => s.publishedAt));
  return {
    title,
    subtitle: clipText(subtitle, CARD_LIMITS.subtitle),
    topic: null,
    window: { since, until: asOf + 1 },
    asOf,
    counts: { stories: shown.length, articles, sources },
    stories: shown,
    notice: null,
    emptyMessage: shown.length === 0 ? "The held stories are no longer stored." : null,
  };
}
