// Topic coverage: how many of a query's groups an article names, and the order it gives a brief's
// candidates; the scan stops early and caches stems, which must not change a single count.
import { describe, expect, it } from "vitest";
import type { Article, ScoredArticle } from "../../../src/briefing/article.js";
import { rankByTopicCoverage, topicCoverage } from "../../../src/briefing/briefs/rank-by-topic-coverage.js";
import { stem } from "../../../src/briefing/stories/text/stem.js";
import { tokenize } from "../../../src/briefing/stories/text/tokenize.js";

const phrases = (...groups: string[][]): string[][][] =>
  groups.map((group) => group.map((phrase) => tokenize(phrase).map(stem)));

const scored = (id: number, title: string, text: string, relevance: number): ScoredArticle => ({
  // Ranking reads only the title, text and relevance.
  article: { id, title, text } as Article,
  relevance,
});

describe("topicCoverage", () => {
  it("counts a group once, whichever of its phrases the article names", () => {
    const query = phrases(["chile", "chilean"], ["election"]);
    expect(topicCoverage("Chileans vote", "The Chilean elections in Chile.", query)).toBe(2);
    expect(topicCoverage("Chileans vote", "A runoff in Chile.", query)).toBe(1);
    expect(topicCoverage("Peru votes", "A runoff.", query)).toBe(0);
  });

  it("matches a phrase only as adjacent words in order, across title and text", () => {
    const query = phrases(["white house"], ["tariffs"]);
    expect(topicCoverage("House white paper", "on tariffs", query)).toBe(1);
    expect(topicCoverage("The White", "House raises tariffs", query)).toBe(2);
    expect(topicCoverage("Tariffs", "the white house", query)).toBe(2);
  });

  it("gives the same counts with a stem cache shared across articles", () => {
    const query = phrases(["mexico", "mexican"], ["trade deal"], ["steel"]);
    const texts = [
      ["Mexican steel", "The trade deal was signed."],
      ["Trade", "deal steel mexico"],
      ["Steel prices", "rise in Canada."],
      ["Deal", "A trade; a deal."],
    ];
    const cache = new Map<string, string>();
    for (const [title = "", text = ""] of texts)
      expect(topicCoverage(title, text, query, cache)).toBe(topicCoverage(title, text, query));
    expect(cache.get("prices")).toBe(stem("prices"));
  });
});

describe("rankByTopicCoverage", () => {
  it("keeps every match of a one-group topic with alternatives, in the store's order", () => {
    const found = [
      scored(1, "Chilean wine", "Exports grow.", 2),
      scored(2, "Markets", "Nothing about the country in what is read.", 5),
      scored(3, "Chile votes", "Chile.", 3),
    ];
    const ranked = rankByTopicCoverage(found, { groups: [["chile"]], alternatives: [[["chilean"]]] });
    expect(ranked.map((r) => r.article.id)).toEqual([2, 3, 1]);
    expect(ranked[0]?.relevance).toBeCloseTo(1.25);
  });

  it("orders a several-group topic by coverage first and drops those below half", () => {
    const found = [
      scored(1, "Chile", "A quake.", 9),
      scored(2, "Chilean election", "Runoff vote.", 1),
      scored(3, "Election", "In Chile, a presidential runoff.", 2),
    ];
    const query = { groups: [["chile"], ["election"], ["runoff"]], alternatives: [[["chilean"]], [], []] };
    expect(rankByTopicCoverage(found, query).map((r) => r.article.id)).toEqual([3, 2]);
  });
});
