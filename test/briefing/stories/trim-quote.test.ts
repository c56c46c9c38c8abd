// Quotes lose datelines, agency tags and photo credits, and keep everything else verbatim.
import { describe, expect, it } from "vitest";
import { trimQuote } from "../../../src/briefing/stories/trim-quote.js";

const span = (text: string) => ({ text, start: 10, end: 10 + text.length, paragraph: 0, index: 0 });

describe("trimQuote", () => {
  it.each([
    [
      "SANTIAGO (Harbor Wire) - Chileans voted on Sunday in a presidential runoff.",
      "Chileans voted on Sunday in a presidential runoff.",
    ],
    [
      "LONDON, Jan 12 (Reuters) - The Bank of England held rates at 4 percent.",
      "The Bank of England held rates at 4 percent.",
    ],
    [
      "WASHINGTON — The Senate passed the bill late on Tuesday night.",
      "The Senate passed the bill late on Tuesday night.",
    ],
    [
      "(CNN) -- The Senate passed the bill late on Tuesday night after debate.",
      "The Senate passed the bill late on Tuesday night after debate.",
    ],
    [
      "The Senate passed the bill late on Tuesday night (AP Photo/Jane Doe)",
      "The Senate passed the bill late on Tuesday night",
    ],
    [
      "By Ana Ruiz SANTIAGO (Harbor Wire) - Chileans voted on Sunday in a presidential runoff.",
      "Chileans voted on Sunday in a presidential runoff.",
    ],
    [
      "By ZEKE MILLER Associated Press WASHINGTON (AP) — The Senate passed the bill late on Tuesday night.",
      "The Senate passed the bill late on Tuesday night.",
    ],
    [
      "By Seán O'Neil-Díaz, Harbor Wire LONDON, Jan 12 (Reuters) - The Bank of England held rates at 4 percent.",
      "The Bank of England held rates at 4 percent.",
    ],
  ])("trims %j", (text, expected) => {
    const trimmed = trimQuote(span(text));
    expect(trimmed.text).toBe(expected);
    expect(text.slice(trimmed.start - 10, trimmed.end - 10)).toBe(expected);
  });

  it.each([
    "US - Mexico talks will resume in late January, officials said on Monday.",
    "A - B is the name of the band that played on Sunday night in town.",
    "Chileans voted on Sunday in a presidential runoff.",
    "By Sunday Chileans had voted in a presidential runoff, officials said.",
    "By Monday NATO - and its allies - had agreed to send more troops, officials said.",
    "by daily mail reporter WASHINGTON - the senate passed the bill late on tuesday night.",
  ])("leaves %j alone", (text) => {
    expect(trimQuote(span(text)).text).toBe(text);
  });
});
