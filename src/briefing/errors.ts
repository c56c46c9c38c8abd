// Errors the core distinguishes: a UserError is shown to the person (stable code, a sentence they
// can act on); a FeedError explains why one feed could not be read. Everything else is internal.

/** A problem the person can fix; `code` is stable for tests and adapters, `message` names the fix. */
export class UserError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "UserError";
    this.code = code;
  }
}

export const FEED_ERROR_CODES = [
  "invalid_url",
  "blocked_address",
  "dns",
  "network",
  "timeout",
  "too_large",
  "too_many_redirects",
  "http_status",
  "not_a_feed",
  "parse",
] as const;
export type FeedErrorCode = (typeof FEED_ERROR_CODES)[number];

/** Why one feed could not be fetched or read; the message says what happened and what to do. */
export class FeedError extends Error {
  readonly code: FeedErrorCode;
  /** HTTP status when `code` is `http_status`. */
  readonly status: number | undefined;
  constructor(code: FeedErrorCode, message: string, options?: { status?: number; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "FeedError";
    this.code = code;
    this.status = options?.status;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

export function isFeedError(error: unknown): error is FeedError {
  return error instanceof FeedError;
}
