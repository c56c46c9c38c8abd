// The evaluation's test of support between reports: a quoted sentence is corroborated when most
// of its content words, and all of its names and numbers, appear in another report of the event.
import { stem } from "../../src/briefing/stories/text/stem.js";
import { isStopWord } from "../../src/briefing/stories/text/stop-words.js";
import { capitalizedRuns, tokenize } from "../../src/briefing/stories/text/tokenize.js";

/** What a report offers as support: the stems of every word of its title and text. */
export type ReportTerms = ReadonlySet<string>;

export function reportTerms(title: string, text: string): ReportTerms {
  return new Set(tokenize(`${title}\n${text}`).map(stem));
}

interface SentenceTerms {
  content: string[];
  names: string[];
  numbers: string[];
}

function sentenceTerms(sentence: string): SentenceTerms {
  const tokens = tokenize(sentence);
  const content = [...new Set(tokens.filter((t) => !isStopWord(t) && !/^\d/.test(t)).map(stem))];
  const numbers = [...new Set(tokens.filter((t) => /^\d/.test(t)))];
  const names = new Set<string>();
  // The first word is capitalized because it starts the sentence ("Officials said"): not as a name.
  const body = sentence.replace(/^[^\p{L}]*\p{L}/u, (start) => start.toLowerCase());
  for (const run of capitalizedRuns(body)) {
    for (const token of tokenize(run)) if (!isStopWord(token) && !/^\d/.test(token)) names.add(stem(token));
  }
  return { content, names: [...names], numbers };
}

/** True when `report` supports `sentence` (see the module comment); a sentence without content words is not. */
export function supports(report: ReportTerms, sentence: string): boolean {
  const { content, names, numbers } = sentenceTerms(sentence);
  if (content.length === 0) return false;
  const shared = content.filter((t) => report.has(t)).length;
  if (shared * 2 <= content.length) return false;
  return names.every((n) => report.has(n)) && numbers.every((n) => report.has(n));
}
