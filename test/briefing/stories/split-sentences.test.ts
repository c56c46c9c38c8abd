// Sentence splitting: abbreviations, initials, decimals, quotes, bullets and lines; every span is a
// verbatim, trimmed slice of the input.
import { describe, expect, it } from "vitest";
import { splitSentences } from "../../../src/briefing/stories/split-sentences.js";

const texts = (input: string) => splitSentences(input).map((s) => s.text);

describe("splitSentences", () => {
  it.each([
    ["Prices rose. Shares fell.", ["Prices rose.", "Shares fell."]],
    ["The U.S. economy grew. Analysts cheered.", ["The U.S. economy grew.", "Analysts cheered."]],
    ["Talks with the U.K. resumed on Monday.", ["Talks with the U.K. resumed on Monday."]],
    ["He moved to the U.S. The move was quick.", ["He moved to the U.S.", "The move was quick."]],
    ["U.S. President Donald Trump spoke.", ["U.S. President Donald Trump spoke."]],
    ["Mr. Smith met Mrs. Jones and Dr. Brown.", ["Mr. Smith met Mrs. Jones and Dr. Brown."]],
    [
      "Gov. Newsom and Sen. Padilla spoke. St. Louis waited.",
      ["Gov. Newsom and Sen. Padilla spoke.", "St. Louis waited."],
    ],
    ["It ended on Jan. 12 in Paris. Fans left.", ["It ended on Jan. 12 in Paris.", "Fans left."]],
    ["He is ranked No. 5 in the world.", ["He is ranked No. 5 in the world."]],
    [
      "Some fruits, e.g. apples, are cheap. Others i.e. mangoes are not.",
      ["Some fruits, e.g. apples, are cheap.", "Others i.e. mangoes are not."],
    ],
    ["J. R. R. Tolkien wrote it. Readers loved it.", ["J. R. R. Tolkien wrote it.", "Readers loved it."]],
    ["Donald J. Trump spoke. Then he left.", ["Donald J. Trump spoke.", "Then he left."]],
    ["Inflation hit 3.5% in May. Growth was $1.2bn.", ["Inflation hit 3.5% in May.", "Growth was $1.2bn."]],
    ["Wait... What happened? Nobody knew!", ["Wait...", "What happened?", "Nobody knew!"]],
    ["Well… Then it rained.", ["Well…", "Then it rained."]],
    ['"We won," he said. "It was hard."', ['"We won," he said.', '"It was hard."']],
    ['"It was hard." Then she left.', ['"It was hard."', "Then she left."]],
    ["“We operate in Mexico, no one else.” She hung up.", ["“We operate in Mexico, no one else.”", "She hung up."]],
    ['"Why?" he asked. She shrugged.', ['"Why?" he asked.', "She shrugged."]],
    ["Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]],
    [
      "See https://example.com/a.b?c=d for more. Or mail info@example.org. Done.",
      ["See https://example.com/a.b?c=d for more.", "Or mail info@example.org.", "Done."],
    ],
    ["The talks (in Geneva.) ended. Next came Rome.", ["The talks (in Geneva.) ended.", "Next came Rome."]],
    [
      "A familiar dispute: U.S. military action vs. Mexican sovereignty",
      ["A familiar dispute: U.S. military action vs. Mexican sovereignty"],
    ],
    ["The meeting began at 9 a.m. and ended at noon.", ["The meeting began at 9 a.m. and ended at noon."]],
    ["No stop at the end", ["No stop at the end"]],
    ["", []],
    ["   \n\n  ", []],
  ])("%j", (input, expected) => {
    expect(texts(input)).toEqual(expected);
  });

  it("treats line breaks and blank lines as boundaries and numbers paragraphs", () => {
    const spans = splitSentences("Headline without stop\nFirst line. Second sentence.\n\nNew paragraph here");
    expect(spans.map((s) => [s.text, s.paragraph, s.index])).toEqual([
      ["Headline without stop", 0, 0],
      ["First line.", 1, 1],
      ["Second sentence.", 1, 2],
      ["New paragraph here", 2, 3],
    ]);
  });

  it("makes bullet lines sentences of their own, without the marker", () => {
    const input =
      "Highlights:\n  • Sheinbaum rejected the offer\n- Talks are set\n* Markets calm\n1. First item\n2) Second item";
    expect(texts(input)).toEqual([
      "Highlights:",
      "Sheinbaum rejected the offer",
      "Talks are set",
      "Markets calm",
      "First item",
      "Second item",
    ]);
  });

  it("keeps a lone bullet-like marker as text rather than dropping it", () => {
    expect(texts("-")).toEqual(["-"]);
  });

  it("copes with lowercased, tokenized text (CNN/DailyMail style)", () => {
    const input =
      "( cnn ) the u.s. team won . `` we are happy . '' said coach smith . it was no. 1 in the world ? fans cheered !";
    expect(texts(input)).toEqual([
      "( cnn ) the u.s. team won .",
      "`` we are happy . ''",
      "said coach smith .",
      "it was no. 1 in the world ?",
      "fans cheered !",
    ]);
  });

  it("returns verbatim, trimmed slices with correct offsets", () => {
    const input =
      '  Mr. Smith said: "Go."  Then he left!\r\n\n• A bullet line here\nShares rose 3.5% on Jan. 5. The U.S. dollar fell.  ';
    const spans = splitSentences(input);
    expect(spans.length).toBeGreaterThan(3);
    spans.forEach((s, i) => {
      expect(s.text).toBe(input.slice(s.start, s.end));
      expect(s.text).toBe(s.text.trim());
      expect(s.text.length).toBeGreaterThan(0);
      expect(s.index).toBe(i);
    });
  });

  it("is linear on long and pathological input", () => {
    const long = "Word after word. ".repeat(20_000);
    expect(splitSentences(long)).toHaveLength(20_000);
    const dots = "a.".repeat(100_000);
    expect(splitSentences(dots)).toHaveLength(1);
    const spaced = ". ".repeat(50_000);
    expect(splitSentences(spaced).length).toBeGreaterThan(0);
  });
});
