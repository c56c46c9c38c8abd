// The stories an alert pass looks at: per watch topic (or per channel's own feeds for a watch with
// none), the recent window's articles clustered into stories with the brief machinery. Pools are
// shared by every watch on the same topic within one pass.
import type { Article, ScoredArticle } from "../article.js";
import { isEmptyTopic, parseTopicQuery } from "../briefs/topic-query.js";
import type { Feed } from "../feed.js";
import type { ArticleStore, FeedStore, Logger } from "../ports.js";
import { channelKey } from "../schedule.js";
import { candidateDocuments, keepComputedFeatures } from "../stories/candidate-documents.js";
import { type ClusterDocument, clusterStories } from "../stories/cluster-stories.js";
import { rankStories } from "../stories/rank-stories.js";
import type { Watch } from "./watch.js";

const HOUR = 3_600_000;
/**
 * How far back a pass looks: long enough that a report arriving a day after the first one still
 * clusters with it (and becomes a thread reply, not a new post), short enough to stay cheap.
 */
export const ALERT_WINDOW_MS = 48 * HOUR;
/** Articles read per pool; a busy install's oldest ones in the window fall out first. */
export const ALERT_POOL_LIMIT = 400;

export interface AlertStory {
  /** Stable within a channel's ledger: the story's lowest article id when first seen. */
  key: string;
  members: ScoredArticle[];
}

export interface AlertPool {
  stories: AlertStory[];
  topicTerms: string[];
  /**
   * Settles once the clustering features the pool computed are handed back to the store (or that
   * failed and was logged); never rejects. Only tests wait for it.
   */
  featuresKept?: Promise<void>;
}

export function poolKeyOf(watch: Watch): string {
  return watch.topic === null ? `channel|${channelKey(watch.channel)}` : `topic|${watch.topic.trim().toLowerCase()}`;
}

/** Feeds added in the watch's channel by their origin (the console's, and feeds from before subscriptions). */
export function channelFeedIds(feeds: readonly Feed[], watch: Watch): Set<number> {
  const c = watch.channel;
  return new Set(
    feeds
      .filter(
        (f) =>
          f.origin?.platform === c.platform &&
          // The console is one channel: feeds added there carry no workspace or channel id.
          (c.platform === "console" || (f.origin.workspaceId === c.workspaceId && f.origin.channelId === c.channelId)),
      )
      .map((f) => f.id),
  );
}

export async function buildAlertPool(
  deps: { articles: ArticleStore; feeds: Pick<FeedStore, "channelFeedIds">; logger?: Logger },
  request: {
    watch: Watch;
    feeds: readonly Feed[];
    sourceName: (feedId: number) => string;
    asOf: number;
    windowMs?: number;
  },
): Promise<AlertPool> {
  const since = request.asOf - (request.windowMs ?? ALERT_WINDOW_MS);
  const window = { since, until: request.asOf + 1, limit: ALERT_POOL_LIMIT };
  const topic = request.watch.topic?.trim() ?? "";
  let found: ScoredArticle[];
  let topicTerms: string[] = [];
  if (topic !== "") {
    const query = parseTopicQuery(topic);
    if (isEmptyTopic(query)) return { stories: [], topicTerms };
    topicTerms = query.groups.flat();
    found = await deps.articles.searchArticles(query, window);
  } else {
    // The channel's subscriptions (/feed add there), and feeds whose origin is the channel.
    const ids = channelFeedIds(request.feeds, request.watch);
    for (const id of await deps.feeds.channelFeedIds(request.watch.channel)) ids.add(id);
    if (ids.size === 0) return { stories: [], topicTerms };
    found = (await deps.articles.recentArticles(window))
      .filter((a) => ids.has(a.feedId))
      .map((article) => ({ article, relevance: 1 }));
  }
  // Stored features where the store has them, as /brief; computed ones are kept once the pool is built.
  const { documents, computed } = candidateDocuments(found, request.sourceName, { links: false });
  const stories = storiesOf(found, documents, request.asOf);
  return { stories, topicTerms, featuresKept: keepComputedFeatures(deps.articles, computed, deps.logger) };
}

export function clusterIntoStories(
  found: readonly ScoredArticle[],
  sourceName: (feedId: number) => string,
  asOf: number,
): AlertStory[] {
  return storiesOf(found, candidateDocuments(found, sourceName, { links: false }).documents, asOf);
}

function storiesOf(found: readonly ScoredArticle[], documents: ClusterDocument[], asOf: number): AlertStory[] {
  const byId = new Map(found.map((c) => [String(c.article.id), c]));
  const groups = clusterStories(documents).map((ids) => ids.flatMap((id) => byId.get(id) ?? []));
  return rankStories(groups, asOf).map((ranked) => ({
    key: `s${Math.min(...ranked.members.map((m) => m.article.id))}`,
    members: ranked.members,
  }));
}

/** Articles that count for a watch: first seen after it was made, and not a feed's backlog. */
export function isFreshFor(article: Article, watch: Watch): boolean {
  return !article.backlog && article.fetchedAt >= watch.createdAt;
}
