// `/feed kind` reaches the articles a feed already stored: the core decides each label (the feed's
// setting, or the classifier again for `auto`) and the store writes it, a page of rows at a time.
import type { ArticleKindUpdate, StoredArticleLabel } from "../article-label.js";
import type { Feed } from "../feed.js";
import type { ArticleStore } from "../ports.js";
import { classifyArticleKind, PROSE_CHARS } from "../stories/classify-article-kind.js";
import { kindAfterExtraction } from "./kind-after-extraction.js";
import { feedKindReason } from "./with-article-kind.js";

/** Rows read and written per step: each step is one short read and one short transaction. */
export const RELABEL_BATCH = 500;

export interface RelabelCount {
  /** The feed's own stored articles looked at. */
  stored: number;
  /** Of those, the ones whose kind changed. */
  relabelled: number;
  /** `auto` only: labels decided by the item's categories, kept (categories are not stored). */
  keptByCategory: number;
}

/**
 * Relabels the articles `feed` stored, after its kind was set. Only rows the feed owns: dedup keeps
 * one row per article, owned by the feed that stored it first (a later feed's copy updates nothing,
 * docs/decisions/001-article-dedup.md), so that feed's setting owns the label here as at ingest.
 * Each page is its own transaction: a crash midway leaves some rows relabelled, and setting the
 * kind again finishes the work (a row already labelled so is not written again).
 */
export async function relabelFeedArticles(
  articles: Pick<ArticleStore, "feedArticleLabels" | "writeArticleKinds">,
  feed: Pick<Feed, "id" | "kind" | "title">,
  batch = RELABEL_BATCH,
): Promise<RelabelCount> {
  const count: RelabelCount = { stored: 0, relabelled: 0, keptByCategory: 0 };
  let afterId = 0;
  for (;;) {
    const page = await articles.feedArticleLabels(feed.id, afterId, batch, PROSE_CHARS);
    if (page.length === 0) return count;
    afterId = page[page.length - 1]?.id ?? afterId;
    count.stored += page.length;
    const updates: ArticleKindUpdate[] = [];
    for (const article of page) {
      const label = feed.kind === "auto" ? classifiedAgain(article, feed.title) : fixedLabel(feed.kind);
      if (label === undefined) {
        count.keptByCategory++;
        continue;
      }
      if (label.kind === article.kind && label.kindReason === article.kindReason) continue;
      updates.push({ id: article.id, ...label, from: { kind: article.kind, kindReason: article.kindReason } });
    }
    if (updates.length > 0) {
      const written = new Set(await articles.writeArticleKinds(feed.id, updates));
      for (const u of updates) if (written.has(u.id) && u.kind !== u.from.kind) count.relabelled++;
    }
    if (page.length < batch) return count;
  }
}

/** The label ingest gives every article of a feed set to `opinion` or `news` (withArticleKind). */
function fixedLabel(kind: "opinion" | "news") {
  return { kind, kindReason: feedKindReason(kind) };
}

/** The item's categories decided it (classifyArticleKind words the reason so). */
const decidedByCategory = (reason: string) => reason.startsWith('category "');

/**
 * The label ingest would give the stored article now, from what is stored: title, URL, text, the
 * feed's author and the feed's stored title as the outlet; for a row whose page was read, then the
 * page fetch's relabelling (kindAfterExtraction, which keeps an outlet's decision and otherwise
 * reads the page's text and byline). Not stored, so not read: the item's categories (a label they
 * decided is kept: undefined) and, for a feed added without a title, the title its document gave
 * at fetch time.
 */
function classifiedAgain(article: StoredArticleLabel, outlet: string | null) {
  if (article.kindReason !== null && decidedByCategory(article.kindReason)) return undefined;
  const { kind, reason } = classifyArticleKind({
    title: article.title,
    url: article.url,
    text: article.text,
    outlet,
    author: article.author,
  });
  if (article.extractionStatus !== "extracted") return { kind, kindReason: reason };
  const paged = kindAfterExtraction({ ...article, kind, kindReason: reason }, article);
  return { kind: paged.kind, kindReason: paged.kindReason ?? reason };
}
