// Headlines: site suffixes go, descriptive titles beat shouting and clickbait.
import { describe, expect, it } from "vitest";
import { chooseHeadline, cleanTitle, headlineScore } from "../../../src/briefing/stories/choose-headline.js";

describe("headlines", () => {
  it.each([
    ["Mexico and US agree to security talks - Reuters", [], "Mexico and US agree to security talks"],
    ["Mexico and US agree to security talks | BBC News", [], "Mexico and US agree to security talks"],
    [
      "Mexico and US agree to security talks — News One (sample outlet)",
      ["News One (sample outlet)"],
      "Mexico and US agree to security talks",
    ],
    ["Storm hits coast - live updates", [], "Storm hits coast - live updates"],
    ["A - B", [], "A - B"],
  ])("cleans %j", (title, sources, expected) => {
    expect(cleanTitle(title, sources)).toBe(expected);
  });

  it("prefers a descriptive title over a shouting or clickbait one", () => {
    const titles = [
      "Mexican STANDOFF!",
      "Sheinbaum tells Trump U.S. military intervention against cartels is not necessary",
      "You won't believe what Trump said",
    ];
    expect(chooseHeadline(titles)).toEqual({ headline: titles[1], index: 1 });
    expect(headlineScore("Mexican STANDOFF!")).toBeLessThan(headlineScore("Mexico rejects US offer of troops"));
    expect(headlineScore("SHOCKING: 5 things to know")).toBeLessThan(
      headlineScore("Five things to know about the new tariffs on steel"),
    );
  });

  it("falls back to something printable", () => {
    expect(chooseHeadline([]).headline).toBe("(untitled)");
    expect(chooseHeadline(["x".repeat(500)]).headline.length).toBeLessThanOrEqual(200);
  });
});
