// An article's clustering and summary features (decisions 014, 018) as the compact string a store
// keeps beside the article: computed by the first brief that reads it, read back by later ones.
import type { HeadlineReport } from "./choose-headline.js";
import { type DocumentFeatures, prepareDocument } from "./cluster-stories.js";
import { type ArticleSummary, articleSummary, decodeArticleSummary, encodeArticleSummary } from "./stored-summary.js";
import type { SummaryDocument } from "./summarize.js";

/** Clustering reads the title and the opening of the text, not a 10,000-word article. */
export const CLUSTER_TEXT_CHARS = 3_000;

/**
 * Written first in every encoding. Change it whenever prepareDocument, prepareSummaryDocument,
 * sentenceFeatures, splitSentences, trimQuote, the tokenizer, the stemmer or the stop words change
 * what they produce: stored features of another version are ignored and computed again when read,
 * so a change never mixes old and new terms in one brief. cf2 added the summary lines; cf3: trimQuote
 * cuts a byline run into a dateline.
 */
export const ARTICLE_FEATURES_VERSION = "cf3";

/** Lines of the clustering part: the version, the word count, title, lead, body, names, numbers. */
const CLUSTER_LINES = 7;

/** The features of an article with this title and (whole) text, as clustering would compute them. */
export function articleFeatures(title: string, text: string): DocumentFeatures {
  return prepareDocument({ title, text: text.slice(0, CLUSTER_TEXT_CHARS) });
}

/**
 * Seven lines: version, word count, then title, lead, body, names and numbers, each a line of
 * space-separated terms; then the summary's lines (stored-summary.ts). Terms never hold whitespace
 * (tokenize keeps letters, digits, apostrophes and number separators), and splitting lines and
 * spaces reads back several times faster than JSON.
 */
export function encodeArticleFeatures(features: DocumentFeatures, summary: ArticleSummary): string {
  return [
    ARTICLE_FEATURES_VERSION,
    String(features.words),
    features.title.join(" "),
    features.lead.join(" "),
    features.body.join(" "),
    [...features.names].join(" "),
    [...features.numbers].join(" "),
    ...encodeArticleSummary(summary),
  ].join("\n");
}

/** The summary features of an article (its `id`, outlet and date do not shape them). */
export function articleSummaryFeatures(title: string, text: string): ArticleSummary {
  return articleSummary({ id: "", title, text });
}

/** The stored features of an article, computed from its text. */
export function encodedArticleFeatures(title: string, text: string): string {
  return encodeArticleFeatures(articleFeatures(title, text), articleSummaryFeatures(title, text));
}

const terms = (line: string): string[] => (line === "" ? [] : line.split(" "));

/** The index just past the clustering lines, or -1 when the encoding has fewer lines. */
function clusterEnd(encoded: string): number {
  let at = -1;
  for (let i = 0; i < CLUSTER_LINES; i++) {
    at = encoded.indexOf("\n", at + 1);
    if (at < 0) return -1;
  }
  return at;
}

const isCurrent = (encoded: unknown): encoded is string =>
  typeof encoded === "string" && encoded.startsWith(`${ARTICLE_FEATURES_VERSION}\n`);

/**
 * The clustering features an encoding holds; undefined when it is absent, of another version or
 * malformed (the caller then computes them from the text). A string from the store is checked
 * here, at the boundary: the right version, seven clustering lines, a whole word count. The
 * summary lines are not read: only the articles a card summarizes need them (decodeStoredSummary).
 */
export function decodeArticleFeatures(encoded: unknown): DocumentFeatures | undefined {
  if (!isCurrent(encoded)) return undefined;
  const end = clusterEnd(encoded);
  if (end < 0) return undefined;
  const [, words, title, lead, body, names, numbers] = encoded.slice(0, end).split("\n") as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const count = Number(words);
  if (!Number.isSafeInteger(count) || count < 0) return undefined;
  return {
    title: terms(title),
    lead: terms(lead),
    body: terms(body),
    names: new Set(terms(names)),
    numbers: new Set(terms(numbers)),
    words: count,
  };
}

/**
 * The summary features an encoding holds for this document (the article's whole text, as stored
 * with the features); undefined when absent, of another version or malformed.
 */
export function decodeStoredSummary(encoded: unknown, document: SummaryDocument): ArticleSummary | undefined {
  if (!isCurrent(encoded)) return undefined;
  const end = clusterEnd(encoded);
  if (end < 0) return undefined;
  return decodeArticleSummary(encoded.slice(end + 1).split("\n"), document);
}

/** Only what chooseHeadline reads: the title's terms and the opening's; undefined as decodeStoredSummary. */
export function decodeStoredHeadline(encoded: unknown): HeadlineReport | undefined {
  if (!isCurrent(encoded)) return undefined;
  const end = clusterEnd(encoded);
  if (end < 0) return undefined;
  const second = encoded.indexOf("\n", encoded.indexOf("\n", end + 1) + 1);
  const [titleTerms, opening] = encoded.slice(end + 1, second < 0 ? undefined : second).split("\n");
  if (titleTerms === undefined || opening === undefined) return undefined;
  return { titleTerms: terms(titleTerms), opening: new Set(terms(opening)) };
}
