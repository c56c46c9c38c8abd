// Minimal feeds, articles, digests and watches for tests that need rows but not particular values:
// one place for the shape, so a new required field is added here once.
import type { NewWatch } from "../../src/briefing/alerts/watch.js";
import type { NewArticle } from "../../src/briefing/article.js";
import type { NewFeed } from "../../src/briefing/feed.js";
import type { ArticleStore, FeedStore } from "../../src/briefing/ports.js";
import type { NewSchedule } from "../../src/briefing/schedule.js";

/** A feed added by no one (unless `overrides` say who), due at once. */
export function plainFeed(url: string, overrides: Partial<NewFeed> = {}): NewFeed {
  return {
    url,
    title: null,
    siteLink: null,
    origin: null,
    refreshMinutes: 15,
    nextFetchAt: 0,
    createdAt: 0,
    ...overrides,
  };
}

/** Article `key` of `host`: link, guid and content hash all derived from it, dated at `at`. */
export function plainArticle(host: string, key: string, text: string, overrides: Partial<NewArticle> = {}): NewArticle {
  return {
    url: `https://${host}/a/${key}`,
    guid: key,
    title: `Story ${key}`,
    author: null,
    publishedAt: 10,
    publishedAtEstimated: false,
    fetchedAt: 0,
    summary: null,
    text,
    contentHash: `${host}/${key}`,
    language: null,
    ...overrides,
  };
}

/** Slack channel C1 of workspace T1: the channel the store tests' schedules and posts use. */
export const TEST_CHANNEL = { platform: "slack", workspaceId: "T1", channelId: "C1" } as const;

/** A watch on TEST_CHANNEL by U1 for "volcano", one source enough, no filters, opinion kept, created at `at`. */
export function plainWatch(at: number, overrides: Partial<NewWatch> = {}): NewWatch {
  return {
    channel: TEST_CHANNEL,
    createdBy: "U1",
    topic: "volcano",
    sources: [],
    minSources: 1,
    include: [],
    exclude: [],
    opinion: true,
    createdAt: at,
    ...overrides,
  };
}

/** A digest for TEST_CHANNEL (by U1): 07:30 Berlin time on days 5, 1, 3, topic "mexico", created at `at`. */
export function plainSchedule(at: number, overrides: Partial<NewSchedule> = {}): NewSchedule {
  return {
    target: TEST_CHANNEL,
    createdBy: "U1",
    minuteOfDay: 450,
    days: [5, 1, 3],
    timeZone: "Europe/Berlin",
    topic: "mexico",
    maxStories: 5,
    quiet: true,
    createdAt: at,
    activeFrom: at,
    ...overrides,
  };
}

/** The digest tests' one story: a "Volcano Watch" feed with one new article published at `publishedAt`. */
export async function seedVolcanoStory(
  store: { feeds: Pick<FeedStore, "addFeed">; articles: Pick<ArticleStore, "upsertArticles"> },
  publishedAt: number,
): Promise<void> {
  const feed = await store.feeds.addFeed({
    url: "https://volcano.example/rss",
    title: "Volcano Watch",
    siteLink: null,
    origin: null,
    refreshMinutes: 15,
    nextFetchAt: 0,
    createdAt: 0,
  });
  await store.articles.upsertArticles(
    feed.id,
    [
      {
        url: "https://volcano.example/1",
        guid: "1",
        title: "Volcano erupts near the capital",
        author: null,
        publishedAt,
        publishedAtEstimated: false,
        fetchedAt: publishedAt,
        summary: null,
        text: "The volcano erupted on Tuesday morning. Ash fell across the capital. Flights were cancelled.",
        contentHash: "v1",
        language: "en",
      },
    ],
    { backlog: false },
  );
}
