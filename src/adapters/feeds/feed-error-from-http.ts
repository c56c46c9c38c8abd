// Why a feed could not be fetched, in the feed's words: the HTTP client's HttpFetchError becomes
// the core's FeedError (same code and status), its message followed by what briefbot or the person
// subscribing can do about a feed in particular.
import { FeedError } from "../../briefing/errors.js";
import type { HttpFetchError } from "../http/http-fetch-error.js";

export function feedErrorFromHttp(error: HttpFetchError): FeedError {
  return new FeedError(error.code, `${error.message}${feedAdvice(error)}`, { status: error.status, cause: error });
}

function feedAdvice(error: HttpFetchError): string {
  if (error.code === "too_large") return " If this really is the feed, ask its publisher for a shorter one.";
  if (error.code === "http_status" && (error.status === 404 || error.status === 410)) {
    return " The site may have moved its feed; look for its new feed address.";
  }
  if (error.code === "http_status" && (error.status === 429 || error.status === 503)) {
    return " briefbot will try again later.";
  }
  return error.temporary ? " briefbot will try again on the next poll." : "";
}
