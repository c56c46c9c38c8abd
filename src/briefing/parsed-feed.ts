// A feed as a parser hands it to the core: normalized, absolute links, UTC dates, plain text.
// Produced by adapters/feeds from RSS, Atom or JSON Feed; never stored as is.
import { z } from "zod";
import { ArticleKindSchema } from "./article.js";

/**
 * What ingest derives from an item alone, worked out beside the parser (off the main thread) so
 * the main thread only stores: the normaliser's canonical URL and content hash, whether the text
 * is a teaser (needs-full-text.ts, before the feed's `fulltext` setting), and the classifier's
 * label as it reads with `outlet` (the document's own title). Ingest uses the label only when its
 * outlet is the feed's, and the feed is set to `auto`; otherwise it classifies again.
 */
export const PreparedItemSchema = z.object({
  url: z.string().nullable(),
  contentHash: z.string(),
  teaser: z.boolean(),
  kind: ArticleKindSchema,
  kindReason: z.string(),
  outlet: z.string().nullable(),
});
export type PreparedItem = z.infer<typeof PreparedItemSchema>;

export const FeedItemSchema = z.object({
  /** guid / id / JSON Feed id; null when the feed gives none. */
  id: z.string().nullable(),
  title: z.string(),
  /** Absolute http(s) link to the article, or null. */
  link: z.string().nullable(),
  /** Epoch milliseconds UTC; null when missing or unparseable. */
  publishedAt: z.number().int().nullable(),
  author: z.string().nullable(),
  /** Short description as plain text (may equal the start of `text`). */
  summary: z.string().nullable(),
  /** The fullest text the feed carries, as plain text with paragraphs separated by "\n\n". */
  text: z.string(),
  language: z.string().nullable(),
  /** RSS category, Atom category (label, else term), dc:subject or JSON Feed tags, in order (absent: none). */
  categories: z.array(z.string()).optional(),
  /** Set by the parser worker (absent when parsed in-thread): see PreparedItemSchema. */
  prepared: PreparedItemSchema.optional(),
});
export type FeedItem = z.infer<typeof FeedItemSchema>;

export const ParsedFeedSchema = z.object({
  format: z.enum(["rss", "atom", "rdf", "json"]),
  title: z.string(),
  /** The site the feed belongs to (absolute), or null. */
  link: z.string().nullable(),
  language: z.string().nullable(),
  items: z.array(FeedItemSchema),
  /** True (absent means false) when the document was not well-formed and its items were recovered by the lenient fallback. */
  lenient: z.boolean().optional(),
});
export type ParsedFeed = z.infer<typeof ParsedFeedSchema>;

/** At most this many items are taken from one fetch (the limit; protects memory). */
export const MAX_ITEMS_PER_FETCH = 500;
