// Picks a story's headline from its articles' titles: the most informative one, cleaned of site
// suffixes; a shouting, clickbait or loaded title loses to a plain one, and among plain ones the
// title whose words the other reports share (the most representative) wins.

import { CARD_LIMITS } from "../digest-card.js";
import { clipText } from "./clip-text.js";
import { contentTerms } from "./text/content-terms.js";
import { countLoadedWords } from "./text/loaded-words.js";

/** " - Reuters", " | BBC News", " — The Guardian": a trailing outlet name after a separator. */
const SITE_SUFFIX = /\s+[-|–—:·•]\s+[^-|–—:·•]{2,40}$/u;
const CLICKBAIT = [
  /\byou won'?t believe\b/i,
  /\b(this|here'?s) (is )?(why|what|how)\b/i,
  /\bwhat happens next\b/i,
  /\bshocking\b/i,
  /\bmust[- ](see|read)\b/i,
  /^\d+ (things|ways|reasons)\b/i,
];

/** Removes a trailing " - Outlet" when what remains is still a full title. */
export function cleanTitle(title: string, sourceNames: readonly string[] = []): string {
  let clean = title.replace(/\s+/g, " ").trim();
  for (const name of sourceNames) {
    const lower = clean.toLowerCase();
    const suffix = name.toLowerCase();
    for (const separator of [" - ", " | ", " – ", " — ", ": "]) {
      if (suffix && lower.endsWith(`${separator}${suffix}`))
        clean = clean.slice(0, clean.length - separator.length - suffix.length).trim();
    }
  }
  const match = SITE_SUFFIX.exec(clean);
  // Only strip an unnamed suffix when it is short and capitalized like an outlet name.
  if (match && clean.length - match[0].length >= 25 && /^\s+[-|–—·•]\s+\p{Lu}/u.test(match[0])) {
    clean = clean.slice(0, match.index).trim();
  }
  return clean;
}

function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? [];
}

/** Higher is better: descriptive length, few shouted words, no clickbait, no exclamation. */
export function headlineScore(title: string): number {
  const list = words(title);
  if (list.length === 0) return Number.NEGATIVE_INFINITY;
  const letters = title.replace(/[^\p{L}]/gu, "");
  const upper = letters.replace(/[^\p{Lu}]/gu, "").length;
  const shouting = letters.length > 0 ? upper / letters.length : 0;
  const shoutedWords = list.filter((w) => w.length > 3 && w === w.toUpperCase() && /\p{L}/u.test(w)).length;
  let score = Math.min(list.length, 14) - Math.max(0, list.length - 20) * 0.5;
  if (list.length < 4) score -= 4;
  score -= shoutedWords * 3 + (shouting > 0.5 ? 6 : 0);
  if (/!/.test(title)) score -= 4;
  if (/\?\s*$/.test(title)) score -= 2;
  for (const pattern of CLICKBAIT) if (pattern.test(title)) score -= 4;
  score -= 3 * countLoadedWords(title);
  return score;
}

/** Points for a title whose content terms all appear in every other report of the story. */
const REPRESENTATIVE_WEIGHT = 6;

/** Characters of each report's opening that a title's representativeness is judged on. */
export const HEADLINE_CONTEXT = 600;

/** A report as representativeness reads it: its title's terms and the terms of its title and opening. */
export interface HeadlineReport {
  readonly titleTerms: readonly string[];
  readonly opening: ReadonlySet<string>;
}

/** The content terms of a report's title and opening, as a set. */
export function headlineTerms(report: string): Set<string> {
  return new Set(contentTerms(report));
}

/**
 * Per title, the mean share of its content terms found in each other report (title and lead). A
 * report is its text, or its terms computed earlier (stored with the article).
 */
function representativeness(titles: readonly string[], reports: readonly (string | HeadlineReport)[]): number[] {
  const vocabularies = reports.map((r) => (typeof r === "string" ? headlineTerms(r) : r.opening));
  return titles.map((title, i) => {
    const report = reports[i];
    const terms = [...new Set(typeof report === "object" && report !== null ? report.titleTerms : contentTerms(title))];
    if (terms.length === 0 || reports.length < 2) return 0;
    // Quadratic in the story's reports: counted in place, no array per pair (the same sums, in
    // the same order).
    let sum = 0;
    let others = 0;
    for (let j = 0; j < vocabularies.length; j++) {
      if (j === i) continue;
      const vocabulary = vocabularies[j] as ReadonlySet<string>;
      others++;
      let found = 0;
      for (const t of terms) if (vocabulary.has(t)) found++;
      sum += found / terms.length;
    }
    return others > 0 ? sum / others : 0;
  });
}

/**
 * The best of the titles, cleaned and clipped to the card's limit. `reports[i]`, when given, is
 * article i's title and opening (the first HEADLINE_CONTEXT characters of its text), or their
 * terms with `titles[i]`'s: titles the other reports agree with rank higher.
 */
export function chooseHeadline(
  titles: readonly string[],
  sourceNames: readonly string[] = [],
  reports: readonly (string | HeadlineReport)[] = [],
): { headline: string; index: number } {
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  const agreement = reports.length === titles.length ? representativeness(titles, reports) : [];
  titles.forEach((title, index) => {
    const score = headlineScore(cleanTitle(title, sourceNames)) + REPRESENTATIVE_WEIGHT * (agreement[index] ?? 0);
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  const chosen = best >= 0 ? cleanTitle(titles[best] ?? "", sourceNames) : "";
  return { headline: clipText(chosen || "(untitled)", CARD_LIMITS.headline), index: Math.max(best, 0) };
}
