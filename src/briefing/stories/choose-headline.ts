// Picks a story's headline from its articles' titles: the most informative one, cleaned of site
// suffixes; a shouting or clickbait title loses to a descriptive one.

import { CARD_LIMITS } from "../digest-card.js";
import { clipText } from "./clip-text.js";

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
  return score;
}

/** The best of the titles, cleaned and clipped to the card's limit. */
export function chooseHeadline(
  titles: readonly string[],
  sourceNames: readonly string[] = [],
): { headline: string; index: number } {
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  titles.forEach((title, index) => {
    const score = headlineScore(cleanTitle(title, sourceNames));
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  const chosen = best >= 0 ? cleanTitle(titles[best] ?? "", sourceNames) : "";
  return { headline: clipText(chosen || "(untitled)", CARD_LIMITS.headline), index: Math.max(best, 0) };
}
