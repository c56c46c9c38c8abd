// The same-happening score of dense windows (issue 15): a report whose title the other report's
// opening tells scores above one that shares only the topic's words. Terms written for these tests.
import { describe, expect, it } from "vitest";
import { HAPPENING_WEIGHTS, HappeningEvidence } from "../../../src/briefing/stories/same-happening.js";

const doc = (title: string, lead: string, body = "") => ({
  title: title.split(" "),
  lead: lead.split(" "),
  body: body === "" ? [] : body.split(" "),
});

const resultA = doc(
  "whitfield win ohio senat primari",
  "dana whitfield won republican primari ohio senat seat defeat garrick",
);
const resultB = doc(
  "ohio republican hand trump primari win garrick",
  "republican voter ohio chose whitfield senat nomine garrick",
);
const adCampaign = doc("ruiz launch ad campaign", "democrat ana ruiz began televis ad across ohio steel plant");
const other = doc("hurrican track florida", "storm turn west toward tampa forecast said");

describe("HappeningEvidence", () => {
  it("gives a report covering each other's title more than one sharing only the topic's words", () => {
    const evidence = new HappeningEvidence([resultA, resultB, adCampaign, other]);
    const same = evidence.score(0, 1, 0.3, 2);
    const topicOnly = evidence.score(0, 2, 0.3, 2);
    expect(same).toBeGreaterThan(topicOnly);
  });

  it("reads identical reports as fully covered and the score as the weights' sum", () => {
    const evidence = new HappeningEvidence([resultA, resultA, other]);
    expect(evidence.features(0, 1, 1, 0)).toEqual([1, 0, 1, 1, 1]);
    const weights = [1, 1, 1, 1, 1, -2];
    expect(evidence.score(0, 1, 1, 0, weights)).toBeCloseTo(2);
    expect(evidence.score(0, 1, 1, 0)).toBeCloseTo(
      HAPPENING_WEIGHTS.slice(0, 5).reduce((sum, w, k) => sum + w * ([1, 0, 1, 1, 1][k] as number), 0) +
        (HAPPENING_WEIGHTS[5] as number),
    );
  });

  it("scores a report with no title or text as covering nothing", () => {
    const evidence = new HappeningEvidence([doc("", ""), resultA]);
    const [, , titleMin, titleMax, leadMin] = evidence.features(0, 1, 0, 0);
    expect([titleMin, leadMin]).toEqual([0, 0]);
    expect(titleMax).toBeGreaterThanOrEqual(0);
  });
});
