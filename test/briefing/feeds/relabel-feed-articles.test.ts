// relabelFeedArticles over an in-memory article store (a fake of its two label methods): `auto`
// gives a stored row the label ingest and then the page fetch would give it, paging by id.
import { describe, expect, it } from "vitest";
import type { ArticleKindUpdate, StoredArticleLabel } from "../../../src/briefing/article-label.js";
import { relabelFeedArticles } from "../../../src/briefing/feeds/relabel-feed-articles.js";

const COLUMN =
  "I have spent twenty years writing about ports, and I have never seen workers treated with such contempt. You would think the owners had learned something by now. Why do we keep pretending otherwise? We should stop accepting excuses, and I think the minister must answer for this absurd deal.";

function row(id: number, patch: Partial<StoredArticleLabel>): StoredArticleLabel {
  return {
    id,
    title: "Ports at a standstill",
    url: `https://harbor.example/2026/01/12/ports-${id}`,
    text: COLUMN,
    author: null,
    byline: null,
    extractionStatus: "extracted",
    kind: "news",
    kindReason: "feed set to news",
    ...patch,
  };
}

function labelStore(rows: StoredArticleLabel[]) {
  const written: ArticleKindUpdate[] = [];
  return {
    written,
    async feedArticleLabels(_feedId: number, afterId: number, limit: number) {
      return rows.filter((r) => r.id > afterId).slice(0, limit);
    },
    async writeArticleKinds(_feedId: number, updates: ArticleKindUpdate[]) {
      written.push(...updates);
      return updates.map((u) => u.id);
    },
  };
}

describe("relabelFeedArticles, auto", () => {
  it("keeps the outlet's decision for a row whose page was read, and marks the page's own", async () => {
    const store = labelStore([row(1, {})]);
    await relabelFeedArticles(store, { id: 1, kind: "auto", title: "Harbor Opinion" });
    expect(store.written.map((u) => [u.kind, u.kindReason])).toEqual([["opinion", 'outlet "Harbor Opinion"']]);

    const plain = labelStore([row(1, {}), row(2, { extractionStatus: "pending" })]);
    const count = await relabelFeedArticles(plain, { id: 1, kind: "auto", title: "Harbor Wire" }, 1);
    expect(count).toEqual({ stored: 2, relabelled: 2, keptByCategory: 0 });
    expect(plain.written[0]?.kindReason).toMatch(/^prose reads as opinion .*, from the page$/);
    expect(plain.written[1]?.kindReason).toMatch(/^prose reads as opinion \(/);
    expect(plain.written[1]?.kindReason).not.toMatch(/from the page/);
  });

  it("keeps a label the item's categories decided (categories are not stored)", async () => {
    const store = labelStore([row(1, { kind: "opinion", kindReason: 'category "Opinion"' })]);
    const count = await relabelFeedArticles(store, { id: 1, kind: "auto", title: "Harbor Wire" });
    expect(count).toEqual({ stored: 1, relabelled: 0, keptByCategory: 1 });
    expect(store.written).toEqual([]);
  });
});
