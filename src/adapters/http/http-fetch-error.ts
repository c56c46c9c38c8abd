// The HTTP client's one error type: why a fetch failed, as a stable code (with the status and
// whether asking again later may help) and a message that says what happened. Callers word their
// own advice on top: feeds map it to FeedError, article pages to an extraction outcome.

export const HTTP_FETCH_ERROR_CODES = [
  "invalid_url",
  "blocked_address",
  "dns",
  "network",
  "timeout",
  "too_large",
  "too_many_redirects",
  "http_status",
] as const;
export type HttpFetchErrorCode = (typeof HTTP_FETCH_ERROR_CODES)[number];

export interface HttpFetchErrorOptions {
  /** The HTTP status, for `http_status`. */
  status?: number;
  /** True when the same request may well succeed later (a timeout, a 503), false when it will not. */
  temporary?: boolean;
  cause?: unknown;
}

export class HttpFetchError extends Error {
  readonly code: HttpFetchErrorCode;
  readonly status: number | undefined;
  readonly temporary: boolean;
  constructor(code: HttpFetchErrorCode, message: string, options: HttpFetchErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "HttpFetchError";
    this.code = code;
    this.status = options.status;
    this.temporary = options.temporary ?? false;
  }
}

export function isHttpFetchError(error: unknown): error is HttpFetchError {
  return error instanceof HttpFetchError;
}
