// The composition root's wiring: from a Config to the store (SQLite file or PostgreSQL, as
// BRIEFBOT_DATABASE says), the guarded fetcher and the deps objects the use cases take. Every
// command and server builds on this; close() releases it all.

import { FeedParserPool } from "./adapters/feeds/feed-parser-pool.js";
import { RoutingFeedSource } from "./adapters/feeds/file-feed-source.js";
import { HttpFeedSource } from "./adapters/feeds/http-feed-source.js";
import { normalizeArticle } from "./adapters/feeds/normalize-article.js";
import { GuardedFetcher } from "./adapters/http/guarded-fetcher.js";
import type { CommandDeps } from "./briefing/commands/handle-command.js";
import type { IngestDeps } from "./briefing/feeds/ingest-feed.js";
import type { FeedSource, Logger } from "./briefing/ports.js";
import type { Config } from "./config.js";
import { openStore } from "./store/open-store.js";
import type { Store } from "./store/store.js";
import { USER_AGENT } from "./version.js";

export interface App {
  config: Config;
  store: Store;
  fetcher: GuardedFetcher;
  source: FeedSource;
  /** Everything the use cases take: ingestion, commands (with scheduled digests). */
  deps: IngestDeps & Required<Pick<CommandDeps, "digests" | "alerts">>;
  close(): Promise<void>;
}

export interface ComposeOptions {
  /** Overrides BRIEFBOT_DATABASE (the demo's own file, tests). */
  database?: string;
  /** How long to wait for a PostgreSQL server that is down (ms). `serve` and `migrate` wait for ever. */
  connectWaitMs?: number;
  signal?: AbortSignal;
}

/** One-shot commands give a down server this long (three tries), then say what is wrong. */
const COMMAND_CONNECT_WAIT_MS = 10_000;

export function createFetcher(config: Config): GuardedFetcher {
  return new GuardedFetcher({
    userAgent: config.BRIEFBOT_USER_AGENT ?? USER_AGENT,
    allowPrivate: config.BRIEFBOT_ALLOW_PRIVATE_FEEDS,
  });
}

/** Opens the configured store with the configured pool settings. */
export function openConfiguredStore(config: Config, logger: Logger, options: ComposeOptions = {}): Promise<Store> {
  return openStore(options.database ?? config.BRIEFBOT_DATABASE, {
    logger,
    poolSize: config.BRIEFBOT_DB_POOL_SIZE,
    statementTimeoutMs: config.BRIEFBOT_DB_STATEMENT_TIMEOUT_MS,
    connectWaitMs: options.connectWaitMs ?? COMMAND_CONNECT_WAIT_MS,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

export async function composeApp(config: Config, logger: Logger, options: ComposeOptions = {}): Promise<App> {
  const store = await openConfiguredStore(config, logger, options);
  const fetcher = createFetcher(config);
  const parsers = new FeedParserPool();
  const source = new RoutingFeedSource(new HttpFeedSource(fetcher, (document) => parsers.parse(document)));
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
    alerts: { watches: store.watches, alerts: store.alerts },
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
      await store.close();
    },
  };
}
