// Feed text made safe for Discord, pure: sanitizeFeedText first (bidi, zero-width and control
// characters), then markdown escaped, bare URLs kept from autolinking, mention syntax (@everyone,
// @here, <@id>, <@&id>, <#id>, </cmd:id>, <t:..>) made inert, and clipping that never splits an
// escape or a surrogate pair.
import { sanitizeFeedText } from "../render/sanitize-feed-text.js";

/** Inline markdown, masked links, and `<` (every mention, emoji, timestamp and command mention starts with it). */
const ALWAYS_ESCAPED = new Set(["\\", "*", "_", "~", "`", "|", "[", "]", "<"]);
/** Only meaningful at the start of a line (heading, quote, list, subtext). */
const LEADING_ESCAPED = new Set(["#", ">", "-", "+"]);
const ZWSP = "\u200b";
const ELLIPSIS = "…";

/** One line of plain text: control and invisible characters removed, whitespace collapsed. */
export function cleanFeedText(text: string): string {
  return sanitizeFeedText(text).replace(/\s+/g, " ").trim();
}

/** `@everyone` and `@here` stop being mass mentions (what discord.js's cleanContent does too). */
function neutralizeMassMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`);
}

/**
 * Each code point with its escape, so clipping can cut between units only. The colon of `://` is
 * escaped too: Discord then shows `https://…` from feed text as text, not as a link.
 */
function markdownUnits(text: string): string[] {
  const units: string[] = [];
  const chars = [...neutralizeMassMentions(cleanFeedText(text))];
  for (const [i, char] of chars.entries()) {
    const scheme = char === ":" && chars[i + 1] === "/" && chars[i + 2] === "/";
    const escaped = scheme || ALWAYS_ESCAPED.has(char) || (units.length === 0 && LEADING_ESCAPED.has(char));
    units.push(escaped ? `\\${char}` : char);
  }
  return units;
}

function plainUnits(text: string): string[] {
  return [...neutralizeMassMentions(cleanFeedText(text))];
}

/** Joins units up to `max` characters (UTF-16, so never more than Discord counts), at a word when one is near. */
function clipUnits(units: string[], max: number): string {
  const full = units.join("");
  if (full.length <= max) return full;
  if (max <= ELLIPSIS.length) return "";
  let length = 0;
  let end = 0;
  while (end < units.length && length + (units[end]?.length ?? 0) <= max - ELLIPSIS.length) {
    length += units[end]?.length ?? 0;
    end += 1;
  }
  let cut = units.slice(0, end);
  const space = cut.lastIndexOf(" ");
  if (space > end * 0.6) cut = cut.slice(0, space);
  return `${cut.join("").replace(/[\s,;:.]+$/, "")}${ELLIPSIS}`;
}

/** Feed text for places Discord renders markdown (descriptions, field values, titles), at most `max` characters. */
export function escapeDiscordMarkdown(text: string, max = Number.POSITIVE_INFINITY): string {
  return clipUnits(markdownUnits(text), max);
}

/** Feed text for places Discord shows literally (footers, author names, autocomplete choices). */
export function plainDiscordText(text: string, max = Number.POSITIVE_INFINITY): string {
  return clipUnits(plainUnits(text), max);
}

/** An http(s) URL safe inside a masked link or an embed's url, or null. */
export function safeDiscordUrl(url: string | null, maxLength = 2_048): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  // Parentheses, angle brackets and spaces would end or break `[label](url)`.
  const href = parsed.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return href.length <= maxLength ? href : null;
}
