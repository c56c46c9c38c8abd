// When a feed is fetched next: its refresh interval with jitter after a success, exponential
// backoff after a failure, disabled after too many failures in a row. Pure arithmetic.

const MINUTE = 60_000;

export interface PollPolicy {
  /** Default refresh interval for new feeds, minutes (15, as Slack's /feed app polls). */
  refreshMinutes: number;
  /** Consecutive failures after which a feed is disabled (MonitoRSS disables after about 10). */
  maxFailures: number;
}

/** Intervals below 2 minutes only annoy publishers; the issue sets this floor. */
export const MIN_REFRESH_MINUTES = 2;
/** First retry after 5 minutes, doubling, capped at a day (MonitoRSS's 5 min x 2^n). */
export const BACKOFF_BASE_MS = 5 * MINUTE;
export const BACKOFF_CAP_MS = 24 * 60 * MINUTE;
/** ±10% around the interval keeps feeds added together from staying in lock-step. */
const JITTER = 0.1;

/** The first fetch of a newly added feed lands anywhere within its interval, so feeds spread out. */
export function firstFetchAt(now: number, refreshMinutes: number, random: () => number): number {
  return now + Math.floor(random() * refreshMinutes * MINUTE);
}

export function nextFetchAfterSuccess(now: number, refreshMinutes: number, random: () => number): number {
  const interval = refreshMinutes * MINUTE;
  return now + Math.round(interval * (1 - JITTER + 2 * JITTER * random()));
}

/** Delay after the `failures`-th consecutive failure (1-based): 5, 10, 20 ... minutes, at most 24 h. */
export function backoffDelay(failures: number): number {
  const exponent = Math.max(0, failures - 1);
  // 2^19 x 5 min is far past the cap; clamp the exponent so the arithmetic stays finite.
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(exponent, 20));
}
