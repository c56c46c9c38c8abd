// The comparison point for story clustering: naive single-pass TF-IDF centroid clustering (title
// and text as one bag of words, stop words removed, stemmed; no time window, no merge pass),
// the textbook streaming method that engine.md quotes as the floor.
import type { ClusterDocument } from "../../src/briefing/stories/cluster-stories.js";
import { contentTerms } from "../../src/briefing/stories/text/content-terms.js";
import {
  countTerms,
  DocumentFrequencies,
  normalize,
  type TermVector,
  tfidfVector,
} from "../../src/briefing/stories/text/term-vector.js";

/** Vectors once per set, so a threshold sweep does not recompute them. */
export function baselineVectors(docs: readonly ClusterDocument[]): TermVector[] {
  const terms = docs.map((d) => contentTerms(`${d.title}\n${d.text ?? ""}`));
  const frequencies = new DocumentFrequencies();
  for (const t of terms) frequencies.add(t);
  return terms.map((t) => normalize(tfidfVector(countTerms(t), frequencies)));
}

/** Each document joins the most similar centroid at or above `threshold`, or starts a cluster. */
export function singlePassBaseline(vectors: readonly TermVector[], threshold: number): number[] {
  const centroids: Array<{ weights: Map<string, number>; norm2: number }> = [];
  // Which centroids contain a term: only those can score above zero.
  const postings = new Map<string, number[]>();
  const assignment: number[] = [];
  for (const v of vectors) {
    const scores = new Map<number, number>();
    v.terms.forEach((term, i) => {
      for (const k of postings.get(term) ?? []) {
        const c = centroids[k] as { weights: Map<string, number> };
        scores.set(k, (scores.get(k) ?? 0) + (v.weights[i] ?? 0) * (c.weights.get(term) ?? 0));
      }
    });
    let best = -1;
    let bestScore = threshold;
    for (const [k, dot] of [...scores].sort((a, b) => a[0] - b[0])) {
      const score = dot / Math.sqrt((centroids[k] as { norm2: number }).norm2);
      if (score >= bestScore && (best < 0 || score > bestScore)) {
        best = k;
        bestScore = score;
      }
    }
    if (best < 0) {
      best = centroids.length;
      centroids.push({ weights: new Map(), norm2: 0 });
    }
    const c = centroids[best] as { weights: Map<string, number>; norm2: number };
    v.terms.forEach((term, i) => {
      const old = c.weights.get(term) ?? 0;
      if (old === 0) {
        const posting = postings.get(term);
        if (posting) posting.push(best);
        else postings.set(term, [best]);
      }
      const w = v.weights[i] ?? 0;
      c.weights.set(term, old + w);
      c.norm2 += 2 * old * w + w * w;
    });
    assignment.push(best);
  }
  return assignment;
}
