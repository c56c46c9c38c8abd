// The evaluation's judge of people-only articles: what counts as naming a people and as naming
// its country decides which articles the people-finding row scores.
import { describe, expect, it } from "vitest";
import { PeopleJudge } from "./people-mentions.js";

const judge = new PeopleJudge();

describe("PeopleJudge", () => {
  it("finds a people named without its country, in plural and extra forms", () => {
    expect([...judge.judge("Belgians vote on Sunday").peopleOnly]).toEqual(["BE"]);
    expect([...judge.judge("Two Thai workers and Filipinos were hurt").peopleOnly].sort()).toEqual(["PH", "TH"]);
    expect([...judge.judge("Britons flock to the coast").peopleOnly]).toEqual(["GB"]);
  });

  it("drops a case when the country is named in any form or case", () => {
    expect(judge.judge("Belgian unions strike across Belgium").peopleOnly.size).toBe(0);
    expect(judge.judge("British ministers in Britain").peopleOnly.size).toBe(0);
    expect(judge.judge("American officials in the U.S. capital").peopleOnly.size).toBe(0);
    // The bird still counts as the name: the judge would rather drop a case than invent one.
    expect(judge.judge("Turkish chefs roast a turkey").peopleOnly.size).toBe(0);
  });

  it("does not read a longer name as a people", () => {
    expect(judge.judge("Latin American leaders met").peopleOnly.has("US")).toBe(false);
    expect(judge.judge("A Papua New Guinean miner").peopleOnly.has("GN")).toBe(false);
    expect(judge.judge("Ships crossed the Indian Ocean").peopleOnly.has("IN")).toBe(false);
    expect(judge.judge("Mining shares fell").mentioned.size).toBe(0);
  });

  it("counts the country as mentioned only as a proper noun or by its people", () => {
    expect(judge.judge("a turkey dinner").mentioned.has("TR")).toBe(false);
    expect(judge.judge("Leaders met in Turkey").mentioned.has("TR")).toBe(true);
    expect(judge.judge("Swiss banks").mentioned.has("CH")).toBe(true);
  });
});
