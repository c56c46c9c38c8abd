// A text's content terms: tokens without stop words, Porter-stemmed. The one pipeline behind the
// core's bag-of-words measures, so clustering and sentence scoring agree on what a "word" is.
import { stem } from "./stem.js";
import { isStopWord } from "./stop-words.js";
import { tokenize } from "./tokenize.js";

/** Content terms in reading order: "Mexico's presidents spoke" → ["mexico", "presid", "spoke"]. */
export function contentTerms(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) if (!isStopWord(token)) terms.push(stem(token));
  return terms;
}
