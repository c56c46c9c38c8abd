// Tokens and name runs: accents, apostrophes, hyphens and numbers, as every core text measure sees them.
import { describe, expect, it } from "vitest";
import { contentTerms } from "../../../../src/briefing/stories/text/content-terms.js";
import { capitalizedRuns, foldText, scanTokens, tokenize } from "../../../../src/briefing/stories/text/tokenize.js";

describe("tokenize", () => {
  it.each([
    ["México", ["mexico"]],
    ["Trump's call", ["trump", "call"]],
    ["Trump’s call", ["trump", "call"]],
    ["the teams' coaches", ["the", "teams", "coaches"]],
    ["Paris-based cross-border", ["paris", "based", "cross", "border"]],
    ["don't can't won't", ["do", "can", "will"]],
    ["we're they've she'll I'd I'm", ["we", "they", "she", "i", "i"]],
    ["O'Brien and Côte d'Ivoire", ["obrien", "and", "cote", "divoire"]],
    ["1,000 troops and 3.5% growth", ["1000", "troops", "and", "3.5", "growth"]],
    ["$10.9bn deal in 2014.", ["10.9", "bn", "deal", "in", "2014"]],
    ["Zürich, São Paulo, Ñandú", ["zurich", "sao", "paulo", "nandu"]],
    ["Ελλάδα Москва", ["ελλαδα", "москва"]],
    ["  ", []],
  ])("%j", (text, tokens) => {
    expect(tokenize(text)).toEqual(tokens);
  });

  it("folds case and accents", () => {
    expect(foldText("MÉXICO Straße")).toBe("mexico straße");
  });
});

describe("capitalizedRuns", () => {
  it("finds names in running text", () => {
    const text =
      "Mexican President Claudia Sheinbaum said she spoke with Donald Trump on Monday. The White House confirmed the call.";
    expect(capitalizedRuns(text)).toEqual([
      "mexican president claudia sheinbaum",
      "donald trump",
      "monday",
      "white house",
    ]);
  });

  it("skips Title Case and shouting segments", () => {
    expect(capitalizedRuns("Fed Official Says Weak Data Caused By Weather")).toEqual([]);
    expect(capitalizedRuns("BREAKING NEWS FROM THE CAPITAL TONIGHT")).toEqual([]);
  });

  it("folds possessives and accents inside a run", () => {
    expect(capitalizedRuns("officials in Mexico City praised López Obrador's plan")).toEqual([
      "mexico city",
      "lopez obrador",
    ]);
  });
});

describe("contentTerms", () => {
  it("drops stop words and news filler, and stems", () => {
    expect(contentTerms("The presidents said on Monday that tariffs were imposed")).toEqual([
      "presid",
      "tariff",
      "impos",
    ]);
  });
});

describe("scanTokens", () => {
  const text =
    "México's 1,000 cross-border trucks: don't, can't, O'Brien and Côte d'Ivoire (3.5%) — we're 'quoted' ’tis 42";

  it("visits the tokens tokenize returns, in order", () => {
    const seen: string[] = [];
    scanTokens(text, (token) => {
      seen.push(token);
      return true;
    });
    expect(seen).toEqual(tokenize(text));
  });

  it("stops at the first token its visitor refuses, and may tokenize inside the visitor", () => {
    const seen: string[] = [];
    scanTokens(text, (token) => {
      seen.push(token);
      expect(tokenize("a b")).toEqual(["a", "b"]);
      return seen.length < 3;
    });
    expect(seen).toEqual(tokenize(text).slice(0, 3));
  });
});
