// The row both stores read for relabelling a feed's articles (feedArticleLabels), checked at the
// boundary and turned into the core's StoredArticleLabel; one schema so the stores cannot drift.
import { z } from "zod";
import { ArticleKindSchema, ExtractionStatusSchema } from "../briefing/article.js";
import type { StoredArticleLabel } from "../briefing/article-label.js";

/** The columns, in the order both stores select them. */
export const ARTICLE_LABEL_COLUMNS = "id, title, url, author, byline, extraction_status, kind, kind_reason";

export const ArticleLabelRowSchema = z
  .object({
    id: z.number().int().positive(),
    title: z.string(),
    url: z.string().nullable(),
    text: z.string(),
    author: z.string().nullable(),
    byline: z.string().nullable(),
    extraction_status: ExtractionStatusSchema,
    kind: ArticleKindSchema,
    kind_reason: z.string().nullable(),
  })
  .transform(
    (r): StoredArticleLabel => ({
      id: r.id,
      title: r.title,
      url: r.url,
      text: r.text,
      author: r.author,
      byline: r.byline,
      extractionStatus: r.extraction_status,
      kind: r.kind,
      kindReason: r.kind_reason,
    }),
  );
