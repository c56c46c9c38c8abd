// An article's clustering features (prepareDocument of its title and opening text) as the compact
// string a store keeps beside the article: computed by the first brief that reads it, read back after.
import { type DocumentFeatures, prepareDocument } from "./cluster-stories.js";

/** Clustering reads the title and the opening of the text, not a 10,000-word article. */
export const CLUSTER_TEXT_CHARS = 3_000;

/**
 * Written first in every encoding. Change it whenever prepareDocument, the tokenizer, the stemmer
 * or the stop words change what they produce: stored features of another version are ignored and
 * computed again when read, so a change never mixes old and new terms in one brief.
 */
export const ARTICLE_FEATURES_VERSION = "cf1";

/** The features of an article with this title and (whole) text, as clustering would compute them. */
export function articleFeatures(title: string, text: string): DocumentFeatures {
  return prepareDocument({ title, text: text.slice(0, CLUSTER_TEXT_CHARS) });
}

/**
 * Seven lines: version, word count, then title, lead, body, names and numbers, each a line of
 * space-separated terms. Terms never hold whitespace (tokenize keeps letters, digits, apostrophes
 * and number separators), and splitting lines and spaces reads back several times faster than JSON.
 */
export function encodeArticleFeatures(features: DocumentFeatures): string {
  return [
    ARTICLE_FEATURES_VERSION,
    String(features.words),
    features.title.join(" "),
    features.lead.join(" "),
    features.body.join(" "),
    [...features.names].join(" "),
    [...features.numbers].join(" "),
  ].join("\n");
}

/** The stored features of an article, computed from its text. */
export function encodedArticleFeatures(title: string, text: string): string {
  return encodeArticleFeatures(articleFeatures(title, text));
}

const terms = (line: string): string[] => (line === "" ? [] : line.split(" "));

/**
 * The features an encoding holds; undefined when it is absent, of another version or malformed
 * (the caller then computes them from the text). A string from the store is checked here, at the
 * boundary: seven lines, the right version, a whole word count.
 */
export function decodeArticleFeatures(encoded: unknown): DocumentFeatures | undefined {
  if (typeof encoded !== "string" || !encoded.startsWith(`${ARTICLE_FEATURES_VERSION}\n`)) return undefined;
  const lines = encoded.split("\n");
  if (lines.length !== 7) return undefined;
  const [, words, title, lead, body, names, numbers] = lines as [
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
