// Sparse TF-IDF term vectors and cosine similarity, the shared measure of "these texts talk about
// the same things" for clustering and sentence scoring. Vectors keep their terms sorted, so the
// dot product is a linear merge and every result is independent of insertion order.

/** A sparse vector: distinct terms in ascending code-unit order, their weights, its Euclidean norm. */
export interface TermVector {
  readonly terms: readonly string[];
  readonly weights: Float64Array;
  readonly norm: number;
}

export const EMPTY_VECTOR: TermVector = { terms: [], weights: new Float64Array(0), norm: 0 };

/** How often each token occurs. */
export function countTerms(tokens: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

/** In how many documents of a corpus each term occurs; the basis of inverse document frequency. */
export class DocumentFrequencies {
  #documents = 0;
  readonly #counts = new Map<string, number>();

  /** Adds one document; repeated terms within it count once. */
  add(terms: Iterable<string>): void {
    this.#documents++;
    for (const term of new Set(terms)) this.#counts.set(term, (this.#counts.get(term) ?? 0) + 1);
  }

  /** `add` for terms already distinct (a map's keys): the same counts, without a Set per document. */
  addDistinct(terms: Iterable<string>): void {
    this.#documents++;
    for (const term of terms) this.#counts.set(term, (this.#counts.get(term) ?? 0) + 1);
  }

  get documents(): number {
    return this.#documents;
  }

  frequency(term: string): number {
    return this.#counts.get(term) ?? 0;
  }

  /**
   * Smoothed IDF, ln((1 + N) / (1 + df)) + 1 (the scikit-learn form): never zero or negative, so a
   * term in every document still counts a little, and a term never seen weighs the most.
   */
  idf(term: string): number {
    return Math.log((1 + this.#documents) / (1 + this.frequency(term))) + 1;
  }
}

/** Builds a vector from term weights, dropping zero weights. */
export function termVector(weights: Iterable<readonly [string, number]>): TermVector {
  const entries = [...weights].filter(([, w]) => w !== 0);
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const terms: string[] = [];
  const values = new Float64Array(entries.length);
  let sum = 0;
  let k = 0;
  for (const [term, weight] of entries) {
    if (k > 0 && terms[k - 1] === term) {
      // A repeated term adds up, as if counted once.
      const merged = (values[k - 1] ?? 0) + weight;
      sum += merged * merged - (values[k - 1] ?? 0) ** 2;
      values[k - 1] = merged;
      continue;
    }
    terms.push(term);
    values[k++] = weight;
    sum += weight * weight;
  }
  return { terms, weights: values.slice(0, k), norm: Math.sqrt(sum) };
}

export interface TfidfOptions {
  /** 1 + ln(tf) instead of tf, so a word repeated ten times does not dominate a long text. Default true. */
  sublinear?: boolean;
}

/** TF-IDF weights of a document's term counts against a corpus's document frequencies. */
export function tfidfVector(
  counts: ReadonlyMap<string, number>,
  frequencies: DocumentFrequencies,
  options: TfidfOptions = {},
): TermVector {
  const sublinear = options.sublinear ?? true;
  const weights: Array<[string, number]> = [];
  for (const [term, tf] of counts) {
    if (tf <= 0) continue;
    weights.push([term, (sublinear ? 1 + Math.log(tf) : tf) * frequencies.idf(term)]);
  }
  return termVector(weights);
}

/** The same direction with norm 1 (the empty vector stays empty). */
export function normalize(vector: TermVector): TermVector {
  if (vector.norm === 0 || vector.norm === 1) return vector;
  const weights = new Float64Array(vector.weights.length);
  for (let i = 0; i < weights.length; i++) weights[i] = (vector.weights[i] ?? 0) / vector.norm;
  return { terms: vector.terms, weights, norm: 1 };
}

/** Dot product by merging the sorted term lists. */
export function dot(a: TermVector, b: TermVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  const at = a.terms;
  const bt = b.terms;
  while (i < at.length && j < bt.length) {
    const x = at[i] as string;
    const y = bt[j] as string;
    if (x === y) {
      sum += (a.weights[i] ?? 0) * (b.weights[j] ?? 0);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return sum;
}

/** Dot product with a dense-by-term map, e.g. a running centroid. */
export function dotWithMap(vector: TermVector, weights: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (let i = 0; i < vector.terms.length; i++) {
    const w = weights.get(vector.terms[i] as string);
    if (w !== undefined) sum += w * (vector.weights[i] ?? 0);
  }
  return sum;
}

/** Cosine similarity in [0, 1] for non-negative weights; 0 when either vector is empty. */
export function cosine(a: TermVector, b: TermVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  return dot(a, b) / (a.norm * b.norm);
}
