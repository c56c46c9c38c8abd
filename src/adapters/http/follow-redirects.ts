// Redirects, followed by hand so the SSRF guard judges every hop: the hop limit, the URL check
// before each request, and resolving a Location against the URL that sent it. The request itself
// (host queue, deadline, reading the answer) is the caller's `hop`; guarded-fetcher.ts supplies it.
import { HttpFetchError } from "./http-fetch-error.js";
import { type AddressPolicy, assertAllowedUrl, parseHttpUrl } from "./ssrf-guard.js";

/** What one request answered: a redirect to follow, or the final response. */
export type HopResult<R> = { kind: "redirect"; location: string } | { kind: "response"; response: R };

export interface RedirectLimits {
  /** Redirects followed at most; a 3xx remaining after that is an error. */
  maxRedirects: number;
  policy: AddressPolicy;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** True for the statuses that carry a Location to follow (304 is not one: it is an answer). */
export function isRedirectStatus(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/**
 * Runs `hop` for `start`, then for each Location it answers, until a response or the limit.
 * `original` names the address the caller asked for in the too-many-redirects message.
 */
export async function followRedirects<R>(
  original: string,
  start: URL,
  limits: RedirectLimits,
  hop: (url: URL) => Promise<HopResult<R>>,
): Promise<R> {
  let current = start;
  for (let redirects = 0; ; redirects += 1) {
    assertAllowedUrl(current, limits.policy);
    const result = await hop(current);
    if (result.kind === "response") return result.response;
    if (redirects >= limits.maxRedirects) {
      throw new HttpFetchError(
        "too_many_redirects",
        `${original} redirected more than ${limits.maxRedirects} times (last to ${result.location}); the ` +
          "address is probably stale or loops. Open it in a browser and use the address it finally lands on.",
      );
    }
    current = redirectTarget(result.location, current);
  }
}

function redirectTarget(location: string, from: URL): URL {
  try {
    return parseHttpUrl(location, from);
  } catch (error) {
    if (!(error instanceof HttpFetchError)) throw error;
    throw new HttpFetchError(
      "invalid_url",
      `${from.href} redirected to "${location.slice(0, 200)}", which briefbot will not follow: ${error.message}`,
    );
  }
}
