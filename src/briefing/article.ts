// A stored article: one per canonical URL, per guid within a feed, or per content hash.
// NewArticle is what ingestion hands the store; the store assigns ids and deduplicates.
import { z } from "zod";

/**
 * Where an article's text stands with respect to its page (issue 7):
 * `none`: the feed's text is enough (or the feed is set to `fulltext never`); no page fetch.
 * `pending`: waiting for a page fetch at `extractionNextAt` (after `extractionAttempts` tries).
 * `extracted`: `text` is the page's main text.
 * `kept`: the page was looked at and was no article (consent wall, paywall, error page, robots.txt
 * disallow, not HTML): the feed's text stays, and nobody tries again.
 * `failed`: every try failed (network, HTTP errors); the feed's text stays.
 */
export const EXTRACTION_STATUSES = ["none", "pending", "extracted", "kept", "failed"] as const;
export const ExtractionStatusSchema = z.enum(EXTRACTION_STATUSES);
export type ExtractionStatus = z.infer<typeof ExtractionStatusSchema>;

/**
 * What an article is (issue 15): `news` a card may quote as fact, `opinion` (columns, editorials,
 * analysis) listed apart and never quoted beside news, `other` (press releases, reviews).
 */
export const ARTICLE_KINDS = ["news", "opinion", "other"] as const;
export const ArticleKindSchema = z.enum(ARTICLE_KINDS);
export type ArticleKind = z.infer<typeof ArticleKindSchema>;

export const ArticleSchema = z.object({
  id: z.number().int().positive(),
  feedId: z.number().int().positive(),
  /** Canonical URL (tracking parameters and fragment removed); may be null for link-less items. */
  url: z.string().nullable(),
  guid: z.string().nullable(),
  title: z.string(),
  author: z.string().nullable(),
  /** Epoch ms UTC. When the feed gave no usable date this is the fetch time and `publishedAtEstimated` is true. */
  publishedAt: z.number().int(),
  publishedAtEstimated: z.boolean(),
  fetchedAt: z.number().int(),
  summary: z.string().nullable(),
  text: z.string(),
  /** Hash of the normalized title and the feed's text; equal hashes are one article. */
  contentHash: z.string(),
  language: z.string().nullable(),
  /** Stored when its feed was added: searchable by /brief, never announced in a digest. */
  backlog: z.boolean(),
  /** The byline on the article's page (the feed's own is `author`). */
  byline: z.string().nullable(),
  /** The page's lead image (og:image or the first image of the text), absolute. */
  imageUrl: z.string().nullable(),
  /** The page's own canonical URL (`<link rel="canonical">`, else og:url), canonicalized; a dedup key. */
  canonicalUrl: z.string().nullable(),
  extractionStatus: ExtractionStatusSchema,
  /** Page fetches tried so far. */
  extractionAttempts: z.number().int().nonnegative(),
  /** When the next try is due (epoch ms); null unless `pending`. */
  extractionNextAt: z.number().int().nullable(),
  /** Why the last try failed or the page was not used. */
  extractionError: z.string().nullable(),
  /**
   * Set when the page's canonical URL showed this to be another stored article: the id of that
   * article, which carries the story from then on. Duplicates are left out of search and recency.
   */
  duplicateOf: z.number().int().positive().nullable(),
  /** News, opinion or other, decided at ingest (src/briefing/stories/classify-article-kind.ts). */
  kind: ArticleKindSchema,
  /** Why: the signal that decided ("url path \"/opinion/\"", "feed set to opinion"); null when never classified. */
  kindReason: z.string().nullable(),
});
export type Article = z.infer<typeof ArticleSchema>;

/** Fields only the store and the extractor write. */
type ExtractionFields =
  | "byline"
  | "imageUrl"
  | "canonicalUrl"
  | "extractionStatus"
  | "extractionAttempts"
  | "extractionNextAt"
  | "extractionError"
  | "duplicateOf";

export type NewArticle = Omit<Article, "id" | "feedId" | "backlog" | "kind" | "kindReason" | ExtractionFields> & {
  /** Set by ingestion (withArticleKind); absent stores `news` with no reason, classified again when read. */
  kind?: ArticleKind | undefined;
  kindReason?: string | undefined;
  /**
   * The feed's text is a teaser: fetch the page (see needsFullText). A new article becomes
   * `pending` (due at its fetch time); absent means false.
   */
  wantsFullText?: boolean | undefined;
};

export interface UpsertResult {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** An article found by a topic search, with the store's relevance (higher is better). */
export interface ScoredArticle {
  article: Article;
  relevance: number;
  /**
   * The article's clustering features as the store keeps them (encodeArticleFeatures): null until
   * a brief first reads the article, and again after its title or text change; absent, null or of
   * another version, /brief computes them from the text and hands them back (decision 014).
   */
  features?: string | null | undefined;
}
