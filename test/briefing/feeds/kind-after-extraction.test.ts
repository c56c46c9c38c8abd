// The label after a page is read: decided again from the page, except where the feed decided it.
// Labels come from withArticleKind itself, so a change in how it words its reasons fails here.
import { describe, expect, it } from "vitest";
import type { NewArticle } from "../../../src/briefing/article.js";
import { kindAfterExtraction } from "../../../src/briefing/feeds/kind-after-extraction.js";
import { withArticleKind } from "../../../src/briefing/feeds/with-article-kind.js";

const TEASER: NewArticle = {
  url: "https://harbor.example/2026/01/12/ports",
  guid: null,
  title: "Ports at a standstill",
  author: null,
  publishedAt: 0,
  publishedAtEstimated: false,
  fetchedAt: 0,
  summary: null,
  text: "Port workers walked out on Monday, the union said.",
  contentHash: "h",
  language: "en",
};
const COLUMN = {
  text: "I have spent twenty years writing about ports, and I have never seen workers treated with such contempt. You would think the owners had learned something by now. Why do we keep pretending otherwise? We should stop accepting excuses, and I think the minister must answer for this absurd deal.",
  byline: "Ana Díaz",
};
const REPORT = {
  text: "Dock workers at the Port of Lisbon ended a nine-day strike on Tuesday after their union accepted a 7% wage increase, the port authority said. The agreement was signed late Monday, according to a statement from the labour ministry. About 40 cargo ships had been waiting offshore, officials said.",
  byline: null,
};

function label(article: NewArticle) {
  return { ...article, kind: article.kind ?? "news", kindReason: article.kindReason ?? null };
}

describe("kindAfterExtraction", () => {
  it("reads a column from the page where the feed's teaser read as news", () => {
    const stored = label(withArticleKind(TEASER, { kind: "auto" }, "Harbor Wire"));
    expect(stored.kind).toBe("news");
    const after = kindAfterExtraction(stored, COLUMN);
    expect(after.kind).toBe("opinion");
    expect(after.kindReason).toMatch(/^prose reads as opinion .*, from the page$/);
    expect(kindAfterExtraction(stored, { text: REPORT.text, byline: "Ana Díaz, columnist" })).toMatchObject({
      kind: "opinion",
      kindReason: 'byline "Ana Díaz, columnist", from the page',
    });
  });

  it("keeps what the item's categories, the feed's title or the admin decided", () => {
    const byCategory = label(withArticleKind(TEASER, { kind: "auto" }, "Harbor Wire", ["Politics", "Opinion"]));
    expect(byCategory).toMatchObject({ kind: "opinion", kindReason: 'category "Opinion"' });
    expect(kindAfterExtraction(byCategory, REPORT)).toEqual({ kind: "opinion", kindReason: 'category "Opinion"' });
    const byOutlet = label(withArticleKind(TEASER, { kind: "auto" }, "Harbor Wire Opinion"));
    expect(kindAfterExtraction(byOutlet, REPORT).kind).toBe("opinion");
    const bySetting = label(withArticleKind(TEASER, { kind: "news" }, "Harbor Wire"));
    expect(kindAfterExtraction(bySetting, COLUMN)).toEqual({ kind: "news", kindReason: "feed set to news" });
  });

  it("leaves an article stored before labels unlabelled, for the brief to classify with its outlet", () => {
    expect(kindAfterExtraction(label(TEASER), COLUMN)).toEqual({ kind: "news", kindReason: null });
  });
});
