// Our ROUGE against the per-system figures REALSumm publishes in scores_ext.json/scores_abs.json
// (computed with ROUGE-1.5.5 and Porter stemming, `-m`): with the same stemming we reproduce them,
// and a wrong variant (recall for F1, plain LCS for summary-level ROUGE-L) fails.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { stem } from "../../src/briefing/stories/text/stem.js";
import { rouge, rougeL, rougeLsum, rougeN, rougeTokens } from "./rouge.js";

const repoRoot = resolve(import.meta.dirname, "../..");
const evalDir = process.env.BRIEFBOT_EVAL_DIR ?? resolve(repoRoot, "../shared/eval");
const realsumm = join(evalDir, "summarization/realsumm-cnndm100");

interface Published {
  summary: string[];
  reference: string[];
  scores: Record<string, number>;
}

function tagged(text: string): string[] {
  return [...text.matchAll(/<t>(.*?)<\/t>/g)].map((m) => (m[1] ?? "").trim());
}

function published(file: string): Map<string, Published> {
  if (!existsSync(join(realsumm, file)))
    throw new Error(`REALSumm data not found at ${realsumm}; set BRIEFBOT_EVAL_DIR to the shared eval folder`);
  const data = JSON.parse(readFileSync(join(realsumm, file), "utf8")) as Record<
    string,
    { ref_summ: string; system_summaries: Record<string, { system_summary: string; scores: Record<string, number> }> }
  >;
  const out = new Map<string, Published>();
  for (const [docId, doc] of Object.entries(data))
    for (const [system, s] of Object.entries(doc.system_summaries))
      out.set(`${docId}/${system}`, {
        summary: tagged(s.system_summary),
        reference: tagged(doc.ref_summ),
        scores: s.scores,
      });
  return out;
}

const withStem = { stem };

describe("rouge (unit)", () => {
  it("tokenizes lowercase letters and digits only", () => {
    expect(rougeTokens("The U.S. grew 3.5% -- Trump's call!")).toEqual([
      "the",
      "u",
      "s",
      "grew",
      "3",
      "5",
      "trump",
      "s",
      "call",
    ]);
    expect(rougeTokens("running jobs", withStem)).toEqual(["run", "job"]);
  });

  it("computes textbook values", () => {
    const r1 = rougeN("the cat sat on the mat", "the cat lay on the mat", 1);
    expect(r1.precision).toBeCloseTo(5 / 6);
    expect(r1.recall).toBeCloseTo(5 / 6);
    const r2 = rougeN("the cat sat on the mat", "the cat lay on the mat", 2);
    expect(r2.f1).toBeCloseTo(3 / 5);
    expect(rougeL("a b c d", "a x c d").f1).toBeCloseTo(3 / 4);
    expect(rougeN("", "a b", 1).f1).toBe(0);
  });

  it("computes summary-level LCS as the union over candidate sentences (Lin 2004's example)", () => {
    // Reference w1..w5; candidates "w1 w2 w6 w7 w8" and "w1 w3 w8 w9 w5": union LCS = w1 w2 w3 w5.
    const score = rougeLsum(["w1 w2 w6 w7 w8", "w1 w3 w8 w9 w5"], ["w1 w2 w3 w4 w5"]);
    expect(score.recall).toBeCloseTo(4 / 5);
    expect(score.precision).toBeCloseTo(4 / 10);
  });
});

describe("rouge against REALSumm's published figures", () => {
  const ext = published("scores_ext.json");
  const abs = published("scores_abs.json");
  const all = [...ext.values(), ...abs.values()];

  // Documents and systems checked exactly (to the 5 decimals REALSumm stores), across systems.
  it.each([
    ["52/neusumm_out.txt", ext],
    ["52/pnbert_out_lstm_pn_rl.txt", ext],
    ["0/bart_out.txt", ext],
    ["12/pnbert_out_bert_tf_pn.txt", ext],
    ["26/bart_out.txt", ext],
    ["40/matchsumm_out.txt", ext],
    ["87/refresh_out.txt", ext],
    ["0/presumm_out_trans_abs.txt", abs],
    ["24/two_stage_rl_out.txt", abs],
    ["57/bottom_up_out.txt", abs],
    ["70/unilm_out_v2.txt", abs],
    ["0/t5_out_11B.txt", abs],
  ])("%s matches ROUGE-1/2/L F1 with Porter stemming", (key, set) => {
    const entry = set.get(key);
    if (!entry) throw new Error(`missing ${key}`);
    const ours = rouge(entry.summary, entry.reference, withStem);
    expect(ours.rouge1.f1).toBeCloseTo(entry.scores.rouge_1_f_score ?? Number.NaN, 4);
    expect(ours.rouge1.recall).toBeCloseTo(entry.scores.rouge_1_recall ?? Number.NaN, 4);
    expect(ours.rouge2.f1).toBeCloseTo(entry.scores.rouge_2_f_score ?? Number.NaN, 4);
    expect(ours.rougeL.f1).toBeCloseTo(entry.scores.rouge_l_f_score ?? Number.NaN, 4);
  });

  /** Share of all 2,500 (document, system) pairs reproduced to within 6e-5, and the median error. */
  function agreement(metric: string, compute: (p: Published) => number) {
    const errors = all.map((p) => Math.abs(compute(p) - (p.scores[metric] ?? Number.NaN))).sort((a, b) => a - b);
    return {
      exact: errors.filter((e) => e < 6e-5).length / errors.length,
      median: errors[Math.floor(errors.length / 2)] ?? 1,
    };
  }

  it("reproduces most published pairs exactly; the rest are stored summaries that differ from the scored ones", () => {
    expect(all.length).toBe(2500);
    // Measured: ROUGE-1 73%, ROUGE-2 87%, ROUGE-L 63% exact. The remainder are mostly pairs where
    // REALSumm scored a different reference or summary than the one stored beside the score
    // (13 of 100 references differ from ref.txt), plus stemmer details (ours is the SQLite FTS5
    // Porter variant, ROUGE-1.5.5 ships its own port).
    const r1 = agreement("rouge_1_f_score", (p) => rougeN(p.summary, p.reference, 1, withStem).f1);
    const r2 = agreement("rouge_2_f_score", (p) => rougeN(p.summary, p.reference, 2, withStem).f1);
    const rl = agreement("rouge_l_f_score", (p) => rougeLsum(p.summary, p.reference, withStem).f1);
    expect(r1.exact).toBeGreaterThan(0.7);
    expect(r2.exact).toBeGreaterThan(0.85);
    expect(rl.exact).toBeGreaterThan(0.6);
    expect(r1.median).toBeLessThan(6e-5);
    expect(r2.median).toBeLessThan(6e-5);
    expect(rl.median).toBeLessThan(6e-5);
  });

  it("fails for wrong variants (the check can fail)", () => {
    const recallForF1 = agreement("rouge_1_f_score", (p) => rougeN(p.summary, p.reference, 1, withStem).recall);
    const plainLcs = agreement("rouge_l_f_score", (p) => rougeL(p.summary, p.reference, withStem).f1);
    const unstemmed = agreement("rouge_1_f_score", (p) => rougeN(p.summary, p.reference, 1).f1);
    expect(recallForF1.exact).toBeLessThan(0.2);
    expect(plainLcs.exact).toBeLessThan(0.2);
    // Without stemming (the variant the harness reports, as the eval README specifies) scores are
    // slightly lower: fewer pairs agree exactly, and ours is never above the stemmed figure.
    expect(unstemmed.exact).toBeLessThan(0.5);
    for (const p of all.slice(0, 200))
      expect(rougeN(p.summary, p.reference, 1).recall).toBeLessThanOrEqual(
        rougeN(p.summary, p.reference, 1, withStem).recall + 1e-12,
      );
  });
});
