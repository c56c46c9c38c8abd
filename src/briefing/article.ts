// A stored article: one per canonical URL, per guid within a feed, or per content hash.
// NewArticle is what ingestion hands the store; the store assigns ids and deduplicates.
import { z } from "zod";

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
  /** Hash of the normalized title and text; equal hashes are one article. */
  contentHash: z.string(),
  language: z.string().nullable(),
  /** Stored when its feed was added: searchable by /brief, never announced in a digest. */
  backlog: z.boolean(),
});
export type Article = z.infer<typeof ArticleSchema>;

export type NewArticle = Omit<Article, "id" | "feedId" | "backlog">;

export interface UpsertResult {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** An article found by a topic search, with the store's relevance (higher is better). */
export interface ScoredArticle {
  article: Article;
  relevance: number;
}
