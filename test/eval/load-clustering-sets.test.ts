// The clustering sets load as documented (row and label counts, CSV quoting, WikiRef encoding
// and noise labels). Reads ../shared/eval beside the checkout, or BRIEFBOT_EVAL_DIR.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadUciNews, loadWikiRef, wikiRefTopic } from "./load-clustering-sets.js";
import { parseCsv } from "./parse-csv.js";

const repoRoot = resolve(import.meta.dirname, "../..");
const evalDir = process.env.BRIEFBOT_EVAL_DIR ?? resolve(repoRoot, "../shared/eval");

describe("parseCsv", () => {
  it("handles quotes, doubled quotes, commas and line breaks inside quotes, and CRLF", () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\n1,"two\nlines",3\n')).toEqual([
      ["a", "b, c", 'say "hi"'],
      ["1", "two\nlines", "3"],
    ]);
  });
});

describe("wikiRefTopic", () => {
  it.each([
    ["premier.league.125.txt", "premier.league"],
    ["ParisAttacks2015 (12).txt", "ParisAttacks2015"],
    ["U2.txt", "U2"],
  ])("%s → %s", (name, topic) => expect(wikiRefTopic(name)).toBe(topic));
});

describe("clustering sets", () => {
  it("finds the evaluation data", () => {
    expect(
      existsSync(evalDir),
      `evaluation data not found at ${evalDir}: set BRIEFBOT_EVAL_DIR to the shared eval folder`,
    ).toBe(true);
  });

  it("loads the 4,340 UCI headlines in 62 stories", async () => {
    const set = await loadUciNews(evalDir);
    expect(set.docs).toHaveLength(4340);
    expect(new Set(set.labels).size).toBe(62);
    expect(set.docs[0]?.title).toBe("Fed official says weak data caused by weather, should not slow taper");
    expect(set.docs.every((d) => Number.isFinite(d.publishedAt))).toBe(true);
  });

  it("loads the 220 WikiRef articles: 5 topics plus 35 noise singletons", async () => {
    const set = await loadWikiRef(evalDir);
    expect(set.docs).toHaveLength(220);
    expect(set.labels.filter((l) => l.startsWith("noise:"))).toHaveLength(35);
    expect(new Set(set.labels).size).toBe(40);
    expect(set.docs.some((d) => d.text?.includes("\uFFFD"))).toBe(false);
    const topics = await loadWikiRef(evalDir, "topics");
    expect(new Set(topics.labels).size).toBe(16);
  });
});
