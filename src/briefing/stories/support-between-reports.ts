// Corroboration between the reports of one story: whether another report supports a sentence
// (most of its content words, and its names and numbers, appear there), and which reports are
// one origin (one outlet, or a syndicated near-copy of the same text).

/** What a sentence brings to the test: its content terms and its names and numbers. */
export interface SupportSentence {
  readonly terms: ReadonlyMap<string, number>;
  readonly anchors: readonly string[];
}

/** What a report brings: its outlet, all its content terms, words and opening shingles. */
export interface SupportDocument {
  readonly document: { readonly id: string; readonly source?: string | undefined };
  readonly vocabulary: ReadonlySet<string>;
  readonly words: ReadonlySet<string>;
  readonly shingles: ReadonlySet<string>;
}

/** Share of the sentence's content terms the other report must exceed. */
const TERM_SHARE = 0.5;
/** Share of its names and numbers the other report must contain: all of them. */
const ANCHOR_SHARE = 1;
/** A sentence must share at least this many content terms: two common words prove nothing. */
const MIN_SHARED_TERMS = 3;
/** Opening shingles shared (Jaccard) above which two reports are one text: a syndicated copy. */
const SYNDICATED = 0.5;

/** True when `other` states what `sentence` says, as far as words, names and numbers can tell. */
export function supports(sentence: SupportSentence, other: SupportDocument): boolean {
  let shared = 0;
  for (const term of sentence.terms.keys()) if (other.vocabulary.has(term)) shared++;
  const terms = sentence.terms.size;
  if (shared < Math.min(MIN_SHARED_TERMS, terms) || shared <= TERM_SHARE * terms) return false;
  if (sentence.anchors.length === 0) return true;
  let anchored = 0;
  for (const anchor of sentence.anchors) if (other.words.has(anchor)) anchored++;
  return anchored >= ANCHOR_SHARE * sentence.anchors.length;
}

/**
 * Whether the shingles' Jaccard share reaches SYNDICATED (one text): both / (|a| + |b| - both) >= s
 * is both * (1 + s) >= s * (|a| + |b|), exact in doubles for s = 1/2 and counts this small, so the
 * count stops as soon as the answer is known (most pairs share a few shingles at most: once too few
 * remain to reach the share, the answer is no).
 */
function syndicated(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const needed = SYNDICATED * (a.size + b.size);
  let both = 0;
  let left = small.size;
  for (const x of small) {
    if (large.has(x)) both++;
    left--;
    if (both * (1 + SYNDICATED) >= needed) return true;
    if ((both + left) * (1 + SYNDICATED) < needed) return false;
  }
  return both * (1 + SYNDICATED) >= needed;
}

/**
 * An origin number per document: documents of one outlet, and near-copies across outlets (a wire
 * story run by several sites), share one. Union-find over the pairs; quadratic in the story's
 * documents, which a card caps at a handful.
 */
export function supportOrigins(documents: readonly SupportDocument[]): number[] {
  const parent = documents.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    return r;
  };
  for (let i = 0; i < documents.length; i++) {
    for (let j = i + 1; j < documents.length; j++) {
      const a = documents[i] as SupportDocument;
      const b = documents[j] as SupportDocument;
      const sameOutlet = a.document.source !== undefined && a.document.source === b.document.source;
      if (sameOutlet || syndicated(a.shingles, b.shingles)) parent[find(j)] = find(i);
    }
  }
  return documents.map((_, i) => find(i));
}
