// ROUGE-1/2/L for the evaluation harness, our own implementation: lowercase `[a-z0-9]+` tokens,
// no stemming by default, F1 reported. ROUGE-L comes both as plain LCS over the whole text and as
// summary-level union LCS over sentences ("ROUGE-Lsum"), the variant CNN/DailyMail papers report.

export interface RougeScore {
  precision: number;
  recall: number;
  f1: number;
}

export interface RougeOptions {
  /** Applied to tokens longer than 3 characters, as ROUGE-1.5.5 `-m` does. Default: none. */
  stem?: (token: string) => string;
}

/** A text as sentences of tokens; a plain string is one sentence. */
export type RougeText = string | readonly string[];

export function rougeTokens(text: string, options: RougeOptions = {}): string[] {
  const tokens = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const stem = options.stem;
  return stem ? tokens.map((t) => (t.length > 3 ? stem(t) : t)) : tokens;
}

function sentencesOf(text: RougeText, options: RougeOptions): string[][] {
  const list = typeof text === "string" ? [text] : text;
  return list.map((s) => rougeTokens(s, options)).filter((s) => s.length > 0);
}

function score(overlap: number, candidateTotal: number, referenceTotal: number): RougeScore {
  const precision = candidateTotal > 0 ? overlap / candidateTotal : 0;
  const recall = referenceTotal > 0 ? overlap / referenceTotal : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join(" ");
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** ROUGE-N: clipped n-gram overlap; sentence boundaries do not matter (n-grams may cross them). */
export function rougeN(candidate: RougeText, reference: RougeText, n: number, options: RougeOptions = {}): RougeScore {
  const cand = ngramCounts(sentencesOf(candidate, options).flat(), n);
  const ref = ngramCounts(sentencesOf(reference, options).flat(), n);
  let overlap = 0;
  let candTotal = 0;
  let refTotal = 0;
  for (const count of cand.values()) candTotal += count;
  for (const [gram, count] of ref) {
    refTotal += count;
    overlap += Math.min(count, cand.get(gram) ?? 0);
  }
  return score(overlap, candTotal, refTotal);
}

/** The LCS table of a and b, (a.length+1) x (b.length+1), row-major. */
function lcsTable(a: readonly string[], b: readonly string[]): Uint32Array {
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      table[i * width + j] =
        a[i - 1] === b[j - 1]
          ? (table[(i - 1) * width + j - 1] ?? 0) + 1
          : Math.max(table[(i - 1) * width + j] ?? 0, table[i * width + j - 1] ?? 0);
    }
  }
  return table;
}

/** ROUGE-L over the texts as single token sequences. */
export function rougeL(candidate: RougeText, reference: RougeText, options: RougeOptions = {}): RougeScore {
  const a = sentencesOf(candidate, options).flat();
  const b = sentencesOf(reference, options).flat();
  const table = lcsTable(a, b);
  return score(table[table.length - 1] ?? 0, a.length, b.length);
}

/** Positions in `ref` of one LCS between `ref` and `cand`. */
function lcsPositions(ref: readonly string[], cand: readonly string[]): number[] {
  const table = lcsTable(ref, cand);
  const width = cand.length + 1;
  const positions: number[] = [];
  let i = ref.length;
  let j = cand.length;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === cand[j - 1]) {
      positions.push(i - 1);
      i--;
      j--;
    } else if ((table[(i - 1) * width + j] ?? 0) >= (table[i * width + j - 1] ?? 0)) i--;
    else j--;
  }
  return positions;
}

/**
 * Summary-level ROUGE-L (Lin 2004, section 3.2; `rougeLsum` in Google's rouge-score): for each
 * reference sentence the union of its LCS with every candidate sentence, each token counted at
 * most as often as it occurs in the candidate and in the reference.
 */
export function rougeLsum(candidate: RougeText, reference: RougeText, options: RougeOptions = {}): RougeScore {
  const cand = sentencesOf(candidate, options);
  const ref = sentencesOf(reference, options);
  const candLeft = new Map<string, number>();
  const refLeft = new Map<string, number>();
  for (const s of cand) for (const t of s) candLeft.set(t, (candLeft.get(t) ?? 0) + 1);
  for (const s of ref) for (const t of s) refLeft.set(t, (refLeft.get(t) ?? 0) + 1);
  let hits = 0;
  for (const r of ref) {
    const union = new Set<number>();
    for (const c of cand) for (const p of lcsPositions(r, c)) union.add(p);
    for (const p of [...union].sort((x, y) => x - y)) {
      const token = r[p] as string;
      const inCand = candLeft.get(token) ?? 0;
      const inRef = refLeft.get(token) ?? 0;
      if (inCand > 0 && inRef > 0) {
        hits++;
        candLeft.set(token, inCand - 1);
        refLeft.set(token, inRef - 1);
      }
    }
  }
  const candTotal = cand.reduce((n, s) => n + s.length, 0);
  const refTotal = ref.reduce((n, s) => n + s.length, 0);
  return score(hits, candTotal, refTotal);
}

export interface RougeTriple {
  rouge1: RougeScore;
  rouge2: RougeScore;
  rougeL: RougeScore;
}

/** ROUGE-1, ROUGE-2 and summary-level ROUGE-L of a candidate against a reference, as sentences. */
export function rouge(candidate: RougeText, reference: RougeText, options: RougeOptions = {}): RougeTriple {
  return {
    rouge1: rougeN(candidate, reference, 1, options),
    rouge2: rougeN(candidate, reference, 2, options),
    rougeL: rougeLsum(candidate, reference, options),
  };
}
