// The summarization section of the evaluation harness: briefbot, Lead-3 and a TextRank baseline at
// 3 sentences, in one run, on REALSumm's 100 CNN/DailyMail documents and the 2,225 BBC articles.
// Reads the shared evaluation data by path; returns the markdown table and the raw rows.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { splitSentences } from "../../src/briefing/stories/split-sentences.js";
import { summarize } from "../../src/briefing/stories/summarize.js";
import { type RougeTriple, rouge, rougeTokens } from "./rouge.js";

/** Every system picks this many sentences, as in the CNN/DailyMail literature. */
const SENTENCES = 3;

export type SystemName = "briefbot" | "Lead-3" | "TextRank";
const SYSTEMS: SystemName[] = ["briefbot", "Lead-3", "TextRank"];

export interface SummarizationRow {
  set: "REALSumm CNN/DM" | "BBC News Summary";
  system: SystemName;
  documents: number;
  /** Mean F1 over documents, in percent. */
  rouge1: number;
  rouge2: number;
  rougeL: number;
  /** BBC only: mean sentence-level precision, recall and F1 against the extractive reference. */
  sentencePrecision?: number;
  sentenceRecall?: number;
  sentenceF1?: number;
}

export interface EvalDocument {
  title?: string;
  text: string;
  reference: string[];
}

type Summarizer = (doc: EvalDocument) => string[];

export const SUMMARIZERS: Record<SystemName, Summarizer> = {
  briefbot: (doc) => {
    const picked = summarize([{ id: "d", text: doc.text, ...(doc.title ? { title: doc.title } : {}) }], {
      sentences: SENTENCES,
    });
    return picked.sort((a, b) => a.index - b.index).map((s) => s.text);
  },
  "Lead-3": (doc) =>
    splitSentences(doc.text)
      .slice(0, SENTENCES)
      .map((s) => s.text),
  TextRank: (doc) => textRank(doc.text, SENTENCES),
};

/**
 * TextRank (Mihalcea & Tarau 2004) as the usual unsupervised baseline: sentences as nodes, cosine
 * similarity of raw term counts as edge weights, PageRank (d = 0.85), the top sentences in text order.
 */
export function textRank(text: string, count: number): string[] {
  const spans = splitSentences(text);
  const n = spans.length;
  if (n <= count) return spans.map((s) => s.text);
  const vectors = spans.map((s) => {
    const counts = new Map<string, number>();
    for (const t of rougeTokens(s.text)) counts.set(t, (counts.get(t) ?? 0) + 1);
    let norm = 0;
    for (const c of counts.values()) norm += c * c;
    return { counts, norm: Math.sqrt(norm) };
  });
  const weights = new Float64Array(n * n);
  const outSum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = vectors[i] as (typeof vectors)[number];
      const b = vectors[j] as (typeof vectors)[number];
      if (a.norm === 0 || b.norm === 0) continue;
      let d = 0;
      for (const [t, c] of a.counts) d += c * (b.counts.get(t) ?? 0);
      const sim = d / (a.norm * b.norm);
      weights[i * n + j] = sim;
      weights[j * n + i] = sim;
      outSum[i] = (outSum[i] ?? 0) + sim;
      outSum[j] = (outSum[j] ?? 0) + sim;
    }
  }
  let rank = new Float64Array(n).fill(1 / n);
  for (let iter = 0; iter < 50; iter++) {
    const next = new Float64Array(n).fill(0.15 / n);
    for (let j = 0; j < n; j++) {
      const out = outSum[j] ?? 0;
      if (out === 0) continue;
      for (let i = 0; i < n; i++) next[i] = (next[i] ?? 0) + (0.85 * (rank[j] ?? 0) * (weights[j * n + i] ?? 0)) / out;
    }
    rank = next;
  }
  return [...spans.keys()]
    .sort((a, b) => (rank[b] ?? 0) - (rank[a] ?? 0) || a - b)
    .slice(0, count)
    .sort((a, b) => a - b)
    .map((i) => (spans[i] as (typeof spans)[number]).text);
}

/** REALSumm: one lowercased, tokenized document a line (`<t> ... </t>`), references alike. */
export function loadRealsumm(evalDir: string): EvalDocument[] {
  const base = join(evalDir, "summarization/realsumm-cnndm100/selected_docs_for_human_eval/abs/ptr_generator");
  const strip = (line: string) => line.replace(/<\/?t>/g, " ").trim();
  const sources = readFileSync(join(base, "src.txt"), "utf8").split("\n").map(strip);
  const refs = readFileSync(join(base, "ref.txt"), "utf8").split("\n").map(strip);
  const docs: EvalDocument[] = [];
  sources.forEach((text, i) => {
    if (text === "") return;
    // Reference sentences are run together as "one .two .three ."; split after each " .".
    const reference = (refs[i] ?? "")
      .split(/(?<=\s\.)/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    docs.push({ text, reference });
  });
  return docs;
}

function readText(path: string): string {
  const bytes = readFileSync(path);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("latin1").decode(bytes);
  }
}

/** BBC News Summary: title line, blank line, paragraphs; the reference is article sentences run together. */
export function loadBbc(evalDir: string): EvalDocument[] {
  const base = join(evalDir, "summarization/bbc-news-summary/BBC News Summary");
  const docs: EvalDocument[] = [];
  for (const category of readdirSync(join(base, "News Articles")).sort()) {
    for (const file of readdirSync(join(base, "News Articles", category)).sort()) {
      const article = readText(join(base, "News Articles", category, file)).replace(/\r\n?/g, "\n");
      const summary = readText(join(base, "Summaries", category, file)).trim();
      const newline = article.indexOf("\n");
      const title = (newline < 0 ? article : article.slice(0, newline)).trim();
      const text = newline < 0 ? "" : article.slice(newline + 1).trim();
      const reference = summary
        .split(/(?<=[.!?"])(?=[A-Z"])/)
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
      docs.push({ title, text, reference });
    }
  }
  return docs;
}

const key = (sentence: string) => rougeTokens(sentence).join(" ");

/**
 * Sentence-level agreement with an extractive reference. Our sentence boundaries may differ from
 * the reference's regex split, so a chosen sentence counts when its tokens equal, contain or are
 * contained in a reference sentence's (at least 5 tokens, so fragments do not match by accident).
 */
export function sentenceMatch(chosen: readonly string[], reference: readonly string[]) {
  const refKeys = reference.map(key);
  const matchedRefs = new Set<number>();
  let correct = 0;
  for (const sentence of chosen) {
    const k = key(sentence);
    let hit = false;
    refKeys.forEach((r, i) => {
      const same =
        r === k || (k.split(" ").length >= 5 && r.includes(k)) || (r.split(" ").length >= 5 && k.includes(r));
      if (same) {
        hit = true;
        matchedRefs.add(i);
      }
    });
    if (hit) correct++;
  }
  const precision = chosen.length ? correct / chosen.length : 0;
  const recall = reference.length ? matchedRefs.size / reference.length : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

const pct = (x: number) => Math.round(x * 1000) / 10;

export function scoreSet(
  set: SummarizationRow["set"],
  docs: readonly EvalDocument[],
  withSentences: boolean,
  progress: (line: string) => void,
  systems: Record<SystemName, Summarizer> = SUMMARIZERS,
): SummarizationRow[] {
  return SYSTEMS.map((system) => {
    const summarizer = systems[system];
    const scores: RougeTriple[] = [];
    const sentence: Array<ReturnType<typeof sentenceMatch>> = [];
    docs.forEach((doc, i) => {
      if (i % 200 === 0) progress(`${set}: ${system} ${i}/${docs.length}`);
      const chosen = summarizer(doc);
      scores.push(rouge(chosen, doc.reference));
      if (withSentences) sentence.push(sentenceMatch(chosen, doc.reference));
    });
    const row: SummarizationRow = {
      set,
      system,
      documents: docs.length,
      rouge1: pct(mean(scores.map((s) => s.rouge1.f1))),
      rouge2: pct(mean(scores.map((s) => s.rouge2.f1))),
      rougeL: pct(mean(scores.map((s) => s.rougeL.f1))),
    };
    if (withSentences) {
      row.sentencePrecision = pct(mean(sentence.map((s) => s.precision)));
      row.sentenceRecall = pct(mean(sentence.map((s) => s.recall)));
      row.sentenceF1 = pct(mean(sentence.map((s) => s.f1)));
    }
    return row;
  });
}

function find(rows: readonly SummarizationRow[], set: SummarizationRow["set"], system: SystemName) {
  return rows.find((r) => r.set === set && r.system === system);
}

function targetLine(label: string, ours: number | undefined, lead: number | undefined, strict: boolean): string {
  if (ours === undefined || lead === undefined) return `- ${label}: not measured`;
  const met = strict ? ours > lead : ours >= lead;
  return `- ${label}: briefbot ${ours} vs Lead-3 ${lead}: **${met ? "met" : "missed"}**`;
}

export function summarizationMarkdown(rows: readonly SummarizationRow[]): string {
  const lines = [
    "### Summarization (3 sentences each, same run)",
    "",
    "ROUGE: our implementation (test/eval/rouge.ts), lowercase `[a-z0-9]+` tokens, no stemming, F1 averaged",
    "over documents, in percent; ROUGE-L is summary-level (union LCS over reference sentences, `rougeLsum`).",
    "Sentence P/R/F1 (BBC only): chosen sentences matched against the extractive reference sentences.",
    "",
    "| Set | Docs | System | ROUGE-1 | ROUGE-2 | ROUGE-L | Sent. P | Sent. R | Sent. F1 |",
    "|---|---:|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    const s = (x: number | undefined) => (x === undefined ? "" : x.toFixed(1));
    lines.push(
      `| ${r.set} | ${r.documents} | ${r.system} | ${r.rouge1.toFixed(1)} | ${r.rouge2.toFixed(1)} | ${r.rougeL.toFixed(1)} | ${s(r.sentencePrecision)} | ${s(r.sentenceRecall)} | ${s(r.sentenceF1)} |`,
    );
  }
  const cnn = "REALSumm CNN/DM" as const;
  const bbc = "BBC News Summary" as const;
  lines.push(
    "",
    "Targets:",
    targetLine(
      "REALSumm ROUGE-1 ≥ Lead-3",
      find(rows, cnn, "briefbot")?.rouge1,
      find(rows, cnn, "Lead-3")?.rouge1,
      false,
    ),
    targetLine(
      "REALSumm ROUGE-2 ≥ Lead-3",
      find(rows, cnn, "briefbot")?.rouge2,
      find(rows, cnn, "Lead-3")?.rouge2,
      false,
    ),
    targetLine(
      "BBC sentence F1 > Lead-3",
      find(rows, bbc, "briefbot")?.sentenceF1,
      find(rows, bbc, "Lead-3")?.sentenceF1,
      true,
    ),
  );
  return `${lines.join("\n")}\n`;
}

/** Runs the whole section; `progress` receives short status lines (the caller decides where). */
export async function runSummarizationEval(
  evalDir: string,
  progress: (line: string) => void,
): Promise<{ markdown: string; rows: SummarizationRow[] }> {
  const rows = [
    ...scoreSet("REALSumm CNN/DM", loadRealsumm(evalDir), false, progress),
    ...scoreSet("BBC News Summary", loadBbc(evalDir), true, progress),
  ];
  return { markdown: summarizationMarkdown(rows), rows };
}
