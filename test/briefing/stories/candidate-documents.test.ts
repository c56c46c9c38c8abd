// A story pass's clustering documents carry the kind ingest stored (issue 15 point 6: a column is
// held to more evidence than a report), and no kind for rows stored before kinds were labelled.
import { describe, expect, it } from "vitest";
import { candidateDocuments } from "../../../src/briefing/stories/candidate-documents.js";
import { openSqliteStore } from "../../../src/store/sqlite/open-sqlite-store.js";
import { plainArticle, plainFeed } from "../../support/test-records.js";

describe("candidateDocuments", () => {
  it("passes on the kind ingest labelled, and none for an unlabelled row", async () => {
    const store = openSqliteStore(":memory:");
    try {
      const feed = await store.feeds.addFeed(plainFeed("https://herald.example/feed"));
      await store.articles.upsertArticles(
        feed.id,
        [
          plainArticle("herald.example", "column", "What the vote tells us.", {
            kind: "opinion",
            kindReason: 'url path "/opinion/"',
          }),
          plainArticle("herald.example", "report", "The council voted on Tuesday.", {
            kind: "news",
            kindReason: "prose",
          }),
          plainArticle("herald.example", "legacy", "Stored before kinds were labelled."),
        ],
        { backlog: false },
      );
      const articles = await store.articles.recentArticles({ limit: 10 });
      const { documents } = candidateDocuments(
        articles.map((article) => ({ article, relevance: 1 })),
        () => "Herald",
      );
      const kindOf = new Map(documents.map((d) => [d.title, d.kind]));
      expect(kindOf).toEqual(
        new Map([
          ["Story column", "opinion"],
          ["Story report", "news"],
          ["Story legacy", undefined],
        ]),
      );
    } finally {
      store.close();
    }
  });
});
