// Errors the core distinguishes: a UserError is shown to the person (stable code, a sentence they
// can act on); a FeedError explains why one feed could not be read; a StorageError says the
// database itself failed (never one feed's fault). Everything else is internal.

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

export const STORAGE_ERROR_CODES = [
  "full",
  "read_only",
  "locked",
  "unavailable",
  "timeout",
  "cannot_open",
  "not_a_database",
  "corrupt",
  "refused",
  "io",
] as const;
export type StorageErrorCode = (typeof STORAGE_ERROR_CODES)[number];

/**
 * The database could not do its job (disk full, read-only, locked, server down): the stores raise
 * it at the port boundary so use cases stop instead of blaming a feed, a channel or a schedule.
 * The message names the database (never its password) and the fix.
 */
export class StorageError extends Error {
  readonly code: StorageErrorCode;
  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "StorageError";
    this.code = code;
  }
}

export function isStorageError(error: unknown): error is StorageError {
  return error instanceof StorageError;
}

export type PlatformErrorReason = "not_configured" | "refused" | "unreachable";

/**
 * A chat platform could not start: its configuration is incomplete, it refused our credentials, or
 * it cannot be reached. A UserError (the operator fixes it), so the command line exits 1.
 */
export class PlatformError extends UserError {
  readonly platform: string;
  readonly reason: PlatformErrorReason;
  constructor(platform: string, reason: PlatformErrorReason, message: string, options?: { cause?: unknown }) {
    super(`${platform}_${reason}`, message);
    this.name = "PlatformError";
    this.platform = platform;
    this.reason = reason;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
