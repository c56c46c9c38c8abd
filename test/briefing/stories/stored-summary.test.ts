// Summary features stored with an article read back to exactly what computing them gives (spans,
// sentence features, terms, anchors, vocabulary, words, shingles, headline terms), so summaries
// and headlines are the same from either; malformed or old encodings are refused, never half-read.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ARTICLE_FEATURES_VERSION,
  articleFeatures,
  decodeArticleFeatures,
  decodeStoredHeadline,
  decodeStoredSummary,
  encodedArticleFeatures,
} from "../../../src/briefing/stories/article-features.js";
import { chooseHeadline, headlineTerms } from "../../../src/briefing/stories/choose-headline.js";
import { headlineReport } from "../../../src/briefing/stories/stored-summary.js";
import {
  type PreparedSummaryDocument,
  prepareSummaryDocument,
  type SummaryDocument,
  summarize,
} from "../../../src/briefing/stories/summarize.js";
import { loadBbc } from "../../eval/summarization-eval.js";

const long = Array.from(
  { length: 60 },
  (_, i) => `Paragraph ${i + 1} notes that the Harbour Board met Ms. Ortiz at 9.30 a.m. on Day ${i}.`,
).join("\n");

const DOCUMENTS: SummaryDocument[] = [
  {
    id: "1",
    title: "Port strike ends after union accepts 7% wage deal",
    text: [
      "By Jane Doe and Omar Ruiz",
      "",
      "LISBON (Harbor Wire) - Dock workers at the Port of Lisbon ended a nine-day strike on Tuesday after their union accepted a 7% wage increase, the port authority said.",
      "“We got what we asked for, and the ships can move again,” Mendes told reporters. Talks will resume on Jan. 12.",
      "• About 40 cargo ships had been waiting offshore, and the backlog will take a week to clear",
      "Glass over a map.",
      "Read more: Europe's ports face record traffic",
      "The U.S. Navy said it was not involved (Photo: Getty Images)",
      "Is this the end? You decide!",
    ].join("\n"),
  },
  { id: "2", title: "", text: "Short text with no title at all, but it still says something, officials said." },
  { id: "3", title: "Harbour Board: the long record", text: long },
  { id: "4", title: "Empty", text: "" },
  {
    id: "5",
    title: "Ünïcödé İstanbul résumé",
    text: "İstanbul’s mayor met 3,000 résidents on Monday, the city said. Naïve café owners – 12.5% of them – agreed.",
  },
];

function encodedFor(d: SummaryDocument): string {
  return encodedArticleFeatures(d.title ?? "", d.text);
}

function expectSamePrepared(actual: PreparedSummaryDocument, expected: PreparedSummaryDocument): void {
  expect(actual.sentences).toEqual(expected.sentences);
  expect(actual.titleTerms).toEqual(expected.titleTerms);
  expect(actual.vocabulary).toEqual(expected.vocabulary);
  expect(actual.words).toEqual(expected.words);
  expect(actual.shingles).toEqual(expected.shingles);
  expect(actual.document).toBe(expected.document);
}

function expectRoundTrip(d: SummaryDocument): void {
  const encoded = encodedFor(d);
  const stored = decodeStoredSummary(encoded, d);
  expect(stored).toBeDefined();
  expectSamePrepared(stored?.prepared as PreparedSummaryDocument, prepareSummaryDocument(d));
  const opening = headlineTerms(headlineReport(d.title ?? "", d.text));
  expect(stored?.opening).toEqual(opening);
  expect(decodeStoredHeadline(encoded)).toEqual({ titleTerms: stored?.prepared.titleTerms, opening });
  // The clustering part reads as before, whatever follows it.
  expect(decodeArticleFeatures(encoded)).toEqual(articleFeatures(d.title ?? "", d.text));
}

describe("stored summary features", () => {
  it("read back to what preparing the document computes", () => {
    for (const d of DOCUMENTS) expectRoundTrip(d);
    // Datelines, photo credits and boilerplate were in play: trimmed spans and skipped sentences.
    const first = decodeStoredSummary(encodedFor(DOCUMENTS[0] as SummaryDocument), DOCUMENTS[0] as SummaryDocument);
    expect(first?.prepared.sentences[0]?.span.text.startsWith("Dock workers")).toBe(true);
    expect(first?.prepared.sentences.some((s) => s.span.text.includes("Getty"))).toBe(false);
  });

  it("give the same summaries and headlines as computing them", () => {
    const story = DOCUMENTS.slice(0, 3);
    const stored = story.map((d) => decodeStoredSummary(encodedFor(d), d));
    const prepared = stored.map((s) => s?.prepared as PreparedSummaryDocument);
    for (const topicTerms of [[], ["port"], ["harbour", "board"]]) {
      expect(summarize(prepared, { sentences: 5, topicTerms })).toEqual(summarize(story, { sentences: 5, topicTerms }));
    }
    const titles = story.map((d) => d.title ?? "");
    const reports = story.map((d) => headlineReport(d.title ?? "", d.text));
    const fromStored = stored.map((s) => ({
      titleTerms: s?.prepared.titleTerms ?? [],
      opening: s?.opening ?? new Set(),
    }));
    expect(chooseHeadline(titles, [], fromStored)).toEqual(chooseHeadline(titles, [], reports));
  });

  it("summarize the same whatever order a sentence's terms come in", () => {
    const story = DOCUMENTS.slice(0, 3).map(prepareSummaryDocument);
    // Prepared terms come sorted (the vectors' order); a hand-made or older map may not.
    const reversed = story.map((p) => ({
      ...p,
      sentences: p.sentences.map((s) => ({ ...s, terms: new Map([...s.terms].reverse()) })),
    }));
    expect(reversed.some((p) => p.sentences.some((s) => s.terms.size > 1))).toBe(true);
    for (const topicTerms of [[], ["port"]]) {
      expect(summarize(reversed, { sentences: 5, topicTerms })).toEqual(summarize(story, { sentences: 5, topicTerms }));
    }
  });

  it("are refused when absent, of another version or malformed", () => {
    const d = DOCUMENTS[0] as SummaryDocument;
    const encoded = encodedFor(d);
    expect(encoded.startsWith(`${ARTICLE_FEATURES_VERSION}\n`)).toBe(true);
    expect(decodeStoredSummary(null, d)).toBeUndefined();
    expect(decodeStoredSummary(undefined, d)).toBeUndefined();
    expect(decodeStoredHeadline(42)).toBeUndefined();
    // A cf1 encoding (clustering only, seven lines) is of another version.
    const old = `cf1\n${encoded.split("\n").slice(1, 7).join("\n")}`;
    expect(decodeStoredSummary(old, d)).toBeUndefined();
    expect(decodeArticleFeatures(old)).toBeUndefined();
    const lines = encoded.split("\n");
    const sentenceLine = 7 + 3;
    const broken = (replace: (line: string) => string): string =>
      lines.map((line, i) => (i === sentenceLine ? replace(line) : line)).join("\n");
    expect(
      decodeStoredSummary(
        broken((l) => l.replace("\t", " ")),
        d,
      ),
    ).toBeUndefined();
    expect(
      decodeStoredSummary(
        broken((l) => `x${l}`),
        d,
      ),
    ).toBeUndefined();
    expect(
      decodeStoredSummary(
        broken((l) => `1.5${l.slice(l.indexOf(" "))}`),
        d,
      ),
    ).toBeUndefined();
    // One number too few, one too many, an empty one: the count is the line's, not a prefix's.
    expect(
      decodeStoredSummary(
        broken((l) => l.slice(l.indexOf(" ") + 1)),
        d,
      ),
    ).toBeUndefined();
    expect(
      decodeStoredSummary(
        broken((l) => `0 ${l}`),
        d,
      ),
    ).toBeUndefined();
    expect(
      decodeStoredSummary(
        broken((l) => l.replace(/\t/, " \t")),
        d,
      ),
    ).toBeUndefined();
    // A span beyond the text it is read with: computed features of another text.
    expect(decodeStoredSummary(encoded, { ...d, text: d.text.slice(0, 20) })).toBeUndefined();
    expect(decodeStoredSummary(lines.slice(0, 9).join("\n"), d)).toBeUndefined();
  });

  const evalDir = process.env.BRIEFBOT_EVAL_DIR ?? resolve(import.meta.dirname, "../../../../shared/eval");
  it.skipIf(!existsSync(resolve(evalDir, "summarization")))("read back exactly on the BBC news articles", () => {
    const docs = loadBbc(evalDir).slice(0, 400);
    docs.forEach((doc, i) => {
      expectRoundTrip({ id: String(i), title: doc.title ?? "", text: doc.text });
    });
  });
});
