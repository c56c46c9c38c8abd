// Wiring for the article full-text queue (issue 7): the polite page fetcher, the extraction
// worker and the ArticleExtractor over an App's store. `serve` starts it beside the feed poller;
// `ingest` runs one pass after polling. Kept apart from compose-app so one-shot commands that
// never fetch pages start no extra fetchers or workers.
import { ArticleExtractor } from "./adapters/articles/article-extractor.js";
import { ArticlePageFetcher } from "./adapters/articles/article-page-fetcher.js";
import { PageExtractorPool } from "./adapters/articles/page-extractor-pool.js";
import type { ArticleStore, Clock, Logger } from "./briefing/ports.js";
import type { Config } from "./config.js";
import { USER_AGENT } from "./version.js";

export interface ArticleExtraction {
  extractor: ArticleExtractor;
  pages: ArticlePageFetcher;
  /** Stops the loop (if started), then releases connections and the worker. */
  close(): Promise<void>;
}

export function createPageFetcher(config: Config): ArticlePageFetcher {
  return new ArticlePageFetcher({
    userAgent: config.BRIEFBOT_USER_AGENT ?? USER_AGENT,
    allowPrivate: config.BRIEFBOT_ALLOW_PRIVATE_FEEDS,
    hostDelayMs: config.BRIEFBOT_FULLTEXT_HOST_DELAY_MS,
  });
}

export function createArticleExtraction(
  config: Config,
  deps: { articles: ArticleStore; clock: Clock; logger: Logger },
): ArticleExtraction {
  const pages = createPageFetcher(config);
  const pool = new PageExtractorPool();
  const extractor = new ArticleExtractor(
    { ...deps, pages, extract: (html, url) => pool.extract(html, url) },
    { concurrency: config.BRIEFBOT_FULLTEXT_CONCURRENCY },
  );
  return {
    extractor,
    pages,
    async close() {
      await extractor.stop();
      await pages.close();
      await pool.close();
    },
  };
}
