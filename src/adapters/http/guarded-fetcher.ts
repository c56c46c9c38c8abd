// The only way briefbot fetches over HTTP: an undici Agent on the SSRF-checked connector
// (guarded-connector.ts), redirects followed by hand so the guard judges every hop
// (follow-redirects.ts), one request per host at a time, timeouts and an overall deadline, a size
// cap on decoded bytes (read-body.ts), conditional GET and charset decoding; errors via map-fetch-error.ts.
import { Agent, request } from "undici";
import { decodeBody } from "./decode-body.js";
import { followRedirects, type HopResult, isRedirectStatus } from "./follow-redirects.js";
import { createGuardedConnector, type ResolveHost, resolveWithDns } from "./guarded-connector.js";
import { HostQueue } from "./host-queue.js";
import { HttpFetchError } from "./http-fetch-error.js";
import { httpStatusError, mapFetchError, tooLarge } from "./map-fetch-error.js";
import { discardBody, dropBody, readBody } from "./read-body.js";
import { type AddressPolicy, addressPolicy, assertAllowedUrl, parseHttpUrl } from "./ssrf-guard.js";

export interface GuardedFetcherOptions {
  userAgent: string; // e.g. "briefbot/0.1 (+https://github.com/briefbot/briefbot)"
  allowPrivate: boolean; // BRIEFBOT_ALLOW_PRIVATE_FEEDS: when false, SSRF guard refuses non-public addresses
  maxBytes?: number; // decoded body cap, default 5 * 1024 * 1024
  maxRedirects?: number; // default 5; a 3xx remaining after that is an error
  connectTimeoutMs?: number; // default 10_000
  headersTimeoutMs?: number; // default 15_000
  bodyTimeoutMs?: number; // idle timeout between body chunks, default 15_000
  deadlineMs?: number; // overall deadline for the whole request incl. redirects, default 30_000
  accept?: string; // Accept header
  /**
   * Addresses to allow besides public ones while `allowPrivate` is false: a narrower opening than
   * allowPrivate (one intranet server, or a loopback test server). It only widens the policy.
   */
  allowAddress?: AddressPolicy;
  /** The DNS lookup: every address of a host name. Default: the system resolver (node:dns). */
  lookup?: ResolveHost;
  /** Extra trusted CA certificates (PEM) besides Node's own, e.g. an intranet's CA. */
  ca?: string;
}
export interface ConditionalHeaders {
  etag?: string | null;
  lastModified?: string | null;
}
export interface GuardedResponse {
  status: number; // 200..299, or 304
  url: string; // final URL after redirects
  notModified: boolean; // true for 304
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  text: string; // decoded body ("" for 304)
}
/** The same response before decoding: the body's bytes after Content-Encoding (empty for 304). */
export type GuardedBytesResponse = Omit<GuardedResponse, "text"> & { bytes: Uint8Array };

// Defaults: 5 MB is far above any real feed (large podcast feeds run to 1-2 MB) and bounds memory;
// 5 redirects matches what browsers tolerate for feeds in practice (curl and undici default to 5 too).
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_HEADERS_TIMEOUT_MS = 15_000;
const DEFAULT_BODY_TIMEOUT_MS = 15_000;
const DEFAULT_DEADLINE_MS = 30_000;
const DEFAULT_ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, " +
  "application/json;q=0.8, text/html;q=0.7, */*;q=0.5";

export class GuardedFetcher {
  readonly #options: Required<Omit<GuardedFetcherOptions, "allowAddress" | "lookup" | "ca">>;
  readonly #policy: AddressPolicy;
  readonly #agent: Agent;
  readonly #queue = new HostQueue();

  constructor(options: GuardedFetcherOptions) {
    this.#options = {
      userAgent: options.userAgent,
      allowPrivate: options.allowPrivate,
      maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
      maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      headersTimeoutMs: options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
      bodyTimeoutMs: options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS,
      deadlineMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS,
      accept: options.accept ?? DEFAULT_ACCEPT,
    };
    this.#policy = addressPolicy(options.allowPrivate, options.allowAddress);
    this.#agent = new Agent({
      connect: createGuardedConnector({
        policy: this.#policy,
        resolve: options.lookup ?? resolveWithDns,
        timeoutMs: this.#options.connectTimeoutMs,
        ca: options.ca,
      }),
      headersTimeout: this.#options.headersTimeoutMs,
      bodyTimeout: this.#options.bodyTimeoutMs,
    });
  }

  /**
   * Checks `url` as a fetch would before any network work: http(s), no credentials, and an IP
   * literal host within the address policy (a host name's addresses are checked when it resolves,
   * at every fetch). Throws HttpFetchError `invalid_url` or `blocked_address`. For feeds stored
   * without a fetch (an OPML import).
   */
  checkUrl(url: string): void {
    assertAllowedUrl(parseHttpUrl(url), this.#policy);
  }

  /** Fetches `url` as text. Throws HttpFetchError for every failure; never resolves with a 3xx/4xx/5xx. */
  async fetchText(url: string, conditional?: ConditionalHeaders): Promise<GuardedResponse> {
    const { bytes, ...response } = await this.fetchBytes(url, conditional);
    return { ...response, text: response.notModified ? "" : decodeBody(bytes, response.contentType) };
  }

  /**
   * Fetches `url` without decoding it, for a caller that decodes elsewhere (the feed parser worker,
   * so the main thread never holds the text). Fails exactly as fetchText does.
   */
  async fetchBytes(url: string, conditional?: ConditionalHeaders): Promise<GuardedBytesResponse> {
    let current = parseHttpUrl(url);
    const deadline = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // The deadline starts when the first hop gets its host slot: waiting politely behind other
    // feeds of the same host is not this server being slow. Later hops' waits do count.
    const startDeadline = (): void => {
      timer ??= setTimeout(() => {
        deadline.abort(
          new HttpFetchError(
            "timeout",
            `Fetching ${url} took longer than the overall deadline of ${this.#options.deadlineMs} ms (including ` +
              "redirects and reading the body); the server is too slow.",
            { temporary: true },
          ),
        );
      }, this.#options.deadlineMs);
    };
    const limits = { maxRedirects: this.#options.maxRedirects, policy: this.#policy };
    try {
      return await followRedirects(url, current, limits, (hopUrl) => {
        current = hopUrl;
        return this.#queue.run(
          hostKey(hopUrl),
          () => {
            startDeadline();
            return this.#fetchOnce(hopUrl, conditional, deadline.signal);
          },
          deadline.signal,
        );
      });
    } catch (error) {
      throw mapFetchError(error, current, deadline.signal, this.#options);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes pooled connections; the fetcher cannot be used afterwards. */
  async close(): Promise<void> {
    await this.#agent.close();
  }

  async #fetchOnce(
    url: URL,
    conditional: ConditionalHeaders | undefined,
    signal: AbortSignal,
  ): Promise<HopResult<GuardedBytesResponse>> {
    const headers: Record<string, string> = {
      "user-agent": this.#options.userAgent,
      accept: this.#options.accept,
      "accept-encoding": "gzip, deflate, br",
    };
    if (conditional?.etag) headers["if-none-match"] = conditional.etag;
    if (conditional?.lastModified) headers["if-modified-since"] = conditional.lastModified;

    const response = await request(url, { dispatcher: this.#agent, method: "GET", headers, signal });
    const { statusCode: status, headers: responseHeaders, body } = response;
    const header = (name: string): string | null => headerValue(responseHeaders, name);

    if (isRedirectStatus(status)) {
      await discardBody(body, signal);
      const location = header("location");
      if (location === null) {
        throw new HttpFetchError(
          "http_status",
          `${url.href} answered ${status} (a redirect) without a Location header; the server is misconfigured.`,
          { status },
        );
      }
      return { kind: "redirect", location };
    }

    const meta = {
      status,
      url: url.href,
      contentType: header("content-type"),
      etag: header("etag"),
      lastModified: header("last-modified"),
    };
    if (status === 304) {
      await discardBody(body, signal);
      return { kind: "response", response: { ...meta, notModified: true, bytes: new Uint8Array(0) } };
    }
    if (status < 200 || status > 299) {
      await discardBody(body, signal);
      throw httpStatusError(url, status, header("retry-after"));
    }

    const maxBytes = this.#options.maxBytes;
    const declaredLength = Number(header("content-length") ?? Number.NaN);
    if (declaredLength > maxBytes) {
      dropBody(body);
      throw tooLarge(url, maxBytes, `it declares ${declaredLength} bytes`);
    }
    const bytes = await readBody(body, header("content-encoding"), maxBytes, url, signal);
    return { kind: "response", response: { ...meta, notModified: false, bytes } };
  }
}

/** The queue key: one request at a time per host name, whatever the port or scheme. */
function hostKey(url: URL): string {
  return url.hostname.replace(/\.$/, "");
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}
