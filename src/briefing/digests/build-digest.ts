// Scheduled digest content in two steps, so one tick shares the expensive work: a story pool per
// topic (retrieve, cluster, rank; summaries built on first use), then per channel the stories it
// has not seen, or seen with fewer sources (marked updated). Backlog articles never take part.
import type { Article, ScoredArticle } from "../article.js";
import { CANDIDATE_LIMIT } from "../briefs/build-brief.js";
import { fitStoriesToBudget } from "../briefs/fit-stories-to-budget.js";
import { isEmptyTopic, parseTopicQuery } from "../briefs/topic-query.js";
import { CARD_LIMITS, type CardStory, type DigestCard } from "../digest-card.js";
import type { ArticleStore, FeedStore, Logger } from "../ports.js";
import { buildStory } from "../stories/build-story.js";
import { candidateDocuments, keepComputedFeatures } from "../stories/candidate-documents.js";
import { clipText } from "../stories/clip-text.js";
import { clusterStories } from "../stories/cluster-stories.js";
import { type RankedStory, rankStories } from "../stories/rank-stories.js";
import { sourceNamer } from "../stories/source-namer.js";
import { formatUtc } from "./time-format.js";

const DAY = 86_400_000;
/**
 * A pool looks back over the digest's own span plus a day, so an article that joins a story the
 * channel already saw clusters with it (and counts as an update, not as a new story).
 */
export const POOL_CONTEXT_MS = DAY;
/** The longest span a digest covers: a weekly schedule, plus a day of slack. */
export const MAX_DIGEST_SPAN_MS = 8 * DAY;
/** A channel's first digest covers the last day. */
export const FIRST_DIGEST_SPAN_MS = DAY;

export interface PoolStory {
  ranked: RankedStory;
  /** The story as a card shows it; summarized on first use, then shared by every channel. */
  card(): CardStory;
}

export interface StoryPool {
  topic: string | null;
  asOf: number;
  since: number;
  stories: PoolStory[];
  /**
   * Settles once the clustering features the pool computed are handed back to the store (or that
   * failed and was logged); never rejects. Only tests wait for it.
   */
  featuresKept?: Promise<void>;
}

export interface DigestContentDeps {
  articles: ArticleStore;
  feeds: FeedStore;
  /** Warns when computed clustering features could not be kept (the digest goes on). */
  logger?: Logger;
}

/** Pools are shared by schedules with the same topic and a span of the same number of days. */
export function poolKey(topic: string | null, spanMs: number): string {
  return `${Math.min(Math.ceil(spanMs / DAY), MAX_DIGEST_SPAN_MS / DAY)}d|${topic?.trim().toLowerCase() ?? ""}`;
}

export async function buildStoryPool(
  deps: DigestContentDeps,
  request: { topic: string | null; asOf: number; spanMs: number },
): Promise<StoryPool> {
  const topic = request.topic?.trim() || null;
  const spanDays = Math.min(Math.ceil(request.spanMs / DAY), MAX_DIGEST_SPAN_MS / DAY);
  const since = request.asOf - spanDays * DAY - POOL_CONTEXT_MS;
  const window = { since, until: request.asOf + 1 };
  const query = parseTopicQuery(topic ?? "");
  if (topic && isEmptyTopic(query)) return { topic, asOf: request.asOf, since, stories: [] };
  // Twice the /brief candidates are read because backlog articles are dropped afterwards.
  const limit = CANDIDATE_LIMIT * 2;
  const found: ScoredArticle[] = topic
    ? await deps.articles.searchArticles(query, { ...window, limit })
    : (await deps.articles.recentArticles({ ...window, limit })).map((article) => ({ article, relevance: 1 }));
  const candidates = found.filter((c) => !c.article.backlog).slice(0, CANDIDATE_LIMIT);
  const sourceName = await sourceNamer(deps.feeds);
  const byId = new Map(candidates.map((c) => [String(c.article.id), c]));
  // Stored features where the store has them, as /brief; computed ones are kept once the pool is built.
  const { documents, computed } = candidateDocuments(candidates, sourceName);
  const groups = clusterStories(documents).map((ids) => ids.flatMap((id) => byId.get(id) ?? []));
  const topicTerms = query.groups.flat();
  const stories = rankStories(groups, request.asOf).map((ranked): PoolStory => {
    let built: CardStory | undefined;
    return {
      ranked,
      card: () => {
        built ??= buildStory(ranked.members, sourceName, topicTerms);
        return built;
      },
    };
  });
  const featuresKept = keepComputedFeatures(deps.articles, computed, deps.logger);
  return { topic, asOf: request.asOf, since, stories, featuresKept };
}

export interface DigestSelection {
  story: PoolStory;
  updated: boolean;
}

/**
 * The pool's stories this channel should see, best first: a story is new when the channel saw
 * none of its articles and one arrived since `since`; it returns, marked updated, only when an
 * article it has not seen comes from a source (feed) it did not see in that story before.
 */
export function selectStories(
  pool: StoryPool,
  seen: ReadonlySet<number>,
  since: number,
  maxStories: number,
): DigestSelection[] {
  const chosen: DigestSelection[] = [];
  const isNew = (a: Article) => !seen.has(a.id) && (a.fetchedAt >= since || a.publishedAt >= since);
  for (const story of pool.stories) {
    if (chosen.length >= maxStories) break;
    const members = story.ranked.members.map((m) => m.article);
    const fresh = members.filter(isNew);
    if (fresh.length === 0) continue;
    const seenFeeds = new Set(members.filter((a) => seen.has(a.id)).map((a) => a.feedId));
    if (seenFeeds.size === 0) chosen.push({ story, updated: false });
    else if (fresh.some((a) => !seenFeeds.has(a.feedId))) chosen.push({ story, updated: true });
  }
  return chosen;
}

/** Every article of the chosen stories: what the channel has now seen. */
export function selectedArticleIds(selection: readonly DigestSelection[]): number[] {
  return [...new Set(selection.flatMap((s) => s.story.ranked.members.map((m) => m.article.id)))];
}

export function digestTitle(topic: string | null): string {
  return clipText(topic ? `Digest: ${topic}` : "Digest: the latest news", CARD_LIMITS.title);
}

/** The card for a selection; an empty selection gives the one-line "nothing new" card. */
export function assembleDigestCard(pool: StoryPool, selection: readonly DigestSelection[], since: number): DigestCard {
  const title = digestTitle(pool.topic);
  const window = { since, until: pool.asOf + 1 };
  const stories = fitStoriesToBudget(
    selection.map((s) => (s.updated ? { ...s.story.card(), updated: true } : s.story.card())),
    CARD_LIMITS.textBudget - title.length - CARD_LIMITS.subtitle,
  );
  const sinceText = `new since ${formatUtc(since)}`;
  if (stories.length === 0) {
    return {
      title,
      subtitle: clipText(`0 stories · ${sinceText} · as of ${formatUtc(pool.asOf)}`, CARD_LIMITS.subtitle),
      topic: pool.topic,
      window,
      asOf: pool.asOf,
      counts: { stories: 0, articles: 0, sources: 0 },
      stories: [],
      notice: null,
      emptyMessage: pool.topic
        ? `Nothing new about "${pool.topic}" since the last digest.`
        : "Nothing new since the last digest.",
    };
  }
  const articles = stories.reduce((n, s) => n + s.articleCount, 0);
  const sources = new Set(stories.flatMap((s) => s.sources.map((x) => x.name))).size;
  const updated = stories.filter((s) => s.updated).length;
  const subtitle = [
    `${stories.length} ${stories.length === 1 ? "story" : "stories"}${updated > 0 ? ` (${updated} updated)` : ""}`,
    `${articles} ${articles === 1 ? "article" : "articles"}`,
    `${sources} ${sources === 1 ? "source" : "sources"}`,
    sinceText,
    `as of ${formatUtc(pool.asOf)}`,
  ].join(" · ");
  return {
    title,
    subtitle: clipText(subtitle, CARD_LIMITS.subtitle),
    topic: pool.topic,
    window,
    asOf: pool.asOf,
    counts: { stories: stories.length, articles, sources },
    stories,
    notice: null,
    emptyMessage: null,
  };
}
