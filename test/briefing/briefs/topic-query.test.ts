// Topic parsing: words and quoted phrases only; FTS syntax in user text becomes plain words.
import { describe, expect, it } from "vitest";
import { MAX_TOPIC_GROUPS, parseTopicQuery } from "../../../src/briefing/briefs/topic-query.js";

describe("parseTopicQuery", () => {
  it.each([
    ["mexico", [["mexico"]]],
    ["Mexico  TRUMP", [["mexico"], ["trump"]]],
    ['"white house" tariffs', [["white", "house"], ["tariffs"]]],
    ["cross-border", [["cross"], ["border"]]],
    ["Sheinbaum's call", [["sheinbaum"], ["s"], ["call"]]],
    ["México", [["méxico"]]],
    ['" OR * NEAR( :- ^ col:x', [["or", "near", "col", "x"]]],
    ["OR NEAR(a b) -c col:x", [["or"], ["near"], ["a"], ["b"], ["c"], ["col"], ["x"]]],
    ['"unterminated phrase', [["unterminated", "phrase"]]],
    ["***", []],
    ["", []],
  ])("%j", (input, groups) => {
    expect(parseTopicQuery(input).groups).toEqual(groups);
  });

  it("caps the number of groups", () => {
    expect(parseTopicQuery("a ".repeat(100)).groups).toHaveLength(MAX_TOPIC_GROUPS);
  });
});
