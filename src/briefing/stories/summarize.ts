// Extractive summary of one story (one or several articles): verbatim sentences chosen by a lead
// prior, position-aware centrality, agreement across sources and reporting-versus-commentary
// features, with redundancy removed by MMR. Pure and deterministic; vectors are computed once.

import { type SentenceFeatures, sentenceFeatures } from "./sentence-features.js";
import { type SentenceSpan, splitSentences } from "./split-sentences.js";
import { supportOrigins, supports } from "./support-between-reports.js";
import { contentTerms } from "./text/content-terms.js";
import {
  countTerms,
  DocumentFrequencies,
  dot,
  dotWithMap,
  EMPTY_VECTOR,
  normalize,
  type TermVector,
  tfidfVector,
} from "./text/term-vector.js";
import { trimQuote } from "./trim-quote.js";

export interface SummaryDocument {
  id: string;
  title?: string;
  text: string;
  source?: string;
  /** Epoch ms; unused for scoring today, kept so callers pass what they have. */
  publishedAt?: number;
}

export interface SummarySentence {
  /** Verbatim from the document's text. */
  text: string;
  documentId: string;
  /** Index of the sentence in its document (as `splitSentences` numbers them). */
  index: number;
  /** The score it was selected with (after the redundancy penalty); higher is better. */
  score: number;
  /** Ids of documents from other independent origins (one per origin) whose text supports it. */
  supportedBy: string[];
  /** Other independent origins exist in the story and none supports it: one outlet's claim. */
  alone: boolean;
}

/** How much each signal counts; the defaults were tuned on the development sets (docs/eval.md). */
export interface SummaryWeights {
  /** Weight of the lead prior 1 / (1 + position / leadScale). */
  lead: number;
  leadScale: number;
  /** Weight of PacSum-style directed centrality within the sentence's own article. */
  centrality: number;
  /** PacSum's λ1: how much resembling EARLIER sentences counts (negative: repeating the lead is not central). */
  backward: number;
  /** PacSum's β: similarities below min + β (max − min) are dropped from the graph. */
  threshold: number;
  /** Weight of similarity to the story's centroid (only with several documents). */
  centroid: number;
  /** Weight of similarity to the article's title. */
  title: number;
  /** Weight of similarity to the caller's topic terms. */
  topic: number;
  reporting: number;
  commentary: number;
  /** MMR: penalty per unit of similarity to an already chosen sentence. */
  redundancy: number;
  /** Cosine above which a sentence repeats a chosen one and is skipped outright. */
  duplicate: number;
  /** Weight of corroboration: the share of two other independent reports that support the sentence. */
  corroboration: number;
  /** Each loaded word outside quotes divides the score by (1 + loaded × this): plain wording wins. */
  loaded: number;
  /** Each milder attitude word outside quotes adds this to that divisor. */
  attitude: number;
  /** Bonus for a sentence saying what happens next, with its date. */
  next: number;
  /** MMR bonus per share of a sentence's names and numbers that the chosen sentences lack: new facts. */
  novelty: number;
  /** Weight of the basic facts a sentence states (who did what, when, on whose word, what next). */
  basics: number;
}

export const DEFAULT_SUMMARY_WEIGHTS: SummaryWeights = {
  lead: 1,
  leadScale: 2,
  centrality: 0.4,
  backward: -0.5,
  threshold: 0,
  centroid: 0.6,
  title: 0.3,
  topic: 0.8,
  reporting: 0.2,
  commentary: 0.8,
  redundancy: 0.6,
  duplicate: 0.55,
  corroboration: 1,
  loaded: 1,
  attitude: 0.5,
  next: 0.3,
  novelty: 0.6,
  basics: 0.3,
};

export interface SummarizeOptions {
  sentences: number;
  /** Words the reader asked about (e.g. the brief's topic): sentences about them rank higher. */
  topicTerms?: string[];
  weights?: Partial<SummaryWeights>;
}

/** A quotable sentence with what scoring needs, computed once per article (cacheable at ingest). */
export interface PreparedSentence {
  readonly span: SentenceSpan;
  readonly features: SentenceFeatures;
  /** Position among the document's quotable sentences (boilerplate does not push the lead down). */
  readonly position: number;
  readonly terms: ReadonlyMap<string, number>;
  /** Names and numbers in the sentence, lowercase: what another report must share to support it. */
  readonly anchors: readonly string[];
}

/** A document split, featured and tokenized; immutable, so one article can serve many briefs. */
export interface PreparedSummaryDocument {
  readonly document: SummaryDocument;
  readonly sentences: readonly PreparedSentence[];
  readonly titleTerms: readonly string[];
  /** Every content term of the document (title included): what its text can support. */
  readonly vocabulary: ReadonlySet<string>;
  /** Every word of the document, lowercase: where names and numbers are looked up. */
  readonly words: ReadonlySet<string>;
  /** Four-word shingles of the opening, for telling a syndicated copy from an independent report. */
  readonly shingles: ReadonlySet<string>;
}

/** Per call: a prepared sentence with its story-dependent vector and score. */
interface Candidate {
  documentId: string;
  documentOrder: number;
  sentence: PreparedSentence;
  vector: TermVector;
  score: number;
  supportedBy: string[];
  alone: boolean;
}

function lineContext(text: string, span: SentenceSpan, spans: readonly SentenceSpan[]) {
  const lineStart = text.lastIndexOf("\n", span.start - 1) + 1;
  const previous = spans[span.index - 1];
  const next = spans[span.index + 1];
  const firstOnLine = previous === undefined || previous.paragraph !== span.paragraph;
  const lastOnLine = next === undefined || next.paragraph !== span.paragraph;
  return {
    aloneOnLine: firstOnLine && lastOnLine,
    bullet: firstOnLine && /\S/.test(text.slice(lineStart, span.start)),
  };
}

/** Splits, features and tokenizes one document: the costly part of summarizing, done once. */
export function prepareSummaryDocument(document: SummaryDocument): PreparedSummaryDocument {
  const spans = splitSentences(document.text);
  const sentences: PreparedSentence[] = [];
  const titleTerms = document.title ? contentTerms(document.title) : [];
  const vocabulary = new Set<string>(titleTerms);
  for (const raw of spans) {
    const span = trimQuote(raw);
    const terms = contentTerms(span.text);
    for (const t of terms) vocabulary.add(t);
    const features = sentenceFeatures(span, lineContext(document.text, span, spans));
    if (features.boilerplate !== null) continue;
    sentences.push({
      span,
      features,
      position: sentences.length,
      terms: sortedCounts(terms),
      anchors: anchorsOf(span.text),
    });
  }
  const allWords = documentWords(document);
  return {
    document,
    sentences,
    titleTerms,
    vocabulary,
    words: new Set(allWords),
    shingles: shinglesOf(allWords),
  };
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Every word of the document, title first, lowercase, in reading order. */
export function documentWords(document: Pick<SummaryDocument, "title" | "text">): string[] {
  return `${document.title ?? ""}\n${document.text}`.toLowerCase().match(WORD) ?? [];
}

/** A capitalized word after the first of the sentence: a cheap stand-in for a name. */
const INNER_NAME = /(?<=[\p{L}\p{N},;:]\s+)\p{Lu}[\p{L}]+/gu;
const NUMBER = /\p{N}+/gu;
/** Shingles are taken from this many opening words: enough to see a copy, cheap to compare. */
export const SHINGLE_WORDS = 300;

function anchorsOf(text: string): string[] {
  const anchors = new Set<string>();
  for (const name of text.match(INNER_NAME) ?? []) anchors.add(name.toLowerCase());
  for (const n of text.match(NUMBER) ?? []) anchors.add(n);
  return [...anchors];
}

/** Four-word shingles of the first SHINGLE_WORDS words. */
export function shinglesOf(words: readonly string[]): Set<string> {
  return shinglesOfLine(words.slice(0, SHINGLE_WORDS).join(" "));
}

/**
 * Four-word shingles of a line of words joined by single spaces, each "a b c d": slices of the
 * line, which hash without first copying four words into a new string (a third of the time).
 */
export function shinglesOfLine(line: string): Set<string> {
  const out = new Set<string>();
  if (line === "") return out;
  const starts: number[] = [0];
  for (let at = line.indexOf(" "); at >= 0; at = line.indexOf(" ", at + 1)) starts.push(at + 1);
  starts.push(line.length + 1);
  for (let i = 0; i + 4 < starts.length; i++) out.add(line.slice(starts[i], (starts[i + 4] as number) - 1));
  return out;
}

function isPrepared(d: SummaryDocument | PreparedSummaryDocument): d is PreparedSummaryDocument {
  return "sentences" in d && "document" in d;
}

/** PacSum's directed centrality within one article, scaled to [0, 1]. */
function directedCentrality(sentences: readonly Candidate[], w: SummaryWeights): number[] {
  const n = sentences.length;
  const sims = new Float64Array(n * n);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = dot((sentences[i] as Candidate).vector, (sentences[j] as Candidate).vector);
      sims[i * n + j] = s;
      sims[j * n + i] = s;
      if (s < min) min = s;
      if (s > max) max = s;
    }
  }
  const cut = n > 1 ? min + w.threshold * (max - min) : 0;
  const raw = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const e = Math.max(0, (sims[i * n + j] ?? 0) - cut);
      sum += j < i ? w.backward * e : e;
    }
    raw[i] = sum;
  }
  const lo = Math.min(...raw, 0);
  const hi = Math.max(...raw, 0);
  return raw.map((x) => (hi > lo ? (x - lo) / (hi - lo) : 0));
}

/** How often each term occurs, the terms in ascending code-unit order (a TermVector's order). */
function sortedCounts(terms: readonly string[]): Map<string, number> {
  return new Map([...countTerms(terms)].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

/**
 * normalize(tfidfVector(terms, frequencies)), the same numbers, without sorting the terms again when
 * they come sorted (sortedCounts; stored sentences keep that order) and looking each term's IDF up
 * once per story (`idf` caches it across the story's sentences).
 */
function sentenceVector(
  terms: ReadonlyMap<string, number>,
  frequencies: DocumentFrequencies,
  idf: Map<string, number>,
): TermVector {
  const list: string[] = [];
  const weights = new Float64Array(terms.size);
  let sum = 0;
  let previous: string | undefined;
  for (const [term, tf] of terms) {
    if ((previous !== undefined && !(previous < term)) || !(tf >= 1)) return normalize(tfidfVector(terms, frequencies));
    previous = term;
    let inverse = idf.get(term);
    if (inverse === undefined) {
      inverse = frequencies.idf(term);
      idf.set(term, inverse);
    }
    // tf >= 1 and idf >= 1: no weight is zero, so none is dropped as termVector would drop it.
    const weight = (1 + Math.log(tf)) * inverse;
    weights[list.length] = weight;
    list.push(term);
    sum += weight * weight;
  }
  const norm = Math.sqrt(sum);
  return normalize({ terms: list, weights, norm });
}

function queryVector(terms: readonly string[], frequencies: DocumentFrequencies): TermVector {
  return normalize(tfidfVector(countTerms(terms), frequencies));
}

/**
 * Chooses up to `options.sentences` sentences from the documents, best first. Boilerplate is
 * never chosen; two sentences stating one fact yield one.
 */
export function summarize(
  documents: readonly (SummaryDocument | PreparedSummaryDocument)[],
  options: SummarizeOptions,
): SummarySentence[] {
  const w: SummaryWeights = { ...DEFAULT_SUMMARY_WEIGHTS, ...options.weights };
  const wanted = Math.max(0, Math.floor(options.sentences));
  if (wanted === 0) return [];
  const prepared = documents.map((d) => (isPrepared(d) ? d : prepareSummaryDocument(d)));
  const perDocument: Candidate[][] = prepared.map((p, documentOrder) =>
    p.sentences.map((sentence) => ({
      documentId: p.document.id,
      documentOrder,
      sentence,
      vector: EMPTY_VECTOR,
      score: 0,
      supportedBy: [],
      alone: false,
    })),
  );
  const all = perDocument.flat();
  if (all.length === 0) return [];

  // Sentence-level IDF over the story: words every sentence shares say little about any one.
  const frequencies = new DocumentFrequencies();
  for (const c of all) frequencies.addDistinct(c.sentence.terms.keys());
  const idf = new Map<string, number>();
  for (const c of all) c.vector = sentenceVector(c.sentence.terms, frequencies, idf);

  const multi = perDocument.filter((d) => d.length > 0).length > 1;
  const centroid = multi ? storyCentroid(perDocument) : null;
  if (multi) markSupport(prepared, perDocument);
  const topic = options.topicTerms?.length ? queryVector(options.topicTerms.flatMap(contentTerms), frequencies) : null;

  for (const sentences of perDocument) {
    if (sentences.length === 0) continue;
    const titleTerms = (prepared[(sentences[0] as Candidate).documentOrder] as PreparedSummaryDocument).titleTerms;
    const title = titleTerms.length > 0 ? queryVector(titleTerms, frequencies) : null;
    const centrality = directedCentrality(sentences, w);
    sentences.forEach((c, k) => {
      const f = c.sentence.features;
      let score = w.lead / (1 + c.sentence.position / w.leadScale);
      score += w.centrality * (centrality[k] ?? 0);
      if (centroid) score += w.centroid * dotWithMap(c.vector, centroid);
      if (title) score += w.title * dot(c.vector, title);
      if (topic) score += w.topic * dot(c.vector, topic);
      score += w.reporting * f.reporting - w.commentary * f.commentary;
      // Corroboration, plain wording and what-next only count when several reports offer a choice:
      // on one report they cost the lead its place (REALSumm ROUGE, docs/decisions/013).
      if (!multi) {
        c.score = score * f.lengthFit;
        return;
      }
      score += w.corroboration * Math.min(1, c.supportedBy.length / 2);
      if (f.next) score += w.next;
      score += w.basics * f.basics;
      c.score = (score * f.lengthFit) / (1 + w.loaded * f.loaded + w.attitude * f.attitude);
    });
  }
  return selectWithMmr(all, wanted, multi ? w : { ...w, novelty: 0 });
}

/** Which other independent origins support each candidate (syndicated copies and one outlet are one origin). */
function markSupport(prepared: readonly PreparedSummaryDocument[], perDocument: readonly Candidate[][]): void {
  const origin = supportOrigins(prepared);
  const origins = new Set(origin).size;
  perDocument.forEach((sentences, d) => {
    for (const c of sentences) {
      const seen = new Set<number>([origin[d] as number]);
      for (let e = 0; e < prepared.length; e++) {
        const o = origin[e] as number;
        if (seen.has(o)) continue;
        if (supports(c.sentence, prepared[e] as PreparedSummaryDocument)) {
          seen.add(o);
          c.supportedBy.push((prepared[e] as PreparedSummaryDocument).document.id);
        }
      }
      c.alone = origins > 1 && c.supportedBy.length === 0;
    }
  });
}

/**
 * The story's centroid, unit length: each document's mean sentence vector, documents weighted
 * equally. A map, because a long sparse merge against every sentence would cost O(vocabulary) each.
 */
function storyCentroid(perDocument: readonly Candidate[][]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const sentences of perDocument) {
    if (sentences.length === 0) continue;
    const share = 1 / sentences.length;
    for (const c of sentences) {
      for (let i = 0; i < c.vector.terms.length; i++) {
        const term = c.vector.terms[i] as string;
        sums.set(term, (sums.get(term) ?? 0) + share * (c.vector.weights[i] ?? 0));
      }
    }
  }
  let norm = 0;
  for (const v of sums.values()) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [term, v] of sums) sums.set(term, v / norm);
  return sums;
}

/** Share of the candidate's names and numbers not yet in a chosen sentence (0 before the first pick). */
function newAnchors(c: Candidate, covered: ReadonlySet<string>): number {
  const anchors = c.sentence.anchors;
  if (covered.size === 0 || anchors.length === 0) return 0;
  let fresh = 0;
  for (const a of anchors) if (!covered.has(a)) fresh++;
  return fresh / anchors.length;
}

/** Greedy maximal marginal relevance; ties break by document order, then position (deterministic). */
function selectWithMmr(all: readonly Candidate[], wanted: number, w: SummaryWeights): SummarySentence[] {
  const chosen: Candidate[] = [];
  const maxSim = new Float64Array(all.length);
  const taken = new Uint8Array(all.length);
  const result: SummarySentence[] = [];
  const covered = new Set<string>();
  while (result.length < wanted) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < all.length; i++) {
      if (taken[i]) continue;
      const sim = maxSim[i] ?? 0;
      if (sim >= w.duplicate) continue;
      const value =
        (all[i] as Candidate).score - w.redundancy * sim + w.novelty * newAnchors(all[i] as Candidate, covered);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    if (best < 0) break;
    const pick = all[best] as Candidate;
    taken[best] = 1;
    for (const anchor of pick.sentence.anchors) covered.add(anchor);
    chosen.push(pick);
    result.push({
      text: pick.sentence.span.text,
      documentId: pick.documentId,
      index: pick.sentence.span.index,
      score: bestValue,
      supportedBy: pick.supportedBy,
      alone: pick.alone,
    });
    for (let i = 0; i < all.length; i++) {
      if (taken[i]) continue;
      const s = dot((all[i] as Candidate).vector, pick.vector);
      if (s > (maxSim[i] ?? 0)) maxSim[i] = s;
    }
  }
  return result;
}
