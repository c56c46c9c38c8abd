// The full-text queue: picks articles whose page is due from the store, fetches and extracts each
// (several hosts at once, one host's articles in turn) and records the outcome. It runs beside
// feed polling, never inside it: the poller stores items at once, so a slow site delays nothing.
import type { Article } from "../../briefing/article.js";
import type { ExtractionOutcome } from "../../briefing/extraction-outcome.js";
import { nextExtractionAttempt } from "../../briefing/feeds/extraction-policy.js";
import type { ArticleStore, Clock, Logger } from "../../briefing/ports.js";
import type { PageFetch } from "./article-page-fetcher.js";
import type { ExtractedPage } from "./extract-article.js";
import { judgePage } from "./page-quality.js";

export interface ArticleExtractorDeps {
  articles: ArticleStore;
  clock: Clock;
  logger: Logger;
  pages: { fetchPage(url: string): Promise<PageFetch> };
  /** HTML to ExtractedPage, usually on a worker (PageExtractorPool.extract). */
  extract: (html: string, url: string) => Promise<ExtractedPage>;
}

export interface ArticleExtractorOptions {
  /** Hosts worked on at once; each host's articles go one at a time. */
  concurrency?: number;
  /** Articles taken from the store per pass. */
  batch?: number;
  /** Wait after a pass that found less than a full batch, ms. */
  idleMs?: number;
}

export interface ExtractionPassSummary {
  due: number;
  extracted: number;
  /** The page was no article (wall, robots.txt, not HTML): feed text kept for good. */
  kept: number;
  retried: number;
  failed: number;
  /** Articles found to duplicate another by the page's canonical URL. */
  merged: number;
}

/** 4 hosts at once keeps one extractor worker busy on this 2-core machine (bench:extract). */
const DEFAULT_CONCURRENCY = 4;
const DEFAULT_BATCH = 100;
/** Teasers arrive with polls every few minutes; half a minute is soon enough to upgrade them. */
const DEFAULT_IDLE_MS = 30_000;
/**
 * How long a pass keeps its articles from other instances. A pass takes 100 articles over 4 hosts
 * at once; pages time out after 30 s, so 10 minutes covers all but a pass stuck on one slow host,
 * whose remaining articles another instance may then fetch too (their late answers change nothing).
 */
const CLAIM_LEASE_MS = 10 * 60_000;

/** One pass over the articles due now: what `briefbot ingest` runs after polling. */
export async function extractPendingArticles(
  deps: ArticleExtractorDeps,
  options: ArticleExtractorOptions = {},
): Promise<ExtractionPassSummary> {
  const now = deps.clock.now();
  const due = await deps.articles.claimArticlesNeedingText(now, options.batch ?? DEFAULT_BATCH, now + CLAIM_LEASE_MS);
  const summary: ExtractionPassSummary = { due: due.length, extracted: 0, kept: 0, retried: 0, failed: 0, merged: 0 };
  const lanes = [...groupByHost(due).values()];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let lane = lanes[next++]; lane !== undefined; lane = lanes[next++]) {
      for (const article of lane) await extractOne(deps, article, summary);
    }
  };
  const width = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, lanes.length));
  await Promise.all(Array.from({ length: width }, worker));
  return summary;
}

function groupByHost(articles: Article[]): Map<string, Article[]> {
  const lanes = new Map<string, Article[]>();
  for (const article of articles) {
    let host = "";
    try {
      host = new URL(article.url ?? "").hostname;
    } catch {
      // A broken URL gets its own lane and fails as invalid below.
    }
    const lane = lanes.get(host) ?? [];
    lane.push(article);
    lanes.set(host, lane);
  }
  return lanes;
}

async function extractOne(deps: ArticleExtractorDeps, article: Article, summary: ExtractionPassSummary): Promise<void> {
  const outcome = await tryPage(deps, article);
  try {
    const recorded = await deps.articles.recordExtraction(article.id, outcome);
    if (recorded?.mergedInto != null) summary.merged += 1;
  } catch (error) {
    deps.logger.error({ articleId: article.id, err: error }, "could not record a page extraction");
    return;
  }
  if (outcome.kind === "extracted") summary.extracted += 1;
  else if (outcome.kind === "kept") summary.kept += 1;
  else if (outcome.kind === "retry") summary.retried += 1;
  else summary.failed += 1;
  const context = { articleId: article.id, feedId: article.feedId, url: article.url, outcome: outcome.kind };
  if (outcome.kind === "extracted") deps.logger.debug(context, "article text extracted");
  else
    deps.logger.info(
      { ...context, reason: "reason" in outcome ? outcome.reason : outcome.error },
      "article text not extracted",
    );
}

/** Never throws: every failure is an outcome, so one bad page never stops the queue. */
async function tryPage(deps: ArticleExtractorDeps, article: Article): Promise<ExtractionOutcome> {
  if (article.url === null) return { kind: "kept", reason: "the article has no link" };
  try {
    const fetched = await deps.pages.fetchPage(article.url);
    if (fetched.kind === "failed" && fetched.retry) return retryOrFail(deps, article, fetched.reason);
    if (fetched.kind !== "page") return { kind: "kept", reason: fetched.reason };
    const page = await deps.extract(fetched.html, fetched.url);
    const verdict = judgePage(page, article.text);
    if (!verdict.usable) return { kind: "kept", reason: verdict.reason };
    return {
      kind: "extracted",
      page: {
        text: page.text,
        byline: page.byline,
        imageUrl: page.imageUrl,
        language: page.language,
        canonicalUrl: sameSite(page.canonicalUrl, fetched.url) ? page.canonicalUrl : null,
      },
    };
  } catch (error) {
    return retryOrFail(deps, article, error instanceof Error ? error.message : String(error));
  }
}

/** Another try after the policy's pause, or failed for good after the last one. */
function retryOrFail(deps: ArticleExtractorDeps, article: Article, message: string): ExtractionOutcome {
  const next = nextExtractionAttempt(article.extractionAttempts + 1, deps.clock.now());
  return next === null ? { kind: "failed", error: message } : { kind: "retry", error: message, nextAttemptAt: next };
}

/**
 * A canonical URL merges articles, so it is believed only for the page's own site (a leading
 * www., m. or amp. aside, or a subdomain of it): otherwise any page could claim to be another
 * site's article and lend that article its text.
 */
export function sameSite(canonical: string | null, pageUrl: string): boolean {
  if (canonical === null) return false;
  try {
    const a = siteOf(new URL(canonical).hostname);
    const b = siteOf(new URL(pageUrl).hostname);
    return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
  } catch {
    return false;
  }
}

function siteOf(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/\.$/, "")
    .replace(/^(?:www\d?|m|amp|mobile)\./, "");
}

/** The queue as a long-running component of `briefbot serve`: passes until stopped. */
export class ArticleExtractor {
  readonly #deps: ArticleExtractorDeps;
  readonly #options: ArticleExtractorOptions;
  #running: Promise<void> | null = null;
  #stopped = false;
  #wake: (() => void) | null = null;

  constructor(deps: ArticleExtractorDeps, options: ArticleExtractorOptions = {}) {
    this.#deps = deps;
    this.#options = options;
  }

  /** One pass now (for `briefbot ingest`); safe while the loop runs, as the store hands out each article. */
  runOnce(options: ArticleExtractorOptions = {}): Promise<ExtractionPassSummary> {
    return extractPendingArticles(this.#deps, { ...this.#options, ...options });
  }

  start(): void {
    if (this.#running) return;
    this.#stopped = false;
    this.#running = this.#loop();
  }

  /** Asks for a pass now instead of after the idle wait (e.g. after a poll stored teasers). */
  wake(): void {
    this.#wake?.();
  }

  /** Finishes the article in hand and stops; resolves when the loop has ended. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#running;
    this.#running = null;
  }

  async #loop(): Promise<void> {
    const batch = this.#options.batch ?? DEFAULT_BATCH;
    while (!this.#stopped) {
      let due = 0;
      try {
        due = (await this.runOnce()).due;
      } catch (error) {
        this.#deps.logger.error({ err: error }, "article extraction pass crashed");
      }
      if (this.#stopped) break;
      if (due < batch) await this.#idle(this.#options.idleMs ?? DEFAULT_IDLE_MS);
    }
  }

  #idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      const self = this;
      function done(): void {
        clearTimeout(timer);
        self.#wake = null;
        resolve();
      }
      this.#wake = done;
    });
  }
}
