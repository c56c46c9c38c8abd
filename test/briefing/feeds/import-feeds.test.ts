// Feeds imported from a subscription list are stored unfetched; their first fetch is their
// backlog (searchable, never "new" for a digest or an alert), as a `/feed add`'s is, and later
// fetches store new articles as new. On both engines, through ingestFeed with a static source.
import { resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFeedFile, StaticFeedSource } from "../../../src/adapters/feeds/file-feed-source.js";
import { normalizeArticle } from "../../../src/adapters/feeds/normalize-article.js";
import { importFeeds } from "../../../src/briefing/feeds/import-feed.js";
import { type IngestDeps, ingestFeed } from "../../../src/briefing/feeds/ingest-feed.js";
import type { Store } from "../../../src/store/store.js";
import { silentLogger, storeFactories } from "../../support/store-factories.js";

const EXAMPLES = resolve(import.meta.dirname, "../../../examples/feeds");
const URL = "https://news-one.example/rss";

describe.each(storeFactories())("an imported feed's first fetch on $name", (factory) => {
  let store: Store;
  let deps: IngestDeps;

  beforeEach(async () => {
    store = await factory.open();
    deps = {
      feeds: store.feeds,
      articles: store.articles,
      events: store.events,
      source: new StaticFeedSource(URL, await readFeedFile(resolve(EXAMPLES, "news-one-mexico.xml"))),
      normalize: normalizeArticle,
      clock: { now: () => Date.UTC(2026, 0, 14) },
      random: () => 0.5,
      logger: silentLogger,
      policy: { refreshMinutes: 30, maxFailures: 10 },
    };
  });
  afterEach(async () => {
    await store.close();
  });

  it("is stored unfetched, due within its refresh interval; its first fetch is backlog, later ones are new", async () => {
    const [outcome] = await importFeeds(deps, [{ url: URL, title: "One", siteLink: "javascript:alert(1)" }], {
      origin: null,
    });
    if (outcome?.status !== "added") throw new Error(`expected added, got ${outcome?.status}`);
    expect(outcome.feed).toMatchObject({ title: "One", siteLink: null, lastSuccessAt: null, lastAttemptAt: null });
    expect(outcome.feed.nextFetchAt).toBe(Date.UTC(2026, 0, 14) + 15 * 60_000);
    await ingestFeed(deps, outcome.feed);
    const first = await store.articles.recentArticles({ limit: 50 });
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((a) => a.backlog)).toBe(true);

    const later = await readFeedFile(resolve(EXAMPLES, "news-two-mexico.xml"));
    deps.source = new StaticFeedSource(URL, later);
    const fetched = await store.feeds.getFeed(outcome.feed.id);
    if (!fetched) throw new Error("the feed is gone");
    await ingestFeed(deps, fetched);
    const fresh = (await store.articles.recentArticles({ limit: 50 })).filter((a) => !a.backlog);
    expect(fresh.length).toBeGreaterThan(0);
  });
});
