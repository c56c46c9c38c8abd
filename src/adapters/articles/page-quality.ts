// Tells an article from what stands in front of one: consent walls, paywalls, login forms and
// error pages come back from Readability as short texts with tell-tale wording. When this says
// no, the feed's text is kept. Pure; the thresholds are rules of thumb from real walls.
import { countWords } from "../../briefing/feeds/needs-full-text.js";
import type { ExtractedPage } from "./extract-article.js";

/** Below this, no page is an article: an error page, a stub, a "please enable JavaScript". */
export const MIN_ARTICLE_WORDS = 50;
/**
 * Wall wording counts only on texts shorter than this: a wall's extraction is a few sentences,
 * while a real article may well mention cookies or subscriptions in passing (or be about them).
 */
export const WALL_MAX_WORDS = 300;

const CONSENT =
  /\b(?:we use cookies|(?:uses|use of) cookies|accept (?:all )?cookies|cookie (?:policy|settings|preferences|consent)|consent (?:to|preferences|management)|manage (?:your )?(?:privacy|consent|preferences|choices)|privacy (?:settings|choices)|your privacy choices|we and our (?:\d+ )?partners|(?:reject|accept) all)\b/i;
const PAYWALL =
  /\b(?:subscribe (?:now |today )?(?:to|for) (?:continue|read|keep|unlock|full access)|subscribers? only|exclusively for subscribers|already (?:a subscriber|have an account)|become a (?:subscriber|member)|subscription required|(?:sign|log) in to (?:continue|read|keep reading)|create a free account|to continue reading|you(?:'|’)ve reached your (?:free )?(?:article )?limit|you have reached your (?:free )?(?:article )?limit|free articles? (?:left|remaining)|premium (?:article|content))\b/i;
const ERROR_PAGE =
  /\b(?:page not found|404 (?:error|not found)|not found \(404\)|access denied|403 forbidden|are you a (?:robot|human)|verify (?:that )?you are (?:a )?human|enable javascript|javascript is (?:disabled|required)|something went wrong|service unavailable|bad gateway)\b/i;

export type PageVerdict = { usable: true } | { usable: false; reason: string };

/** Whether the page's text may replace the feed's `feedText`. */
export function judgePage(page: ExtractedPage, feedText: string): PageVerdict {
  const words = page.wordCount;
  const short = words < WALL_MAX_WORDS;
  if (words === 0) return no("no article text found on the page");
  if (ERROR_PAGE.test(page.signals.documentTitle) || (short && ERROR_PAGE.test(page.text)))
    return no("the page is an error or bot-check page");
  if (short && CONSENT.test(page.text)) return no("the page is a cookie or consent wall");
  if (short && PAYWALL.test(page.text)) return no("the page is behind a paywall (subscription wording)");
  if (short && page.signals.passwordField) return no("the page asks for a login");
  if (short && page.signals.paywalled) return no("the page marks itself as paywalled (isAccessibleForFree: false)");
  if (words < MIN_ARTICLE_WORDS) return no(`the page's text is too short to be the article (${words} words)`);
  const feedWords = countWords(feedText);
  if (words <= feedWords) return no(`the page's text (${words} words) is no longer than the feed's (${feedWords})`);
  return { usable: true };
}

function no(reason: string): PageVerdict {
  return { usable: false, reason };
}
