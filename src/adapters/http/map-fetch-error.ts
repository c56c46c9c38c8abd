// Error mapping for the HTTP client: every failure leaves the client as one HttpFetchError whose
// message says what happened. Builds the client's own failures (too large, bad status, DNS) and
// translates what undici, zlib and TLS throw (timeouts by phase, corrupt bodies, certificates).
import { HttpFetchError } from "./http-fetch-error.js";

/** The timeouts a message names, in ms. */
export interface FetchTimeouts {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

export function tooLarge(url: URL, maxBytes: number, why: string): HttpFetchError {
  return new HttpFetchError(
    "too_large",
    `${url.href} is larger than the ${formatBytes(maxBytes)} limit (${why}), so briefbot stopped reading it.`,
  );
}

export function httpStatusError(url: URL, status: number, retryAfter: string | null): HttpFetchError {
  const retry = retryAfter === null ? "" : ` (Retry-After: ${retryAfter})`;
  let advice: string;
  let temporary = false;
  if (status === 429 || status === 503) {
    advice = `the server asks us to slow down or is temporarily unavailable${retry}.`;
    temporary = true;
  } else if (status === 404 || status === 410) {
    advice = "it is not there (any more); check the URL.";
  } else if (status === 401 || status === 403) {
    advice = "the server refuses access; the address may be private, or the site may block bots.";
  } else if (status >= 500) {
    advice = `the server failed${retry}; this is usually temporary.`;
    temporary = true;
  } else {
    advice = "the server did not return what was asked for; check the URL in a browser.";
  }
  return new HttpFetchError("http_status", `${url.href} answered HTTP ${status}: ${advice}`, { status, temporary });
}

export function dnsError(host: string, error: unknown): HttpFetchError {
  const code = errorCode(error);
  const temporary = code === "EAI_AGAIN" || code === "ESERVFAIL" || code === "ETIMEOUT";
  const advice = temporary
    ? "this is usually temporary."
    : "check the URL for typos, or whether the site still exists.";
  return new HttpFetchError("dns", `Could not look up the host name ${host} (${code ?? "DNS error"}): ${advice}`, {
    temporary,
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
export function mapFetchError(
  error: unknown,
  url: URL,
  deadline: AbortSignal,
  timeouts: FetchTimeouts,
): HttpFetchError {
  if (error instanceof HttpFetchError) return error;
  if (deadline.aborted && deadline.reason instanceof HttpFetchError) return deadline.reason;
  const code = errorCode(error);
  const phase = code === undefined ? undefined : TIMEOUT_PHASES[code];
  const temporary = { temporary: true, cause: error };
  if (phase === "connect") {
    return new HttpFetchError(
      "timeout",
      `Timed out connecting to ${url.host} (connect timeout ${timeouts.connectTimeoutMs} ms): the server may be down or ` +
        "unreachable.",
      temporary,
    );
  }
  if (phase === "headers") {
    return new HttpFetchError(
      "timeout",
      `${url.href} did not start answering within the headers timeout of ${timeouts.headersTimeoutMs} ms; the server ` +
        "is overloaded or stuck.",
      temporary,
    );
  }
  if (phase === "body") {
    return new HttpFetchError(
      "timeout",
      `${url.href} stopped sending its body for longer than the body timeout of ${timeouts.bodyTimeoutMs} ms.`,
      temporary,
    );
  }
  if (code?.startsWith("Z_") || code === "ERR_PADDING_1" || code?.startsWith("ERR__ERROR_FORMAT")) {
    return new HttpFetchError(
      "network",
      `${url.href} sent a corrupt or truncated compressed body (${code}); this is usually temporary.`,
      temporary,
    );
  }
  if (code !== undefined && TLS_ERROR.test(code)) {
    return new HttpFetchError(
      "network",
      `The TLS certificate of ${url.host} was not accepted (${code}); the site's HTTPS setup is broken, or the ` +
        "connection is being intercepted. Check the URL in a browser.",
      { cause: error },
    );
  }
  const detail = code === undefined ? describe(error) : `${code}: ${describe(error)}`;
  return new HttpFetchError(
    "network",
    `Could not fetch ${url.href} (${detail}); the server may be down or dropped the connection.`,
    temporary,
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
