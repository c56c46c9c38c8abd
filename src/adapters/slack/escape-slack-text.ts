// Slack mrkdwn safety: every feed-derived string goes through escapeSlackText (so no feed can write
// <!channel>, <@U123> or its own links, nor keep bidi, zero-width or control characters), and links
// are built only by slackLink from parsed http(s) URLs.

import { sanitizeFeedText } from "../render/sanitize-feed-text.js";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/** Escapes Slack's three control characters and folds whitespace, so feed text cannot start a new line (or a quote). */
export function escapeSlackText(text: string): string {
  return sanitizeFeedText(text)
    .replace(/\s+/g, " ")
    .replace(/[&<>]/g, (c) => ENTITIES[c] ?? c);
}

/**
 * Escapes `text` and clips it so the escaped result is at most `max` characters, ending in "…" when
 * clipped. Clips between characters of the source, so it never cuts an entity or a surrogate pair.
 */
export function clipEscaped(text: string, max: number): string {
  const clean = sanitizeFeedText(text).replace(/\s+/g, " ").trim();
  const whole = escapeSlackText(clean);
  if (whole.length <= max) return whole;
  let out = "";
  for (const char of clean) {
    const piece = ENTITIES[char] ?? char;
    if (out.length + piece.length > max - 1) break;
    out += piece;
  }
  return `${out.trimEnd()}…`;
}

/** A URL that may stand inside `<url|label>`: http(s) only, `|` `<` `>` and spaces percent-encoded, `&` escaped. */
export function safeSlackUrl(url: string | null, maxLength: number): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  const href = parsed.href.replace(/[|<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  // Slack unescapes &amp; inside links, as it does in the rest of the text.
  const escaped = href.replace(/&/g, "&amp;");
  return escaped.length <= maxLength ? escaped : null;
}

/**
 * `<url|label>` when the URL parses as http(s) and fits `maxUrl`, else the escaped label alone.
 * In the label, `|` becomes a look-alike so it can never split the link (`>` is escaped anyway).
 */
export function slackLink(label: string, url: string | null, maxLabel: number, maxUrl: number): string {
  const text = clipEscaped(label, maxLabel).replace(/\|/g, "\u2223");
  const href = safeSlackUrl(url, maxUrl);
  return href ? `<${href}|${text}>` : text;
}
