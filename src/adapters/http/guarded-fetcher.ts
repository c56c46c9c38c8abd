// The only way briefbot fetches a feed over HTTP: undici with our own connector (the SSRF guard
// checks every resolved address, then connects to exactly that address), manual redirects (so the
// guard runs at every hop), timeouts, a size cap on decoded bytes, conditional GET and decoding.
import { lookup } from "node:dns/promises";
import type { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from "node:zlib";
import { Agent, buildConnector, type Dispatcher, request } from "undici";
import { FeedError } from "../../briefing/errors.js";
import { decodeBody } from "../feeds/decode-body.js";
import { HostQueue } from "./host-queue.js";
import {
  type AddressPolicy,
  addressPolicy,
  assertAllowedUrl,
  checkAddress,
  isIpLiteral,
  parseFeedUrl,
  unbracket,
} from "./ssrf-guard.js";

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

/**
 * Hooks for tests only; production code passes nothing. They exist so a test server on 127.0.0.1
 * can be reached while the guard stays on for everything else, and so DNS can be faked without a
 * network. `allowAddress` only widens the public-only policy; it never narrows it.
 */
export interface GuardedFetcherTestHooks {
  /** Extra addresses to allow while `allowPrivate` is false (e.g. `(ip) => ip === "127.0.0.1"`). */
  allowAddress?: AddressPolicy;
  /** Replaces the DNS lookup (node:dns `lookup` with `all: true`); returns every address of `hostname`. */
  resolve?: (hostname: string) => Promise<string[]>;
  /** Extra trusted CA certificates (PEM), so a test HTTPS server with its own certificate can be verified. */
  tlsCa?: string;
}

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
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Small bodies of redirects and errors are read to the end so the connection can be reused.
const DISCARD_LIMIT = 64 * 1024;

type HopResult = { kind: "redirect"; location: string } | { kind: "response"; response: GuardedBytesResponse };

export class GuardedFetcher {
  readonly #options: Required<GuardedFetcherOptions>;
  readonly #policy: AddressPolicy;
  readonly #agent: Agent;
  readonly #queue = new HostQueue();

  constructor(options: GuardedFetcherOptions, testHooks: GuardedFetcherTestHooks = {}) {
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
    this.#policy = addressPolicy(options.allowPrivate, testHooks.allowAddress);
    this.#agent = new Agent({
      connect: createGuardedConnector({
        policy: this.#policy,
        resolve: testHooks.resolve ?? resolveWithDns,
        timeoutMs: this.#options.connectTimeoutMs,
        ca: testHooks.tlsCa,
      }),
      headersTimeout: this.#options.headersTimeoutMs,
      bodyTimeout: this.#options.bodyTimeoutMs,
    });
  }

  /** Fetches `url` as text. Throws FeedError for every failure; never resolves with a 3xx/4xx/5xx. */
  async fetchText(url: string, conditional?: ConditionalHeaders): Promise<GuardedResponse> {
    const { bytes, ...response } = await this.fetchBytes(url, conditional);
    return { ...response, text: response.notModified ? "" : decodeBody(bytes, response.contentType) };
  }

  /**
   * Fetches `url` without decoding it, for a caller that decodes elsewhere (the feed parser worker,
   * so the main thread never holds the text). Fails exactly as fetchText does.
   */
  async fetchBytes(url: string, conditional?: ConditionalHeaders): Promise<GuardedBytesResponse> {
    let current = parseFeedUrl(url);
    const deadline = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // The deadline starts when the first hop gets its host slot: waiting politely behind other
    // feeds of the same host is not this server being slow. Later hops' waits do count.
    const startDeadline = (): void => {
      timer ??= setTimeout(() => {
        deadline.abort(
          new FeedError(
            "timeout",
            `Fetching ${url} took longer than the overall deadline of ${this.#options.deadlineMs} ms (including ` +
              "redirects and reading the body); the server is too slow. briefbot will try again on the next poll.",
          ),
        );
      }, this.#options.deadlineMs);
    };
    try {
      for (let redirects = 0; ; redirects += 1) {
        assertAllowedUrl(current, this.#policy);
        const hopUrl = current;
        const hop = await this.#queue.run(
          hostKey(hopUrl),
          () => {
            startDeadline();
            return this.#fetchOnce(hopUrl, conditional, deadline.signal);
          },
          deadline.signal,
        );
        if (hop.kind === "response") return hop.response;
        if (redirects >= this.#options.maxRedirects) {
          throw new FeedError(
            "too_many_redirects",
            `${url} redirected more than ${this.#options.maxRedirects} times (last to ${hop.location}); the feed ` +
              "address is probably stale or loops. Open it in a browser and use the address it finally lands on.",
          );
        }
        current = redirectTarget(hop.location, hopUrl);
      }
    } catch (error) {
      throw toFeedError(error, current, deadline.signal, this.#options);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes pooled connections; the fetcher cannot be used afterwards. */
  async close(): Promise<void> {
    await this.#agent.close();
  }

  async #fetchOnce(url: URL, conditional: ConditionalHeaders | undefined, signal: AbortSignal): Promise<HopResult> {
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

    if (REDIRECT_STATUSES.has(status)) {
      await discard(body, signal);
      const location = header("location");
      if (location === null) {
        throw new FeedError(
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
      await discard(body, signal);
      return { kind: "response", response: { ...meta, notModified: true, bytes: new Uint8Array(0) } };
    }
    if (status < 200 || status > 299) {
      await discard(body, signal);
      throw httpStatusError(url, status, header("retry-after"));
    }

    const maxBytes = this.#options.maxBytes;
    const declaredLength = Number(header("content-length") ?? Number.NaN);
    if (declaredLength > maxBytes) {
      drop(body);
      throw tooLarge(url, maxBytes, `it declares ${declaredLength} bytes`);
    }
    const bytes = await readBody(body, header("content-encoding"), maxBytes, url, signal);
    return { kind: "response", response: { ...meta, notModified: false, bytes } };
  }
}

// ---------------------------------------------------------------------------------------------
// Connecting: resolve, check every address, connect to a checked address (never re-resolve).

interface ConnectorParams {
  policy: AddressPolicy;
  resolve: (hostname: string) => Promise<string[]>;
  timeoutMs: number;
  ca: string | undefined;
}

type Connector = buildConnector.connector;

/**
 * An undici connector that resolves the host itself, refuses the connection if ANY address is
 * disallowed (a name with one public and one private address is an SSRF trick), and then connects
 * to the checked IP. `host` is passed through unchanged so TLS SNI, certificate checks and the
 * Host header still use the name; only the TCP destination is pinned, which closes the DNS
 * rebinding gap between check and connect.
 */
function createGuardedConnector(params: ConnectorParams): Connector {
  const connectTo = buildConnector(
    params.ca === undefined ? { timeout: params.timeoutMs } : { timeout: params.timeoutMs, ca: params.ca },
  );
  return (options, callback) => {
    const host = unbracket(options.hostname);
    resolveAllowed(host, params).then(
      (addresses) => {
        const attempt = (index: number): void => {
          const address = addresses[index] as string;
          connectTo({ ...options, hostname: address }, (...result) => {
            const [error] = result;
            // Try the next address (e.g. localhost's ::1 when the server listens on 127.0.0.1 only).
            if (error !== null && index + 1 < addresses.length && isRetryableConnectError(error)) attempt(index + 1);
            else callback(...result);
          });
        };
        attempt(0);
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  };
}

async function resolveAllowed(host: string, params: ConnectorParams): Promise<string[]> {
  const addresses = isIpLiteral(host) ? [host] : await resolveWithin(host, params);
  if (addresses.length === 0) {
    throw new FeedError("dns", `The host name ${host} has no addresses; check the feed URL for typos.`);
  }
  for (const address of addresses) checkAddress(address, params.policy, { host });
  return [...new Set(addresses)];
}

/** DNS counts toward the connect timeout: a lookup that hangs is a connection that never starts. */
async function resolveWithin(host: string, params: ConnectorParams): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new FeedError(
            "timeout",
            `Timed out connecting to ${host}: the DNS lookup took longer than the connect timeout of ${params.timeoutMs} ms. ` +
              "briefbot will try again on the next poll.",
          ),
        ),
      params.timeoutMs,
    );
  });
  try {
    return await Promise.race([params.resolve(host), timeout]);
  } catch (error) {
    if (error instanceof FeedError) throw error;
    throw dnsError(host, error);
  } finally {
    clearTimeout(timer);
  }
}

async function resolveWithDns(hostname: string): Promise<string[]> {
  const results = await lookup(hostname, { all: true });
  return results.map((result) => result.address);
}

function isRetryableConnectError(error: Error): boolean {
  const code = errorCode(error);
  return code === "ECONNREFUSED" || code === "EHOSTUNREACH" || code === "ENETUNREACH" || code === "EADDRNOTAVAIL";
}

// ---------------------------------------------------------------------------------------------
// Reading the body: count compressed bytes, decompress ourselves, count decoded bytes, stop early.

async function readBody(
  body: Readable,
  contentEncoding: string | null,
  maxBytes: number,
  url: URL,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const input = (body as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  // The first chunk is read before choosing the decoder: raw vs zlib deflate is told by its header.
  const first = await input.next();
  // An empty body stays empty whatever its Content-Encoding says (gunzip would call it truncated).
  if (first.done === true) return new Uint8Array(0);
  let decoder: Transform | null;
  try {
    decoder = createDecoder(contentEncoding, first.value, url);
  } catch (error) {
    await input.return?.();
    throw error;
  }
  const chunks: Buffer[] = [];
  let decoded = 0;

  async function* compressed(): AsyncGenerator<Buffer> {
    try {
      let received = 0;
      for (let next = first; next.done !== true; next = await input.next()) {
        received += next.value.byteLength;
        if (received > maxBytes) throw tooLarge(url, maxBytes, "the server sent more than that");
        yield next.value;
      }
    } finally {
      // Ending the iterator early destroys `body`, which closes the connection: we stop reading.
      await input.return?.();
    }
  }
  async function collect(source: AsyncIterable<Buffer>): Promise<void> {
    for await (const chunk of source) {
      decoded += chunk.byteLength;
      if (decoded > maxBytes) throw tooLarge(url, maxBytes, "it decompresses to more than that");
      chunks.push(chunk);
    }
  }

  if (decoder === null) await pipeline(compressed, collect, { signal });
  else await pipeline(compressed, decoder, collect, { signal });
  return Buffer.concat(chunks, decoded);
}

function createDecoder(contentEncoding: string | null, head: Buffer, url: URL): Transform | null {
  const codings = (contentEncoding ?? "")
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity");
  if (codings.length === 0) return null;
  const [coding] = codings;
  if (codings.length === 1) {
    if (coding === "gzip" || coding === "x-gzip") return createGunzip();
    if (coding === "br") return createBrotliDecompress();
    // "deflate" should be zlib-wrapped (RFC 9110) but some servers send raw deflate; like browsers,
    // tell them apart by the zlib header (RFC 1950: method 8 in the low nibble, 16 bits divisible by 31).
    if (coding === "deflate") return looksLikeZlib(head) ? createInflate() : createInflateRaw();
  }
  throw new FeedError(
    "network",
    `${url.href} was sent with Content-Encoding "${contentEncoding}", which briefbot cannot decode (it asked for ` +
      "gzip, deflate or br). The server is misconfigured.",
  );
}

function looksLikeZlib(head: Buffer): boolean {
  const [cmf, flg] = [head[0], head[1]];
  if (cmf === undefined || (cmf & 0x0f) !== 8) return false;
  return flg === undefined || (cmf * 256 + flg) % 31 === 0;
}

type ResponseBody = Dispatcher.ResponseData["body"];

/** Reads a small body to the end so the connection can be reused; a larger one is just dropped. */
async function discard(body: ResponseBody, signal: AbortSignal): Promise<void> {
  try {
    await body.dump({ limit: DISCARD_LIMIT, signal });
  } catch {
    drop(body);
  }
}

/** Stops reading a body (closing its connection) without an unhandled "aborted" error event. */
function drop(body: Readable): void {
  body.on("error", () => {});
  body.destroy();
}

// ---------------------------------------------------------------------------------------------
// Errors: every failure leaves here as a FeedError whose message says what happened and what to do.

function tooLarge(url: URL, maxBytes: number, why: string): FeedError {
  return new FeedError(
    "too_large",
    `${url.href} is larger than the ${formatBytes(maxBytes)} limit (${why}), so briefbot stopped reading it. ` +
      "If this really is the feed, ask its publisher for a shorter one.",
  );
}

function httpStatusError(url: URL, status: number, retryAfter: string | null): FeedError {
  const retry = retryAfter === null ? "" : ` (Retry-After: ${retryAfter})`;
  let advice: string;
  if (status === 429 || status === 503) {
    advice = `the server asks us to slow down or is temporarily unavailable${retry}; briefbot will try again later.`;
  } else if (status === 404 || status === 410) {
    advice = "the feed is not there (any more); check the URL or look for the site's new feed address.";
  } else if (status === 401 || status === 403) {
    advice = "the server refuses access; the feed may be private or may block bots.";
  } else if (status >= 500) {
    advice = `the server failed${retry}; this is usually temporary, and briefbot will try again on the next poll.`;
  } else {
    advice = "the server did not return the feed; check the URL in a browser.";
  }
  return new FeedError("http_status", `${url.href} answered HTTP ${status}: ${advice}`, { status });
}

function dnsError(host: string, error: unknown): FeedError {
  const code = errorCode(error);
  const temporary = code === "EAI_AGAIN" || code === "ESERVFAIL" || code === "ETIMEOUT";
  const advice = temporary
    ? "this is usually temporary; briefbot will try again on the next poll."
    : "check the feed URL for typos, or whether the site still exists.";
  return new FeedError("dns", `Could not look up the host name ${host} (${code ?? "DNS error"}): ${advice}`, {
    cause: error,
  });
}

const TIMEOUT_PHASES: Record<string, "connect" | "headers" | "body"> = {
  UND_ERR_CONNECT_TIMEOUT: "connect",
  UND_ERR_HEADERS_TIMEOUT: "headers",
  UND_ERR_BODY_TIMEOUT: "body",
};

function toFeedError(
  error: unknown,
  url: URL,
  deadline: AbortSignal,
  options: Required<GuardedFetcherOptions>,
): FeedError {
  if (error instanceof FeedError) return error;
  // After the deadline fires, whatever undici or the stream pipeline throws is a consequence of it.
  if (deadline.aborted && deadline.reason instanceof FeedError) return deadline.reason;
  const code = errorCode(error);
  const phase = code === undefined ? undefined : TIMEOUT_PHASES[code];
  if (phase === "connect") {
    return new FeedError(
      "timeout",
      `Timed out connecting to ${url.host} (connect timeout ${options.connectTimeoutMs} ms): the server may be down or ` +
        "unreachable. briefbot will try again on the next poll.",
      { cause: error },
    );
  }
  if (phase === "headers") {
    return new FeedError(
      "timeout",
      `${url.href} did not start answering within the headers timeout of ${options.headersTimeoutMs} ms; the server ` +
        "is overloaded or stuck. briefbot will try again on the next poll.",
      { cause: error },
    );
  }
  if (phase === "body") {
    return new FeedError(
      "timeout",
      `${url.href} stopped sending its body for longer than the body timeout of ${options.bodyTimeoutMs} ms. ` +
        "briefbot will try again on the next poll.",
      { cause: error },
    );
  }
  if (code?.startsWith("Z_") || code === "ERR_PADDING_1" || code?.startsWith("ERR__ERROR_FORMAT")) {
    return new FeedError(
      "network",
      `${url.href} sent a corrupt or truncated compressed body (${code}); this is usually temporary.`,
      { cause: error },
    );
  }
  if (code !== undefined && TLS_ERROR.test(code)) {
    return new FeedError(
      "network",
      `The TLS certificate of ${url.host} was not accepted (${code}); the site's HTTPS setup is broken, or the ` +
        "connection is being intercepted. Check the URL in a browser.",
      { cause: error },
    );
  }
  const detail = code === undefined ? describe(error) : `${code}: ${describe(error)}`;
  return new FeedError(
    "network",
    `Could not fetch ${url.href} (${detail}); the server may be down or dropped the connection. briefbot will try ` +
      "again on the next poll.",
    { cause: error },
  );
}

const TLS_ERROR = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

/** The `code` of an error or of any error in its `cause` chain (undici and streams wrap). */
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current !== null && typeof current === "object" && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

function redirectTarget(location: string, from: URL): URL {
  try {
    return parseFeedUrl(location, from);
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    throw new FeedError(
      "invalid_url",
      `${from.href} redirected to "${location.slice(0, 200)}", which briefbot will not follow: ${error.message}`,
    );
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

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB` : `${bytes} bytes`;
}
