// The article-extraction benchmark's own metric (scrapinghub/article-extraction-benchmark,
// evaluate.py): counts of shared 4-token shingles of `\w+` tokens per page, normalized so long
// pages weigh no more than short ones; precision and recall are means over pages, F1 from them.

/** Python's `re` `\w` in Unicode mode: letters, digits (all numeric), underscore. */
const TOKEN = /[\p{L}\p{N}_]+/gu;
const SHINGLE = 4;

export type Counts = readonly [tp: number, fp: number, fn: number];

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function shingles(text: string): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  // As evaluate.py: at least one shingle (shorter than 4 tokens when the text is), none for no tokens.
  for (let i = 0; i < Math.max(1, tokens.length - SHINGLE + 1); i++) {
    const shingle = tokens.slice(i, i + SHINGLE);
    if (shingle.length === 0) continue;
    const key = shingle.join("\u0001");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Normalized (tp, fp, fn) of one page: they sum to 1 unless both texts are empty. */
export function shingleCounts(truth: string, predicted: string): Counts {
  const t = shingles(truth);
  const p = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...t.keys(), ...p.keys()])) {
    const a = t.get(key) ?? 0;
    const b = p.get(key) ?? 0;
    tp += Math.min(a, b);
    fp += Math.max(0, b - a);
    fn += Math.max(0, a - b);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? [tp / sum, fp / sum, fn / sum] : [0, 0, 0];
}

function precisionOf([tp, fp, fn]: Counts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recallOf([tp, fp, fn]: Counts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

export interface ExtractionScores {
  precision: number;
  recall: number;
  f1: number;
  /** Pages whose token sequence is exactly the truth's. */
  accuracy: number;
}

/** evaluate.py's metrics_from_tp_fp_fns plus its accuracy. */
export function extractionScores(pages: Array<{ truth: string; predicted: string }>): ExtractionScores {
  const counts = pages.map((p) => shingleCounts(p.truth, p.predicted));
  const precision = mean(counts.filter(([tp, fp]) => tp + fp > 0).map(precisionOf));
  const recall = mean(counts.filter(([tp, , fn]) => tp + fn > 0).map(recallOf));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const accuracy = mean(pages.map((p) => (tokenize(p.truth).join(" ") === tokenize(p.predicted).join(" ") ? 1 : 0)));
  return { precision, recall, f1, accuracy };
}

/** Shingle F1 of one page (for per-page similarity). */
export function pageF1(truth: string, predicted: string): number {
  const counts = shingleCounts(truth, predicted);
  const p = precisionOf(counts);
  const r = recallOf(counts);
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}
