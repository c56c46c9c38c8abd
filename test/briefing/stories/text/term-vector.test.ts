// TF-IDF vectors and cosine similarity on small hand-checked cases.
import { describe, expect, it } from "vitest";
import {
  cosine,
  countTerms,
  DocumentFrequencies,
  dot,
  dotWithMap,
  EMPTY_VECTOR,
  normalize,
  termVector,
  tfidfVector,
} from "../../../../src/briefing/stories/text/term-vector.js";

describe("termVector", () => {
  it("sorts terms, merges repeats, drops zeros and computes the norm", () => {
    const v = termVector([
      ["b", 3],
      ["a", 4],
      ["c", 0],
      ["b", 0],
    ]);
    expect(v.terms).toEqual(["a", "b"]);
    expect([...v.weights]).toEqual([4, 3]);
    expect(v.norm).toBe(5);
  });

  it("merges a term given twice", () => {
    const v = termVector([
      ["a", 1],
      ["a", 2],
    ]);
    expect(v.terms).toEqual(["a"]);
    expect([...v.weights]).toEqual([3]);
    expect(v.norm).toBeCloseTo(3);
  });
});

describe("cosine", () => {
  const a = termVector([
    ["x", 1],
    ["y", 1],
  ]);
  const b = termVector([
    ["y", 1],
    ["z", 1],
  ]);

  it("is 1 for the same direction and 0 for disjoint or empty vectors", () => {
    expect(cosine(a, a)).toBeCloseTo(1);
    expect(cosine(a, termVector([["z", 2]]))).toBe(0);
    expect(cosine(a, EMPTY_VECTOR)).toBe(0);
  });

  it("is 1/2 for two two-term vectors sharing one term", () => {
    expect(dot(a, b)).toBe(1);
    expect(cosine(a, b)).toBeCloseTo(0.5);
  });

  it("agrees with a map-based dot product and with normalization", () => {
    expect(dotWithMap(a, new Map([["y", 2]]))).toBe(2);
    expect(normalize(a).norm).toBe(1);
    expect(cosine(normalize(a), normalize(b))).toBeCloseTo(0.5);
  });
});

describe("tfidfVector", () => {
  const frequencies = new DocumentFrequencies();
  frequencies.add(["mexico", "call", "call"]);
  frequencies.add(["mexico", "quake"]);
  frequencies.add(["tariff"]);

  it("counts a term once per document", () => {
    expect(frequencies.documents).toBe(3);
    expect(frequencies.frequency("call")).toBe(1);
    expect(frequencies.frequency("mexico")).toBe(2);
  });

  it("weighs rare terms above common ones, with smoothed IDF", () => {
    expect(frequencies.idf("mexico")).toBeCloseTo(Math.log(4 / 3) + 1);
    expect(frequencies.idf("unseen")).toBeCloseTo(Math.log(4) + 1);
    const v = tfidfVector(countTerms(["mexico", "call"]), frequencies);
    expect(v.terms).toEqual(["call", "mexico"]);
    expect(v.weights[0]).toBeGreaterThan(v.weights[1] ?? 0);
  });

  it("dampens repeated terms when sublinear", () => {
    const counts = countTerms(["call", "call", "call"]);
    expect(tfidfVector(counts, frequencies).weights[0]).toBeCloseTo((1 + Math.log(3)) * frequencies.idf("call"));
    expect(tfidfVector(counts, frequencies, { sublinear: false }).weights[0]).toBeCloseTo(3 * frequencies.idf("call"));
  });
});
