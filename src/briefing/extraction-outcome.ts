// What one try at an article's page came to, as the extractor hands it to the store
// (ArticleStore.recordExtraction). Every outcome counts as one attempt.
import type { ExtractionStatus } from "./article.js";

/** What the page yielded; text is plain paragraphs joined by "\n\n". */
export interface PageText {
  text: string;
  byline: string | null;
  imageUrl: string | null;
  language: string | null;
  /** The page's canonical URL, already canonicalized (canonicalizeUrl); null when it names none. */
  canonicalUrl: string | null;
}

export type ExtractionOutcome =
  /** The page's text replaces the feed's; a canonical URL naming another stored article merges them. */
  | { kind: "extracted"; page: PageText }
  /** The page is no article (consent wall, paywall, robots.txt, not HTML): keep the feed's text for good. */
  | { kind: "kept"; reason: string }
  /** A try failed and another is due at `nextAttemptAt` (see extraction-policy.ts). */
  | { kind: "retry"; error: string; nextAttemptAt: number }
  /** The last try failed: keep the feed's text for good. */
  | { kind: "failed"; error: string };

export interface RecordExtractionResult {
  status: ExtractionStatus;
  /** The stored article this one turned out to duplicate (by canonical URL), or null. */
  mergedInto: number | null;
}
