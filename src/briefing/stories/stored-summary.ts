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
 * Reads NUMBERS space-separated numbers, line[from, to), into `out` (each as Number reads it, as
 * `line.slice(from, to).split(" ").map(Number)` would, without the arrays: a brief decodes every
 * quoted article's sentences); false when the count is wrong or one is not finite.
 */
function readNumbers(line: string, from: number, to: number, out: Float64Array): boolean {
  let at = from;
  for (let k = 0; k < NUMBERS; k++) {
    const found = line.indexOf(" ", at);
    const space = found < 0 || found >= to ? -1 : found;
    const last = k === NUMBERS - 1;
    // The last number ends the range; any earlier one ends at a space.
    if (last ? space >= 0 : space < 0) return false;
    const x = Number(line.slice(at, last ? to : space));
    if (!Number.isFinite(x)) return false;
    out[k] = x;
    at = space + 1;
  }
  return true;
}

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
  const n = new Float64Array(NUMBERS);
  for (let i = HEAD_LINES; i < lines.length; i++) {
    // Three tab-separated fields, found in place rather than split into an array.
    const line = lines[i] as string;
    const tab = line.indexOf("\t");
    const secondTab = tab < 0 ? -1 : line.indexOf("\t", tab + 1);
    if (secondTab < 0 || line.indexOf("\t", secondTab + 1) >= 0) return undefined;
    if (!readNumbers(line, 0, tab, n)) return undefined;
    const start = n[0] as number;
    const end = n[1] as number;
    const paragraph = n[2] as number;
    const index = n[3] as number;
    const words = n[4] as number;
    const reporting = n[5] as number;
    const commentary = n[6] as number;
    const lengthFit = n[7] as number;
    const loaded = n[8] as number;
    const attitude = n[9] as number;
    const next = n[10] as number;
    const basics = n[11] as number;
    if (
      !(
        INTEGER(start) &&
        INTEGER(end) &&
        INTEGER(paragraph) &&
        INTEGER(index) &&
        INTEGER(words) &&
        INTEGER(loaded) &&
        INTEGER(attitude)
      ) ||
      end > text.length ||
      start > end
    )
      return undefined;
    // countTerms(sequence), counted in the same pass that adds the terms to the vocabulary.
    const terms = new Map<string, number>();
    for (const t of list(line.slice(tab + 1, secondTab))) {
      vocabulary.add(t);
      terms.set(t, (terms.get(t) ?? 0) + 1);
    }
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
      terms,
      anchors: list(line.slice(secondTab + 1)),
    });
  }
  for (const t of list(vocabularyLine)) vocabulary.add(t);
  const words = documentWords(document);
  // The opening only serves chooseHeadline, which reads it separately (decodeStoredHeadline): a
  // brief never asks for it here, so it is read from its line when first asked for. (Words and
  // shingles stay plain fields: as getters they cost more in corroboration's loops than they saved.)
  let opening: Set<string> | undefined;
  return {
    prepared: {
      document,
      sentences,
      titleTerms,
      vocabulary,
      words: new Set(words),
      shingles: shinglesOf(words),
    },
    get opening(): ReadonlySet<string> {
      opening ??= new Set(list(openingLine));
      return opening;
    },
  };
}
