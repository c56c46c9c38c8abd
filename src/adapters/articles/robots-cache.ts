// robots.txt per site, fetched once and cached: its own small fetcher (size and time limits far
// below a page's), through the same per-host gate as pages. A missing, unreachable or broken
// robots.txt allows everything, as the issue asks (RFC 9309 would disallow on a 5xx).
import type { GuardedFetcher } from "../http/guarded-fetcher.js";
import { isHttpFetchError } from "../http/http-fetch-error.js";
import type { HostGate } from "./host-gate.js";
import { ALLOW_ALL, parseRobotsTxt, type RobotsRules } from "./robots-txt.js";

/** A day, as RFC 9309 suggests for caching; an error is retried sooner. */
const TTL_MS = 24 * 60 * 60_000;
const ERROR_TTL_MS = 60 * 60_000;
/** Sites remembered at most; the oldest is forgotten first. */
const MAX_SITES = 5000;

interface Entry {
  rules: Promise<RobotsRules>;
  expiresAt: number;
}

export class RobotsCache {
  readonly #fetcher: GuardedFetcher;
  readonly #gate: HostGate;
  readonly #sites = new Map<string, Entry>();
  /** How often robots.txt was actually requested (for tests and diagnostics). */
  fetches = 0;

  constructor(fetcher: GuardedFetcher, gate: HostGate) {
    this.#fetcher = fetcher;
    this.#gate = gate;
  }

  /** The rules for `url`'s site; concurrent callers share one fetch. */
  rulesFor(url: URL): Promise<RobotsRules> {
    const origin = url.origin;
    const now = performance.now();
    const cached = this.#sites.get(origin);
    if (cached && cached.expiresAt > now) return cached.rules;
    const entry: Entry = { rules: Promise.resolve(ALLOW_ALL), expiresAt: now + TTL_MS };
    entry.rules = this.#load(url, entry);
    this.#sites.delete(origin);
    this.#sites.set(origin, entry);
    if (this.#sites.size > MAX_SITES) {
      const oldest = this.#sites.keys().next().value;
      if (oldest !== undefined) this.#sites.delete(oldest);
    }
    return entry.rules;
  }

  async #load(url: URL, entry: Entry): Promise<RobotsRules> {
    const robotsUrl = new URL("/robots.txt", url.origin).href;
    try {
      this.fetches += 1;
      const response = await this.#gate.run(url.hostname, () => this.#fetcher.fetchText(robotsUrl));
      return parseRobotsTxt(response.text);
    } catch (error) {
      // 4xx is "no robots.txt": allowed for a day. Anything else: allowed, asked again sooner.
      const missing = isHttpFetchError(error) && error.status !== undefined && error.status < 500;
      if (!missing) entry.expiresAt = performance.now() + ERROR_TTL_MS;
      return ALLOW_ALL;
    }
  }
}
