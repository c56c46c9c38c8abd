// The AllSides row's measures on small hand-made inputs: subjectivity outside quotes,
// corroboration, the pairing of groups into days and pair precision and recall.
import { describe, expect, it } from "vitest";
import { type DayOutcome, pairIntoDays, scoreAllSides, type Trio } from "./allsides-eval.js";
import { reportTerms, supports } from "./corroboration.js";
import { urlWordsBaseline } from "./opinion-eval.js";
import { subjectiveCounts, subjectivePer100 } from "./subjective-words.js";

function article(id: string, title: string, text: string) {
  return { ID: id, source: `Outlet ${id}`, url: `https://x.example/${id}`, title, authors: "", content_original: text };
}

function trio(topic: string, ids: [string, string, string], same: [boolean, boolean, boolean]): Trio {
  return {
    date: "2020-01-01",
    topic,
    articles: ids.map((id) => article(id, `Title ${id}`, `Text of ${id}.`)),
    same_event: { "left-center": same[0], "left-right": same[1], "center-right": same[2] },
    event: null,
  };
}

describe("subjective words", () => {
  it("counts words outside quotation marks only", () => {
    expect(subjectiveCounts('The senator called it "a disgraceful, shocking sham" on Tuesday.')).toEqual({
      words: 6,
      subjective: 0,
    });
    expect(subjectiveCounts("The senator slammed the shocking plan.").subjective).toBe(2);
    expect(subjectivePer100(["Officials met on Monday."])).toBe(0);
  });
});

describe("corroboration", () => {
  const report = reportTerms(
    "Mexico and US presidents talk",
    "Claudia Sheinbaum spoke with Donald Trump for 15 minutes on Monday about security.",
  );
  it("needs most content words and every name and number", () => {
    expect(supports(report, "Sheinbaum and Trump spoke for 15 minutes about security.")).toBe(true);
    expect(supports(report, "Sheinbaum and Trump spoke for 45 minutes about security.")).toBe(false);
    expect(supports(report, "Sheinbaum and Rubio spoke for 15 minutes about security.")).toBe(false);
    expect(supports(report, "The tariffs on steel rose sharply in March.")).toBe(false);
  });
  it("does not count a sentence with no content words", () => {
    expect(supports(report, "It is.")).toBe(false);
  });
});

describe("pairing and pair scores", () => {
  it("pairs each group with the next of another topic", () => {
    const days = pairIntoDays([
      trio("a", ["1", "2", "3"], [true, true, true]),
      trio("a", ["4", "5", "6"], [false, false, false]),
      trio("b", ["7", "8", "9"], [true, false, false]),
    ]);
    expect(days.map((d) => d.map((t) => t.topic))).toEqual([["a", "b"], ["a"]]);
  });
  it("scores pairs within a group by the labels and across groups as different events", () => {
    const day = [trio("a", ["1", "2", "3"], [true, false, false]), trio("b", ["4", "5", "6"], [false, false, false])];
    const outcome: DayOutcome = {
      day,
      stories: [["1", "2", "4"], ["3"], ["5"], ["6"]],
      quotes: [[{ text: "Text of 1.", articleId: "1" }], [], [], []],
    };
    const scores = scoreAllSides([outcome]);
    expect(scores.goldPairs).toBe(1);
    expect(scores.predictedPairs).toBe(3);
    expect(scores.truePairs).toBe(1);
    expect(scores.crossTopicErrors).toBe(2);
    expect(scores.recall).toBe(1);
    expect(scores.precision).toBeCloseTo(1 / 3);
    expect(scores.eventStories).toBe(1);
    expect(scores.briefbot.sentences).toBe(1);
  });
});

describe("bad input", () => {
  it("leaves a story of one article out of the quote measures and the pairs", () => {
    const day = [trio("a", ["1", "2", "3"], [true, true, true])];
    const scores = scoreAllSides([
      { day, stories: [["1"], ["2"], ["3"]], quotes: [[{ text: "Text of 1.", articleId: "1" }], [], []] },
    ]);
    expect(scores).toMatchObject({ predictedPairs: 0, truePairs: 0, eventStories: 0, precision: 1, recall: 0 });
    expect(scores.briefbot.sentences).toBe(0);
  });

  it("scores an article with no sentence over five words without failing", () => {
    const day = [trio("a", ["1", "2", "3"], [true, false, false])];
    for (const a of day[0]?.articles ?? []) a.content_original = "Breaking. More soon. Stay tuned. Updates follow.";
    const scores = scoreAllSides([
      {
        day,
        stories: [["1", "2"], ["3"]],
        quotes: [[{ text: "Breaking.", articleId: "1" }], []],
      },
    ]);
    expect(scores.eventStories).toBe(1);
    expect(scores.firstSentences.sentences).toBe(2);
    expect(scores.leadThree.sentences).toBe(3);
    // "Breaking." is news filler with no content word: measured, never corroborated, no NaN.
    expect(Number.isFinite(scores.briefbot.subjectivePer100)).toBe(true);
    expect(scores.briefbot.corroborated).toBe(0);
  });
});

describe("URL-words baseline", () => {
  it("reads opinion-section words in the path, not the host", () => {
    expect(
      urlWordsBaseline({ title: "", url: "https://x.example/opinion/2020/a", text: "", outlet: null, categories: [] })
        .kind,
    ).toBe("opinion");
    expect(
      urlWordsBaseline({ title: "", url: "https://opinion.example/news/a", text: "", outlet: null, categories: [] })
        .kind,
    ).toBe("news");
    expect(urlWordsBaseline({ title: "", url: null, text: "", outlet: null, categories: [] }).kind).toBe("news");
  });
});
