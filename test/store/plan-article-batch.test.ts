// planArticleBatch: which items of a batch a store may write in bulk and which must wait their turn.
// The store contract checks the outcome on both stores; this pins the split itself.
import { describe, expect, it } from "vitest";
import type { NewArticle } from "../../src/briefing/article.js";
import { planArticleBatch } from "../../src/store/plan-article-batch.js";

function item(url: string | null, guid: string | null, contentHash: string): NewArticle {
  return {
    url,
    guid,
    contentHash,
    title: "t",
    author: null,
    publishedAt: 0,
    publishedAtEstimated: false,
    fetchedAt: 0,
    summary: null,
    text: "x",
    language: null,
  };
}

describe("planArticleBatch", () => {
  it("writes items with keys of their own in bulk: new ones inserted, matched ones merged", () => {
    const plan = planArticleBatch(
      [item("u1", "g1", "h1"), item("u2", null, "h2"), item(null, "g3", "h3")],
      [null, 7, null],
    );
    expect(plan).toEqual({ inserts: [0, 2], updates: [1], sequential: [] });
  });

  it("keeps items that share a link, guid, hash or stored row in order, for a lookup each", () => {
    const articles = [
      item("u1", "g1", "h1"),
      item("u1", "g2", "h2"), // link of item 0
      item("u3", "g1", "h3"), // guid of item 0
      item("u4", "g4", "h1"), // hash of item 0
      item("u5", "g5", "h5"), // same stored row as item 5
      item("u6", "g6", "h6"),
      item("u7", "g7", "h7"),
    ];
    const plan = planArticleBatch(articles, [null, null, null, null, 9, 9, null]);
    expect(plan).toEqual({ inserts: [6], updates: [], sequential: [0, 1, 2, 3, 4, 5] });
  });

  it("does not treat missing links or guids as shared keys", () => {
    const plan = planArticleBatch([item(null, null, "h1"), item(null, null, "h2")], [null, null]);
    expect(plan.inserts).toEqual([0, 1]);
  });
});
