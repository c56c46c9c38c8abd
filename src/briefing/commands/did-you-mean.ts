// "Did you mean /brief?": the nearest known word for a typo (/breif) or a common synonym
// (/feed subscribe means add), so a mistyped command answers with the one to type.
import { editDistance } from "./edit-distance.js";

/** Words people type for a known one: other bots' verbs and everyday synonyms. */
const SYNONYMS: Readonly<Record<string, string>> = {
  subscribe: "add",
  follow: "add",
  new: "add",
  unsubscribe: "remove",
  unfollow: "remove",
  delete: "remove",
  del: "remove",
  rm: "remove",
  ls: "list",
  show: "status",
  info: "status",
  check: "status",
  resume: "enable",
  unpause: "enable",
  news: "brief",
  briefing: "brief",
  feeds: "feed",
  digests: "digest",
  schedule: "digest",
};

/** The known word meant by `word`, if a synonym or at most two edits (one for words of three letters or fewer) away. */
export function didYouMean(word: string, known: readonly string[]): string | null {
  const lower = word.toLowerCase();
  const synonym = SYNONYMS[lower];
  if (synonym !== undefined && known.includes(synonym)) return synonym;
  let best: string | null = null;
  let bestDistance = lower.length <= 3 ? 1 : 2;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate);
    // Transposed letters ("breif") are two edits in Levenshtein: still the same word to a reader.
    if (distance <= bestDistance) {
      best = candidate;
      bestDistance = distance - 1;
    }
  }
  return best;
}
