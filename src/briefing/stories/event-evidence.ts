// What one article offers as evidence of a specific happening beyond its terms: the phrases it
// repeats and the links it carries. Pure functions of one document or its stored terms (as ids).
/** Terms read for phrases: the title, the lead and the start of the body, where the happening is told. */
const PHRASE_TERMS = 300;

/** A URL as written in plain text: no spaces, quotes or brackets; one linear pass, no backtracking. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"'()[\]{}]+/g;

/**
 * Adjacent pairs of content terms ("confirm hear") of the title and the first PHRASE_TERMS terms,
 * in reading order: reports of one happening repeat its phrases, not only its topic's words.
 * `ids` are the document's terms (title, lead, body) as ids below `size`, so a phrase is the number
 * first * size + second: the pair, as the string "first second" was (terms hold no spaces), without
 * building and hashing a string per phrase (issue 16: a dense window's phrases were a fifth of a
 * brief). Distinct, in order of first appearance; derived from the stored terms, so only the
 * windows that read them pay for them.
 */
export function documentPhrases(ids: ArrayLike<number>, size: number): number[] {
  const phrases = new Set<number>();
  const read = Math.min(ids.length, PHRASE_TERMS);
  for (let t = 1; t < read; t++) phrases.add((ids[t - 1] as number) * size + (ids[t] as number));
  return [...phrases];
}

/** Scheme and host lowercased, fragment, trailing punctuation and trailing slash dropped. */
function normalizeLink(link: string): string | undefined {
  try {
    const url = new URL(link.replace(/[.,;:!?]+$/, ""));
    url.hash = "";
    return url.toString().replace(/\/$/, "");
  } catch {
    return undefined;
  }
}

/** The item's own link and the http(s) links its text spells out, normalized, in order. */
export function documentLinks(doc: { url?: string | null | undefined; text?: string | undefined }): string[] {
  const links = new Set<string>();
  for (const link of [doc.url ?? "", ...((doc.text ?? "").match(URL_IN_TEXT) ?? [])]) {
    const normal = link === "" ? undefined : normalizeLink(link);
    if (normal) links.add(normal);
  }
  return [...links];
}
