// Ingest labels each article once: the feed's /feed kind setting wins, else the classifier.
import { describe, expect, it } from "vitest";
import type { NewArticle } from "../../../src/briefing/article.js";
import { withArticleKind } from "../../../src/briefing/feeds/with-article-kind.js";

const item: NewArticle = {
  url: "https://example.com/opinion/2026/ports",
  guid: null,
  title: "The ports",
  author: null,
  publishedAt: 1,
  publishedAtEstimated: false,
  fetchedAt: 1,
  summary: null,
  text: "Workers at the port said on Monday that the strike would continue, according to the union.",
  contentHash: "h",
  language: "en",
};

describe("withArticleKind", () => {
  it("classifies each article when the feed is auto, with the reason", () => {
    expect(withArticleKind(item, { kind: "auto" }, "Port News")).toMatchObject({
      kind: "opinion",
      kindReason: 'url path "/opinion/"',
    });
    expect(withArticleKind(item, { kind: "auto" }, "Port Opinion")).toMatchObject({ kind: "opinion" });
    expect(withArticleKind({ ...item, url: "https://example.com/2026/ports" }, { kind: "auto" }, null)).toMatchObject({
      kind: "news",
    });
  });

  it("takes the parser worker's label only when it was read with the same outlet", () => {
    const prepared = { kind: "other", kindReason: "worker's reason", outlet: "Port News" } as const;
    expect(withArticleKind(item, { kind: "auto" }, "Port News", [], prepared)).toMatchObject({
      kind: "other",
      kindReason: "worker's reason",
    });
    // The feed's stored title differs from the document's: classified again, here with the URL.
    expect(withArticleKind(item, { kind: "auto" }, "Harbor Wire", [], prepared)).toMatchObject({
      kind: "opinion",
      kindReason: 'url path "/opinion/"',
    });
    expect(withArticleKind(item, { kind: "news" }, "Port News", [], prepared)).toMatchObject({
      kind: "news",
      kindReason: "feed set to news",
    });
  });

  it("lets the feed's setting decide every article", () => {
    expect(withArticleKind({ ...item, url: null }, { kind: "opinion" }, null)).toMatchObject({
      kind: "opinion",
      kindReason: "feed set to opinion",
    });
    expect(withArticleKind(item, { kind: "news" }, null)).toMatchObject({
      kind: "news",
      kindReason: "feed set to news",
    });
  });
});
