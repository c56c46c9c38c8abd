// An article's summary features (its quotable sentences with their spans, features, terms and
// anchors, and what corroboration and the headline read) as lines of the stored features string.
import { HEADLINE_CONTEXT, headlineTerms } from "./choose-headline.js";
import type { SentenceFeatures } from "./sentence-features.js";
import {
  documentWords,
  type PreparedSentence,
  type PreparedSummaryDocument,
  prepareSummaryDocument,
  type SummaryDocument,
  shinglesOf,
} from "./summarize.js";
import { countTerms } from "./text/term-vector.js";

/** What a brief needs of one article to summarize it and weigh its title, computed once. */
export interface ArticleSummary {
  readonly prepared: PreparedSummaryDocument;
  /** Content terms of the title and opening: what chooseHeadline compares titles against. */
  readonly opening: ReadonlySet<string>;
}

/** The opening chooseHeadline reads: the title and the first HEADLINE_CONTEXT characters. */
export function headlineReport(title: string, text: string): string {
  return `${title}\n${text.slice(0, HEADLINE_CONTEXT)}`;
}

/** Computes an article's summary features from its document (the text summarize would read). */
export function articleSummary(document: SummaryDocument): ArticleSummary {
  return {
    prepared: prepareSummaryDocument(document),
    opening: headlineTerms(headlineReport(document.title ?? "", document.text)),
  };
}

/** Lines before the sentences: title terms, opening, vocabulary extras. */
const HEAD_LINES = 3;
/**
 * Per sentence: start end paragraph index, then the eight stored features (a quotable sentence has
 * no boilerplate reason, so that one is not stored), then a tab, terms, a tab, anchors.
 */
const NUMBERS = 12;

/**
 * Three lines, then one line per quotable sentence. The vocabulary is written as what the title's
 * and the sentences' terms do not already imply, and numbers as JavaScript prints them, which
 * reads back to the same double. Terms and anchors never hold whitespace, so spaces and tabs
 * separate them. The document's words and shingles are not stored: every candidate's features
 * are read with each brief while only the few summarized articles need them, and reading a
 * stored byte costs more than the regular expression that finds the words (decision 018).
 */
export function encodeArticleSummary(summary: ArticleSummary): string[] {
  const { prepared } = summary;
  const implied = new Set(prepared.titleTerms);
  const sentenceLines: string[] = [];
  for (const s of prepared.sentences) {
    const sequence = termSequence(s.terms);
    for (const t of s.terms.keys()) implied.add(t);
    const f = s.features;
    const numbers = [
      s.span.start,
      s.span.end,
      s.span.paragraph,
      s.span.index,
      f.words,
      f.reporting,
      f.commentary,
      f.lengthFit,
      f.loaded,
      f.attitude,
      f.next ? 1 : 0,
      f.basics,
    ];
    sentenceLines.push(`${numbers.join(" ")}\t${sequence.join(" ")}\t${s.anchors.join(" ")}`);
  }
  const vocabularyExtras = [...prepared.vocabulary].filter((t) => !implied.has(t));
  return [prepared.titleTerms.join(" "), [...summary.opening].join(" "), vocabularyExtras.join(" "), ...sentenceLines];
}

/**
 * The terms in the order countTerms met them, each repeated as often as counted: counting the
 * sequence again gives the same map, in the same order.
 */
function termSequence(terms: ReadonlyMap<string, number>): string[] {
  const out: string[] = [];
  for (const [term, count] of terms) for (let i = 0; i < count; i++) out.push(term);
  return out;
}

const list = (line: string): string[] => (line === "" ? [] : line.split(" "));
const INTEGER = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/**
 * The summary features the lines hold, for this document (whose text they were computed from);
 * undefined when a line is malformed or a span does not fit the text (the caller computes them).
 */
export function decodeArticleSummary(lines: readonly string[], document: SummaryDocument): ArticleSummary | undefined {
  if (lines.length < HEAD_LINES) return undefined;
  const [titleLine, openingLine, vocabularyLine] = lines as [string, string, string];
  const titleTerms = list(titleLine);
  const vocabulary = new Set(titleTerms);
  const text = document.text;
  const sentences: PreparedSentence[] = [];
  for (let i = HEAD_LINES; i < lines.length; i++) {
    const parts = (lines[i] as string).split("\t");
    if (parts.length !== 3) return undefined;
    const n = (parts[0] as string).split(" ").map(Number);
    if (n.length !== NUMBERS || n.some((x) => !Number.isFinite(x))) return undefined;
    const [start, end, paragraph, index, words, reporting, commentary, lengthFit, loaded, attitude, next, basics] =
      n as [number, number, number, number, number, number, number, number, number, number, number, number];
    if (![start, end, paragraph, index, words, loaded, attitude].every(INTEGER) || end > text.length || start > end)
      return undefined;
    const sequence = list(parts[1] as string);
    for (const t of sequence) vocabulary.add(t);
    const features: SentenceFeatures = {
      boilerplate: null,
      words,
      reporting,
      commentary,
      lengthFit,
      loaded,
      attitude,
      next: next === 1,
      basics,
    };
    sentences.push({
      span: { text: text.slice(start, end), start, end, paragraph, index },
      features,
      position: sentences.length,
      terms: countTerms(sequence),
      anchors: list(parts[2] as string),
    });
  }
  for (const t of list(vocabularyLine)) vocabulary.add(t);
  const words = documentWords(document);
  return {
    prepared: {
      document,
      sentences,
      titleTerms,
      vocabulary,
      words: new Set(words),
      shingles: shinglesOf(words),
    },
    opening: new Set(list(openingLine)),
  };
}
