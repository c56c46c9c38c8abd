// When a failed page fetch is tried again: a few times with growing gaps, then never. Pure
// arithmetic; the extractor reads the clock and asks this.

const MINUTE = 60_000;

/**
 * Tries in all, the first included. A site that fails four times over about seven hours is down
 * or blocks bots; the feed's text is what we have, and the article is old news by then.
 */
export const MAX_EXTRACTION_ATTEMPTS = 4;
/** Gaps after the 1st, 2nd and 3rd failed try: 10 minutes, 1 hour, 6 hours. */
const RETRY_DELAYS_MS = [10 * MINUTE, 60 * MINUTE, 6 * 60 * MINUTE] as const;

/**
 * When to try again after the `attempts`-th failed try (1-based), or null when that was the last.
 */
export function nextExtractionAttempt(attempts: number, now: number): number | null {
  if (attempts >= MAX_EXTRACTION_ATTEMPTS) return null;
  const delay = RETRY_DELAYS_MS[Math.max(0, attempts - 1)] ?? RETRY_DELAYS_MS[RETRY_DELAYS_MS.length - 1];
  return now + (delay ?? MINUTE);
}
