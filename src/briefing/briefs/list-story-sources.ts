// "More sources" under a story: every outlet that reported it, found again from one of its
// articles: the articles around its time that share its title's words, grouped the way a brief
// groups them, and the group holding that article listed oldest first with links.
import type { Article } from "../article.js";
import { notice, type Reply } from "../commands/reply.js";
import { formatDay } from "../digests/time-format.js";
import { clipText } from "../stories/clip-text.js";
import { clusterStories } from "../stories/cluster-stories.js";
import { sourceNamer } from "../stories/source-namer.js";
import { isStopWord } from "../stories/text/stop-words.js";
import type { BriefDeps } from "./build-brief.js";
import { rankByTopicCoverage } from "./rank-by-topic-coverage.js";
import type { StoryRef } from "./story-action.js";
import { MAX_TOPIC_GROUPS, parseTopicQuery, type TopicQuery } from "./topic-query.js";

/** Reports of one event are days apart at most; the clustering's own time window is narrower. */
const AROUND_MS = 3 * 86_400_000;
/** Candidates to group: as many as a brief considers. */
const CANDIDATES = 200;
/** Lines one answer lists; a story with more says how many it left out. */
export const MAX_SOURCE_LINES = 40;
const CLUSTER_TEXT_CHARS = 3_000;

/** The title's content words, any of which may match; articles matching half of them are kept. */
function titleQuery(title: string): TopicQuery {
  const groups = parseTopicQuery(title).groups.filter((g) => !(g.length === 1 && isStopWord(g[0] ?? "")));
  return { groups: groups.slice(0, MAX_TOPIC_GROUPS), match: "any" };
}

/** The articles of the story `ref` names, oldest first; empty when its article is no longer stored. */
export async function findStoryArticles(deps: Pick<BriefDeps, "articles">, ref: StoryRef): Promise<Article[]> {
  const [article] = await deps.articles.getArticles([ref.articleId]);
  if (!article) return [];
  const query = titleQuery(article.title);
  const window = { since: article.publishedAt - AROUND_MS, until: article.publishedAt + AROUND_MS };
  const found =
    query.groups.length === 0
      ? []
      : rankByTopicCoverage(await deps.articles.searchArticles(query, { ...window, limit: CANDIDATES }), query);
  const candidates = new Map<number, Article>([[article.id, article]]);
  for (const { article: other } of found) if (!other.duplicateOf) candidates.set(other.id, other);
  const docs = [...candidates.values()].map((a) => ({
    id: String(a.id),
    title: a.title,
    text: a.text.slice(0, CLUSTER_TEXT_CHARS),
    publishedAt: a.publishedAt,
  }));
  const group = clusterStories(docs).find((ids) => ids.includes(String(article.id))) ?? [String(article.id)];
  return group
    .flatMap((id) => candidates.get(Number(id)) ?? [])
    .sort((a, b) => a.publishedAt - b.publishedAt || a.id - b.id);
}

/** A private notice: the story's outlets, each with its article's title, day and link. */
export async function listStorySources(deps: Pick<BriefDeps, "articles" | "feeds">, ref: StoryRef): Promise<Reply> {
  const articles = await findStoryArticles(deps, ref);
  const first = articles[0];
  if (!first) {
    return notice("That story is no longer stored", [
      "Its articles were pruned or their feed was removed. Try /brief for what is new.",
    ]);
  }
  const name = await sourceNamer(deps.feeds);
  const outlets = new Set(articles.map((a) => name(a.feedId)));
  const lines = articles
    .slice(0, MAX_SOURCE_LINES)
    .map(
      (a) => `${name(a.feedId)}: ${clipText(a.title, 200)} (${formatDay(a.publishedAt)})${a.url ? ` ${a.url}` : ""}`,
    );
  if (articles.length > MAX_SOURCE_LINES) lines.push(`…and ${articles.length - MAX_SOURCE_LINES} more articles.`);
  const count = `${articles.length} ${articles.length === 1 ? "article" : "articles"} from ${outlets.size} ${outlets.size === 1 ? "source" : "sources"}`;
  return notice(`Sources of this story: ${count}`, lines);
}
