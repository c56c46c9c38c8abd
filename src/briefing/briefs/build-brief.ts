// The /brief use case: retrieve matching articles from the store's full-text index, group them
// into stories, rank the stories, summarize each from its sources, and return a DigestCard.
import type { Article, ScoredArticle } from "../article.js";
import { CARD_LIMITS, type DigestCard } from "../digest-card.js";
import { describeWindow, formatUtc } from "../digests/time-format.js";
import type { ArticleFeaturesUpdate, ArticleStore, Clock, FeedStore, Logger } from "../ports.js";
import { buildStory } from "../stories/build-story.js";
import { candidateDocuments, keepComputedFeatures } from "../stories/candidate-documents.js";
import { clipText } from "../stories/clip-text.js";
import { clusterStories } from "../stories/cluster-stories.js";
import { rankStories } from "../stories/rank-stories.js";
import { sourceNamer } from "../stories/source-namer.js";
import { type BriefRequest, DEFAULT_STORIES, DEFAULT_WINDOW_MS } from "./brief-request.js";
import { fitStoriesToBudget } from "./fit-stories-to-budget.js";
import { rankByTopicCoverage } from "./rank-by-topic-coverage.js";
import { groupPhrases, isEmptyTopic, parseTopicQuery, type TopicQuery, withCountryNames } from "./topic-query.js";

export interface BriefDeps {
  articles: ArticleStore;
  feeds: FeedStore;
  clock: Clock;
  /** Warns when computed clustering features could not be kept (the brief is answered anyway). */
  logger?: Logger;
}

/** Candidates a brief considers: enough for several stories of several sources, cheap to group. */
export const CANDIDATE_LIMIT = 200;
/** When the window is empty, how far back the fallback looks for the most recent matches. */
const FALLBACK_LOOKBACK_MS = 365 * 86_400_000;

export async function buildBrief(deps: BriefDeps, request: BriefRequest): Promise<DigestCard> {
  return (await composeBrief(deps, request)).card;
}

/** A brief and how it grouped its candidates: the evaluation scores the grouping, the card its quotes. */
export interface ComposedBrief {
  card: DigestCard;
  /**
   * Every story the candidates were grouped into, as article ids, in rank order: the first
   * `card.stories.length` are the card's stories (the rest did not fit).
   */
  storyArticleIds: number[][];
  /**
   * Settles once the clustering features this brief computed are handed back to the store (or
   * that failed and was logged); never rejects. Nobody needs to wait for it but tests.
   */
  featuresKept: Promise<void>;
}

export async function composeBrief(deps: BriefDeps, request: BriefRequest): Promise<ComposedBrief> {
  const asOf = request.asOf ?? deps.clock.now();
  const windowMs = request.sinceMs ?? DEFAULT_WINDOW_MS;
  const window = { since: asOf - windowMs, until: asOf + 1 };
  const topic = request.topic?.trim() || null;
  const maxStories = request.maxStories ?? DEFAULT_STORIES;
  const query = topicQuery(topic ?? "");
  const base = {
    topic,
    window,
    asOf,
    title: clipText(topic ? `Brief: ${topic}` : "Brief: the latest news", CARD_LIMITS.title),
  };

  if (topic && isEmptyTopic(query)) {
    return {
      card: emptyCard(base, `"${topic}" has no words to search for. Try a topic such as /brief mexico.`),
      storyArticleIds: [],
      featuresKept: Promise.resolve(),
    };
  }
  const retrieve = (since: number): Promise<ScoredArticle[]> =>
    topic
      ? deps.articles
          .searchArticles(query, { since, until: window.until, limit: CANDIDATE_LIMIT })
          .then((found) => rankByTopicCoverage(found, query))
      : deps.articles.recentArticles({ since, until: window.until, limit: CANDIDATE_LIMIT }).then(asScored);

  let candidates = await retrieve(window.since);
  let notice: string | null = null;
  if (candidates.length === 0) {
    candidates = await retrieve(asOf - FALLBACK_LOOKBACK_MS);
    if (candidates.length === 0) {
      const feeds = (await deps.feeds.listFeeds()).length;
      const stored = feeds === 0 ? 0 : await deps.articles.countArticles();
      const hint =
        feeds === 0
          ? "No feeds are subscribed yet: add one with /feed add <url>."
          : "Try a broader topic, or see what is followed with /feed list.";
      // "yet" only when nothing is stored at all: with articles stored, the search itself found nothing.
      const what =
        topic && stored > 0
          ? `Nothing about "${topic}" ${describeWindow(windowMs)} nor in the year before (searched for ${searchedFor(query)}).`
          : topic
            ? `Nothing about "${topic}": no articles are stored yet.`
            : "No articles yet.";
      return { card: emptyCard(base, `${what} ${hint}`), storyArticleIds: [], featuresKept: Promise.resolve() };
    }
    notice = `Nothing ${topic ? `about "${topic}" ` : ""}${describeWindow(windowMs)}. The most recent ${topic ? "matching " : ""}stories:`;
  }

  // Only the candidates' feeds are named: every story and cluster is made of candidates.
  const sourceName = await sourceNamer(
    deps.feeds,
    candidates.map((c) => c.article.feedId),
  );
  const { groups, computed } = groupStories(candidates, sourceName);
  const ranked = notice ? rankStories(groups, asOf).sort((a, b) => b.newest - a.newest) : rankStories(groups, asOf);
  const topicTerms = query.groups.flatMap((_, i) => groupPhrases(query, i).flat());
  const stories = ranked.slice(0, maxStories).map((story) => buildStory(story.members, sourceName, topicTerms));
  const fitted = fitStoriesToBudget(
    stories,
    CARD_LIMITS.textBudget - base.title.length - (notice?.length ?? 0) - CARD_LIMITS.subtitle,
  );
  const articleCount = fitted.reduce((n, s) => n + s.articleCount, 0);
  const sourceCount = new Set(fitted.flatMap((s) => s.sources.map((x) => x.name))).size;
  const subtitle = [
    `${fitted.length} ${fitted.length === 1 ? "story" : "stories"}`,
    `${articleCount} ${articleCount === 1 ? "article" : "articles"}`,
    `${sourceCount} ${sourceCount === 1 ? "source" : "sources"}`,
    // A fallback card shows older stories: its header must not claim the window it found empty.
    notice ? `none ${describeWindow(windowMs)}, so the most recent` : describeWindow(windowMs),
    `as of ${formatUtc(asOf)}`,
  ].join(" · ");
  const card: DigestCard = {
    ...base,
    subtitle: clipText(subtitle, CARD_LIMITS.subtitle),
    counts: { stories: fitted.length, articles: articleCount, sources: sourceCount },
    stories: fitted,
    notice,
    emptyMessage: null,
  };
  // Started only now, with the card built: the reply never waits for the write.
  const featuresKept = keepComputedFeatures(deps.articles, computed, deps.logger);
  return { card, storyArticleIds: ranked.map((story) => story.members.map((m) => m.article.id)), featuresKept };
}

/**
 * The topic as the stores search it: country names with their demonyms both ways; a topic of
 * several groups matches articles with any of them, ranked by how many they match (see
 * rankByTopicCoverage), so one missing word does not hide an article.
 */
function topicQuery(topic: string): TopicQuery {
  const query = withCountryNames(parseTopicQuery(topic));
  return query.groups.length > 1 ? { ...query, match: "any" } : query;
}

/** The words and phrases searched, as a reader would type them: `chile, chilean`. */
function searchedFor(query: TopicQuery): string {
  const phrases = query.groups.flatMap((_, i) => groupPhrases(query, i).map((p) => p.join(" ")));
  return clipText(phrases.join(", "), 200);
}

function asScored(articles: Article[]): ScoredArticle[] {
  return articles.map((article) => ({ article, relevance: 1 }));
}

function groupStories(
  candidates: ScoredArticle[],
  sourceName: (feedId: number) => string,
): { groups: ScoredArticle[][]; computed: ArticleFeaturesUpdate[] } {
  const byId = new Map(candidates.map((c) => [String(c.article.id), c]));
  // Stored features where the store has them; computed here (and kept afterwards) where it has not.
  const { documents, computed } = candidateDocuments(candidates, sourceName);
  const groups = clusterStories(documents).map((ids) => ids.flatMap((id) => byId.get(id) ?? []));
  return { groups, computed };
}

function emptyCard(base: Pick<DigestCard, "topic" | "window" | "asOf" | "title">, message: string): DigestCard {
  return {
    ...base,
    subtitle: `0 stories · as of ${formatUtc(base.asOf)}`,
    counts: { stories: 0, articles: 0, sources: 0 },
    stories: [],
    notice: null,
    emptyMessage: message,
  };
}
