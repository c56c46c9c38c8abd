// Fetches an article's page politely and safely: robots.txt first (cached per site), one request
// per host at a time with a pause between, through a GuardedFetcher (SSRF guard at every hop,
// timeouts, redirect limit, http/https only) capped at 3 MB. Returns the HTML or why not, and
// whether asking again later could help: HTTP failures are outcomes here, never thrown.
import { GuardedFetcher, type GuardedFetcherOptions } from "../http/guarded-fetcher.js";
import { type HttpFetchError, isHttpFetchError } from "../http/http-fetch-error.js";
import { HostGate } from "./host-gate.js";
import { RobotsCache } from "./robots-cache.js";
import { isAllowed } from "./robots-txt.js";

export interface ArticlePageFetcherOptions {
  userAgent: string;
  allowPrivate: boolean;
  /** Pause between two requests to one host, ms (1000 by default; tests use 0). */
  hostDelayMs?: number;
  /** Decoded page cap; 3 MB holds any article page (the largest of the Zyte benchmark's 181 is ~1.5 MB). */
  maxBytes?: number;
  /** Overall deadline per page including redirects, ms. */
  deadlineMs?: number;
  /** How both fetchers (pages, robots.txt) connect: an address allowlist, a DNS lookup, extra CAs. */
  connect?: Pick<GuardedFetcherOptions, "allowAddress" | "lookup" | "ca">;
}

export type PageFetch =
  | { kind: "page"; url: string; html: string }
  | { kind: "disallowed"; reason: string }
  | { kind: "not-html"; reason: string }
  /** The page could not be fetched; `retry` says whether asking again later could help. */
  | { kind: "failed"; reason: string; retry: boolean };

const DEFAULT_PAGE_BYTES = 3 * 1024 * 1024;
const DEFAULT_DELAY_MS = 1000;
const DEFAULT_DEADLINE_MS = 30_000;
/** RFC 9309 asks crawlers to parse at least 500 KiB of robots.txt; more is not a robots.txt. */
const ROBOTS_BYTES = 512 * 1024;
const ROBOTS_DEADLINE_MS = 10_000;
const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml)\b/i;
/** HTTP answers that will not change by asking again. */
const FINAL_STATUSES = new Set([400, 401, 402, 403, 404, 405, 406, 410, 451]);

export class ArticlePageFetcher {
  readonly #pages: GuardedFetcher;
  readonly #robotsFetcher: GuardedFetcher;
  readonly #gate: HostGate;
  readonly robots: RobotsCache;

  constructor(options: ArticlePageFetcherOptions) {
    const common = { userAgent: options.userAgent, allowPrivate: options.allowPrivate, ...options.connect };
    this.#pages = new GuardedFetcher({
      ...common,
      maxBytes: options.maxBytes ?? DEFAULT_PAGE_BYTES,
      deadlineMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS,
      accept: "text/html, application/xhtml+xml;q=0.9, */*;q=0.1",
    });
    this.#robotsFetcher = new GuardedFetcher({
      ...common,
      maxBytes: ROBOTS_BYTES,
      deadlineMs: ROBOTS_DEADLINE_MS,
      connectTimeoutMs: 5000,
      headersTimeoutMs: 8000,
      bodyTimeoutMs: 8000,
      accept: "text/plain, */*;q=0.1",
    });
    this.#gate = new HostGate(options.hostDelayMs ?? DEFAULT_DELAY_MS);
    this.robots = new RobotsCache(this.#robotsFetcher, this.#gate);
  }

  /** Never throws for an HTTP failure: that is a `failed` outcome (the extractor decides about retrying). */
  async fetchPage(url: string): Promise<PageFetch> {
    try {
      return await this.#fetchPage(url);
    } catch (error) {
      if (!isHttpFetchError(error)) throw error;
      return { kind: "failed", reason: error.message, retry: !isFinal(error) };
    }
  }

  async #fetchPage(url: string): Promise<PageFetch> {
    const parsed = new URL(url);
    const rules = await this.robots.rulesFor(parsed);
    if (!isAllowed(rules, `${parsed.pathname}${parsed.search}`)) {
      return { kind: "disallowed", reason: `robots.txt of ${parsed.host} disallows ${parsed.pathname}` };
    }
    const response = await this.#gate.run(parsed.hostname, () => this.#pages.fetchText(url));
    const type = response.contentType;
    // No Content-Type: sniff, as browsers do; markup starts with "<".
    const html = type === null ? response.text.trimStart().startsWith("<") : HTML_TYPES.test(type.trim());
    if (!html) return { kind: "not-html", reason: `the page is not HTML (${type ?? "no content type"})` };
    return { kind: "page", url: response.url, html: response.text };
  }

  async close(): Promise<void> {
    await Promise.all([this.#pages.close(), this.#robotsFetcher.close()]);
  }
}

/** Failures that asking again cannot fix: a refused address, an oversized page, a gone page. */
function isFinal(error: HttpFetchError): boolean {
  if (error.code === "blocked_address" || error.code === "invalid_url" || error.code === "too_large") return true;
  return error.code === "http_status" && error.status !== undefined && FINAL_STATUSES.has(error.status);
}
