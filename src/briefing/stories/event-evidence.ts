// What one article offers as evidence of a specific happening beyond its terms: the phrases it
// repeats and the links it carries. Pure functions of one document or its stored terms (DocumentFeatures).
/** Terms read for phrases: the title, the lead and the start of the body, where the happening is told. */
const PHRASE_TERMS = 300;

/** A URL as written in plain text: no spaces, quotes or brackets; one linear pass, no backtracking. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"'()[\]{}]+/g;

/**
 * Adjacent pairs of content terms ("confirm hear") of the title and the first PHRASE_TERMS terms,
 * in reading order: reports of one happening repeat its phrases, not only its topic's words.
 * Derived from the stored terms, so only the windows that read them pay for them.
 */
export function documentPhrases(features: {
  readonly title: readonly string[];
  readonly lead: readonly string[];
  readonly body: readonly string[];
}): string[] {
  const phrases = new Set<string>();
  let previous: string | undefined;
  let read = 0;
  for (const part of [features.title, features.lead, features.body]) {
    for (const term of part) {
      if (read++ >= PHRASE_TERMS) return [...phrases];
      if (previous !== undefined) phrases.add(`${previous} ${term}`);
      previous = term;
    }
  }
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
