// The composition root's wiring: from a Config to the store, the guarded fetcher and the deps
// objects the use cases take. Every command and server builds on this; close() releases it all.

import { FeedParserPool } from "./adapters/feeds/feed-parser-pool.js";
import { RoutingFeedSource } from "./adapters/feeds/file-feed-source.js";
import { GuardedFetcher } from "./adapters/feeds/guarded-fetcher.js";
import { HttpFeedSource } from "./adapters/feeds/http-feed-source.js";
import { normalizeArticle } from "./adapters/feeds/normalize-article.js";
import type { CommandDeps } from "./briefing/handle-command.js";
import type { IngestDeps } from "./briefing/ingest-feed.js";
import type { FeedSource, Logger } from "./briefing/ports.js";
import type { Config } from "./config.js";
import { openSqliteStore, type SqliteStore } from "./store/sqlite/open-sqlite-store.js";
import { USER_AGENT } from "./version.js";

export interface App {
  config: Config;
  store: SqliteStore;
  fetcher: GuardedFetcher;
  source: FeedSource;
  /** Everything the use cases take: ingestion, commands (with scheduled digests). */
  deps: IngestDeps & Required<Pick<CommandDeps, "digests">>;
  close(): Promise<void>;
}

export function createFetcher(config: Config): GuardedFetcher {
  return new GuardedFetcher({
    userAgent: config.BRIEFBOT_USER_AGENT ?? USER_AGENT,
    allowPrivate: config.BRIEFBOT_ALLOW_PRIVATE_FEEDS,
  });
}

export function composeApp(config: Config, logger: Logger, databasePath = config.BRIEFBOT_DATABASE): App {
  const store = openSqliteStore(databasePath);
  const fetcher = createFetcher(config);
  const parsers = new FeedParserPool();
  const source = new RoutingFeedSource(new HttpFeedSource(fetcher, (text, url) => parsers.parse(text, url)));
  const deps: App["deps"] = {
    feeds: store.feeds,
    articles: store.articles,
    events: store.events,
    source,
    normalize: normalizeArticle,
    clock: { now: () => Date.now() },
    random: Math.random,
    logger,
    policy: { refreshMinutes: config.BRIEFBOT_REFRESH_MINUTES, maxFailures: config.BRIEFBOT_MAX_FAILURES },
    digests: { schedules: store.schedules, deliveries: store.deliveries },
  };
  return {
    config,
    store,
    fetcher,
    source,
    deps,
    async close() {
      await fetcher.close();
      await parsers.close();
      store.close();
    },
  };
}
