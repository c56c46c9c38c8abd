// Whether two reports of a dense window (one or two broad topics) tell the same happening: a logistic
// score over cosine, shared specific items and how much of each title the other report's opening says.

/** What the score reads of one document: its stored terms (DocumentFeatures). */
export interface HappeningTerms {
  readonly title: readonly string[];
  readonly lead: readonly string[];
  readonly body: readonly string[];
}

/** The opening a title is looked for in: the title and roughly the first two sentences. */
const OPENING_TERMS = 45;
/** The part of a report its counterpart's title and lead are looked for in. */
const READING_TERMS = 400;
/** Lead terms (after the title) that stand for what a report says happened. */
const LEAD_TERMS = 30;

/**
 * Logistic weights over [cosine, ln(1 + shared specific items), title coverage (the smaller of the
 * two directions), title coverage (the larger), title-and-lead coverage (the smaller)], then the
 * intercept: a logistic regression of the hand labels of the AllSides dev pairs (every pair of a
 * day's six reports, the 99 days whose labels name their reports' event; decision 004), checked
 * leave-one-day-out. Coverage counts each term by its inverse document frequency in the window.
 */
export const HAPPENING_WEIGHTS: readonly number[] = [1.92, 1.91, 0.97, 2.42, 1.3, -7.14];

/**
 * Logit from which a pair of texts counts as one happening (0 = even odds): below even odds, because
 * a join also needs the story's centroid cosine and half of its reports, and because two reports of
 * one happening split across two stories cost the reader less than two happenings in one card but
 * still cost; chosen on the dev days so pair recall stays at 0.90 or more in either input order (decision 004).
 */
export const HAPPENING_THRESHOLD = -1.75;

interface Reading {
  title: string[];
  titleAndLead: string[];
  opening: Set<string>;
  reading: Set<string>;
}

/**
 * The window's reports, read once: each one's title, opening and reading terms, and the window's
 * document frequency of reading terms, so words every report of the topic uses weigh little.
 * Linear in the window; a pair's score then costs a few set lookups per title and lead term.
 */
export class HappeningEvidence {
  readonly #readings: Reading[];
  readonly #df = new Map<string, number>();
  readonly #n: number;

  constructor(documents: readonly HappeningTerms[]) {
    this.#n = documents.length;
    this.#readings = documents.map((d) => {
      const all = [...d.title, ...d.lead, ...d.body];
      const reading = new Set(all.slice(0, READING_TERMS));
      for (const term of reading) this.#df.set(term, (this.#df.get(term) ?? 0) + 1);
      return {
        title: [...new Set(d.title)],
        titleAndLead: [...new Set([...d.title, ...d.lead.slice(0, LEAD_TERMS)])],
        opening: new Set(all.slice(0, OPENING_TERMS)),
        reading,
      };
    });
  }

  #idf(term: string): number {
    return Math.log((1 + this.#n) / (1 + (this.#df.get(term) ?? 0))) + 1;
  }

  /** The idf-weighted share of `terms` found in `target`: 0 for no terms. */
  #coverage(terms: readonly string[], target: ReadonlySet<string>): number {
    let found = 0;
    let total = 0;
    for (const term of terms) {
      const w = this.#idf(term);
      total += w;
      if (target.has(term)) found += w;
    }
    return total > 0 ? found / total : 0;
  }

  /** The features of a pair, in HAPPENING_WEIGHTS order (without the intercept). */
  features(a: number, b: number, cosine: number, sharedSpecific: number): number[] {
    const x = this.#readings[a] as Reading;
    const y = this.#readings[b] as Reading;
    const titleAB = this.#coverage(x.title, y.opening);
    const titleBA = this.#coverage(y.title, x.opening);
    const leadAB = this.#coverage(x.titleAndLead, y.reading);
    const leadBA = this.#coverage(y.titleAndLead, x.reading);
    return [
      cosine,
      Math.log1p(sharedSpecific),
      Math.min(titleAB, titleBA),
      Math.max(titleAB, titleBA),
      Math.min(leadAB, leadBA),
    ];
  }

  /** The pair's logit under `weights` (the last is the intercept). */
  score(
    a: number,
    b: number,
    cosine: number,
    sharedSpecific: number,
    weights: readonly number[] = HAPPENING_WEIGHTS,
  ): number {
    const f = this.features(a, b, cosine, sharedSpecific);
    let s = weights[f.length] ?? 0;
    for (let k = 0; k < f.length; k++) s += (weights[k] ?? 0) * (f[k] as number);
    return s;
  }
}
