// Support between reports: content words, names and numbers; one outlet or a syndicated copy is one origin.
import { describe, expect, it } from "vitest";
import { prepareSummaryDocument } from "../../../src/briefing/stories/summarize.js";
import { supportOrigins, supports } from "../../../src/briefing/stories/support-between-reports.js";
import { countLoadedWords } from "../../../src/briefing/stories/text/loaded-words.js";

const doc = (id: string, source: string, text: string) => prepareSummaryDocument({ id, source, text });

describe("support between reports", () => {
  const sentence = doc(
    "a",
    "A",
    "Security talks between Mexico and the United States are scheduled for January 22-23, officials said.",
  );
  const claim = sentence.sentences[0];

  it("needs most content words and every name and number", () => {
    if (!claim) throw new Error("no sentence");
    expect(
      supports(claim, doc("b", "B", "Mexico and the United States scheduled security talks for January 22-23.")),
    ).toBe(true);
    expect(
      supports(claim, doc("c", "C", "Mexico and the United States scheduled security talks for January 29-30.")),
    ).toBe(false);
    expect(supports(claim, doc("d", "D", "Officials in Mexico said little about security on Monday."))).toBe(false);
  });

  it("makes one origin of one outlet's articles and of near-copies", () => {
    const text =
      "Chileans voted on Sunday in a presidential runoff between two candidates, the electoral service said, and results are due tonight.";
    const origins = supportOrigins([
      doc("1", "Wire", text),
      doc("2", "Paper", `${text} More later.`),
      doc("3", "Wire", "Other text entirely about a vote in Chile on a Sunday."),
      doc("4", "Times", "Voters in Chile went to the polls on Sunday."),
    ]);
    expect(origins[0]).toBe(origins[1]);
    expect(origins[0]).toBe(origins[2]);
    expect(origins[3]).not.toBe(origins[0]);
  });

  it("calls two texts one when their opening shingles' Jaccard share is half or more", () => {
    const words = Array.from({ length: 12 }, (_, i) => `w${i}`);
    const shingles = (from: number, to: number) =>
      new Set(Array.from({ length: to - from }, (_, i) => words.slice(from + i, from + i + 4).join(" ")));
    const report = (source: string, s: Set<string>) => ({
      document: { id: source, source },
      vocabulary: new Set<string>(),
      words: new Set<string>(),
      shingles: s,
    });
    // 6 and 6 shingles sharing 4: 4 / 8 = 0.5, one origin; sharing 3 of 6 and 6: 3 / 9, two.
    expect(new Set(supportOrigins([report("A", shingles(0, 6)), report("B", shingles(2, 8))])).size).toBe(1);
    expect(new Set(supportOrigins([report("A", shingles(0, 6)), report("B", shingles(3, 9))])).size).toBe(2);
    expect(new Set(supportOrigins([report("A", new Set()), report("B", new Set())])).size).toBe(2);
  });

  it("counts loaded words outside quotation marks only", () => {
    expect(countLoadedWords("Sheinbaum successfully deflected offers during a crucial phone call.")).toBe(3);
    expect(countLoadedWords("“It was a crucial and historic call,” Sheinbaum said.")).toBe(0);
    expect(countLoadedWords("Mexico and the US agreed to hold security talks.")).toBe(0);
  });
});
