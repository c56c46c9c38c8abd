// B-cubed and the adjusted Rand index on small partitions computed by hand.
import { describe, expect, it } from "vitest";
import { adjustedRandIndex, bcubed, clusterScores, labelsFromGroups } from "./cluster-metrics.js";

const gold = ["a", "a", "a", "b", "b"];

describe("bcubed", () => {
  it("is perfect for the gold partition, whatever the label names", () => {
    expect(bcubed(gold, ["x", "x", "x", "y", "y"])).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it("has precision 1 and recall = mean 1/|class| for all singletons", () => {
    const scores = bcubed(gold, ["1", "2", "3", "4", "5"]);
    expect(scores.precision).toBe(1);
    // Three items with recall 1/3, two with 1/2: (1 + 1) / 5.
    expect(scores.recall).toBeCloseTo(2 / 5);
    expect(scores.f1).toBeCloseTo((2 * 1 * 0.4) / 1.4);
  });

  it("has recall 1 and precision = mean share of the item's class for one big cluster", () => {
    const scores = bcubed(gold, ["c", "c", "c", "c", "c"]);
    expect(scores.recall).toBe(1);
    // Three items see 3/5 of their class, two see 2/5: (9/5 + 4/5) / 5 = 13/25.
    expect(scores.precision).toBeCloseTo(13 / 25);
  });

  it("scores a mixed partition item by item", () => {
    // Clusters {1,2} {3,4} {5}: items 1,2 P=1 R=2/3; item 3 P=1/2 R=1/3; item 4 P=1/2 R=1/2; item 5 P=1 R=1/2.
    const scores = bcubed(gold, ["p", "p", "q", "q", "r"]);
    expect(scores.precision).toBeCloseTo((1 + 1 + 0.5 + 0.5 + 1) / 5);
    expect(scores.recall).toBeCloseTo((2 / 3 + 2 / 3 + 1 / 3 + 1 / 2 + 1 / 2) / 5);
  });

  it("rejects label lists of different lengths", () => {
    expect(() => bcubed(["a"], ["a", "b"])).toThrow(/1 labels/);
  });
});

describe("adjustedRandIndex", () => {
  it("is 1 for identical partitions", () => {
    expect(adjustedRandIndex(gold, ["x", "x", "x", "y", "y"])).toBeCloseTo(1);
  });

  it("is 0 for all singletons or one cluster against a non-trivial gold", () => {
    expect(adjustedRandIndex(gold, ["1", "2", "3", "4", "5"])).toBeCloseTo(0);
    expect(adjustedRandIndex(gold, ["c", "c", "c", "c", "c"])).toBeCloseTo(0);
  });

  it("matches a hand computation", () => {
    // Contingency {1,2}:a2 {3,4}:a1 b1 {5}:b1 → index = 1; gold pairs 3 + 1 = 4; predicted pairs 1 + 1 = 2;
    // expected = 4 * 2 / 10 = 0.8; max = 3; ARI = (1 - 0.8) / (3 - 0.8) = 1/11.
    expect(adjustedRandIndex(gold, ["p", "p", "q", "q", "r"])).toBeCloseTo(1 / 11);
  });

  it("is 1 when both partitions are all singletons", () => {
    expect(adjustedRandIndex(["a", "b"], ["x", "y"])).toBe(1);
  });
});

describe("clusterScores and labelsFromGroups", () => {
  it("maps groups of ids to labels in id order and combines both measures", () => {
    const labels = labelsFromGroups(["i1", "i2", "i3"], [["i2"], ["i1", "i3"]]);
    expect(labels).toEqual(["c1", "c0", "c1"]);
    expect(clusterScores(["a", "b", "a"], labels)).toEqual({ precision: 1, recall: 1, f1: 1, ari: 1 });
    expect(() => labelsFromGroups(["i1", "i9"], [["i1"]])).toThrow(/i9/);
  });
});
