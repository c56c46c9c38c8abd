// Error mapping for the HTTP client: every failure leaves the client as one error whose message
// says what happened and what to do. Builds the client's own failures (too large, bad status, DNS)
// and translates what undici, zlib and TLS throw (timeouts by phase, corrupt bodies, certificates).
import { FeedError } from "../../briefing/errors.js";

/** The timeouts a message names, in ms. */
export interface FetchTimeouts {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

export function tooLarge(url: URL, maxBytes: number, why: string): FeedError {
  return new FeedError(
    "too_large",
    `${url.href} is larger than the ${formatBytes(maxBytes)} limit (${why}), so briefbot stopped reading it. ` +
      "If this really is the feed, ask its publisher for a shorter one.",
  );
}

export function httpStatusError(url: URL, status: number, retryAfter: string | null): FeedError {
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

export function dnsError(host: string, error: unknown): FeedError {
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

/**
 * The error a fetch of `url` ends with. `deadline` is the request's overall deadline signal: once
 * it has fired, whatever undici or the stream pipeline throws is a consequence of it.
 */
export function mapFetchError(error: unknown, url: URL, deadline: AbortSignal, timeouts: FetchTimeouts): FeedError {
  if (error instanceof FeedError) return error;
  if (deadline.aborted && deadline.reason instanceof FeedError) return deadline.reason;
  const code = errorCode(error);
  const phase = code === undefined ? undefined : TIMEOUT_PHASES[code];
  if (phase === "connect") {
    return new FeedError(
      "timeout",
      `Timed out connecting to ${url.host} (connect timeout ${timeouts.connectTimeoutMs} ms): the server may be down or ` +
        "unreachable. briefbot will try again on the next poll.",
      { cause: error },
    );
  }
  if (phase === "headers") {
    return new FeedError(
      "timeout",
      `${url.href} did not start answering within the headers timeout of ${timeouts.headersTimeoutMs} ms; the server ` +
        "is overloaded or stuck. briefbot will try again on the next poll.",
      { cause: error },
    );
  }
  if (phase === "body") {
    return new FeedError(
      "timeout",
      `${url.href} stopped sending its body for longer than the body timeout of ${timeouts.bodyTimeoutMs} ms. ` +
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
export function errorCode(error: unknown): string | undefined {
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

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB` : `${bytes} bytes`;
}
