// What the surviving article of a canonical-URL merge keeps: the page's text when it has no page
// text of its own and the page says more, and the news/opinion label that goes with that text.
import type { Article } from "../article.js";
import type { PageText } from "../extraction-outcome.js";
import { type ArticleKindLabel, kindAfterExtraction } from "./kind-after-extraction.js";

export interface SurvivorText extends ArticleKindLabel {
  /** True when the survivor takes the page's text (and its extraction counts as done). */
  upgrade: boolean;
  text: string;
}

/** One rule for both stores: the label is decided again, as recordExtraction does, only with the page's text. */
export function survivorText(
  survivor: Pick<Article, "title" | "url" | "author" | "kind" | "kindReason" | "text" | "extractionStatus" | "byline">,
  page: Pick<PageText, "text" | "byline">,
): SurvivorText {
  const upgrade = survivor.extractionStatus !== "extracted" && page.text.length > survivor.text.length;
  if (!upgrade) return { upgrade, text: survivor.text, kind: survivor.kind, kindReason: survivor.kindReason };
  return {
    upgrade,
    text: page.text,
    ...kindAfterExtraction(survivor, { text: page.text, byline: survivor.byline ?? page.byline }),
  };
}
