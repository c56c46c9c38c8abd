// The one sanitizer every renderer (Slack, Discord, text, Markdown) runs feed-derived text through
// before its own escaping: no bidi controls, zero-width or control characters reach a reader.

/**
 * Bidi embeddings, overrides and isolates, the LRM/RLM and Arabic letter marks (they can make a
 * title read as another file name), and zero-width characters (they hide text or split words a
 * reader or a filter would see). ZWJ goes too: an emoji sequence falls apart into its emoji.
 */
const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff\u180e]/g;
/** Line breaks and tabs: kept where a renderer keeps lines, else turned to spaces. */
const BREAKS = /[\t\n\v\f\r]/g;
/** The other C0 controls, DEL and C1 (ESC starts terminal sequences; NUL and friends have no text meaning). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the same set, to test without replacing
  /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff\u180e\u0000-\u001f\u007f-\u009f]/;

export interface SanitizeOptions {
  /** Keep `\n` (and `\t`) for renderers that lay out lines; other breaks become `\n`. Default: all become spaces. */
  keepLineBreaks?: boolean;
}

/** `text` with bidi, zero-width and control characters removed (breaks kept or made spaces). */
export function sanitizeFeedText(text: string, options: SanitizeOptions = {}): string {
  if (!UNSAFE.test(text)) return text;
  const cleaned = text.replace(INVISIBLE, "").replace(CONTROL, "");
  if (!options.keepLineBreaks) return cleaned.replace(BREAKS, " ");
  return cleaned.replace(/\r\n?|[\v\f]/g, "\n");
}

/** Whether `text` still holds a character sanitizeFeedText removes (line breaks and tabs aside). */
export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE.test(text.replace(/[\t\n]/g, ""));
}
