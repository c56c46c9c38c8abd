// A forgiving, single-pass HTML tokenizer for feed content and web pages: it reports text runs and
// tags (with attributes) to callbacks. Used by htmlToText and discoverFeedLinks; not a DOM builder.
// Every scan moves forward and each character is visited a bounded number of times (linear time).
import { decodeHTMLAttribute } from "entities";

export interface HtmlTag {
  /** Lower-cased tag name, e.g. "p", "svg", "dc:creator". */
  name: string;
  closing: boolean;
  selfClosing: boolean;
  /** Lower-cased attribute names to entity-decoded values (first occurrence wins, as in browsers). */
  attrs: Map<string, string>;
}

export interface HtmlScanHandlers {
  /** Raw text between tags, entities NOT decoded (the caller decides how to decode). */
  text(raw: string): void;
  tag(tag: HtmlTag): void;
}

/** Elements whose content is raw text up to their closing tag: never parsed for tags. */
const RAW_TEXT_ELEMENTS = new Set(["script", "style", "textarea", "title", "xmp", "noscript", "iframe", "noembed"]);

/** Elements whose raw content is reported as text (the rest is dropped by the scanner). */
const KEEP_RAW_CONTENT = new Set(["textarea", "xmp"]);

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 12 || code === 13;
}

function isNameChar(code: number): boolean {
  return !isSpace(code) && code !== 47 /* / */ && code !== 62 /* > */ && code !== 61; /* = */
}

/**
 * Scan `html`, calling `handlers` in document order. Comments, doctypes and processing instructions
 * are skipped; CDATA markers are removed (their content is scanned as ordinary markup, which is
 * how feed producers use them); raw-text elements (script, style...) are skipped to their end tag.
 */
export function scanHtml(html: string, handlers: HtmlScanHandlers): void {
  const length = html.length;
  let pos = 0;
  let textStart = 0;

  const flushText = (end: number): void => {
    if (end > textStart) handlers.text(html.slice(textStart, end));
  };

  while (pos < length) {
    const lt = html.indexOf("<", pos);
    if (lt === -1) break;
    const next = html.charCodeAt(lt + 1);
    if (next === 33 /* ! */) {
      flushText(lt);
      if (html.startsWith("<!--", lt)) {
        const end = html.indexOf("-->", lt + 4);
        pos = end === -1 ? length : end + 3;
      } else if (html.startsWith("<![CDATA[", lt)) {
        pos = lt + 9;
      } else {
        const end = html.indexOf(">", lt + 2);
        pos = end === -1 ? length : end + 1;
      }
      textStart = pos;
      continue;
    }
    if (next === 63 /* ? */) {
      flushText(lt);
      const end = html.indexOf(">", lt + 2);
      pos = end === -1 ? length : end + 1;
      textStart = pos;
      continue;
    }
    const closing = next === 47; /* / */
    const nameStart = closing ? lt + 2 : lt + 1;
    if (!isAsciiLetter(html.charCodeAt(nameStart))) {
      // "a < b" or "</ >": a literal "<" in text, as in browsers.
      pos = lt + 1;
      continue;
    }
    flushText(lt);
    const parsed = readTag(html, nameStart, closing);
    pos = parsed.end;
    textStart = pos;
    handlers.tag(parsed.tag);
    if (!closing && !parsed.tag.selfClosing && RAW_TEXT_ELEMENTS.has(parsed.tag.name)) {
      const close = findClosingTag(html, parsed.tag.name, pos);
      if (KEEP_RAW_CONTENT.has(parsed.tag.name)) handlers.text(html.slice(pos, close.start));
      handlers.tag({ name: parsed.tag.name, closing: true, selfClosing: false, attrs: new Map() });
      pos = close.end;
      textStart = pos;
    }
  }
  flushText(length);
}

/** Reads one tag starting at its name; returns the tag and the index just past its ">". */
function readTag(html: string, nameStart: number, closing: boolean): { tag: HtmlTag; end: number } {
  const length = html.length;
  let pos = nameStart;
  while (pos < length && isNameChar(html.charCodeAt(pos))) pos++;
  const name = html.slice(nameStart, pos).toLowerCase();
  const attrs = new Map<string, string>();
  let selfClosing = false;
  while (pos < length) {
    const code = html.charCodeAt(pos);
    if (code === 62 /* > */) return { tag: { name, closing, selfClosing, attrs }, end: pos + 1 };
    if (isSpace(code)) {
      pos++;
      continue;
    }
    if (code === 47 /* / */) {
      selfClosing = html.charCodeAt(pos + 1) === 62;
      pos++;
      continue;
    }
    // An attribute name (a stray "=" or quote is consumed as part of a name, like browsers do).
    const attrStart = pos;
    pos++;
    while (pos < length && isNameChar(html.charCodeAt(pos))) pos++;
    const attrName = html.slice(attrStart, pos).toLowerCase();
    let scan = pos;
    while (scan < length && isSpace(html.charCodeAt(scan))) scan++;
    let value = "";
    if (html.charCodeAt(scan) === 61 /* = */) {
      scan++;
      while (scan < length && isSpace(html.charCodeAt(scan))) scan++;
      const quote = html.charCodeAt(scan);
      if (quote === 34 || quote === 39) {
        const close = html.indexOf(quote === 34 ? '"' : "'", scan + 1);
        // An unclosed quote runs to the end of the input (browser behaviour), keeping this linear.
        const valueEnd = close === -1 ? length : close;
        value = html.slice(scan + 1, valueEnd);
        pos = close === -1 ? length : close + 1;
      } else {
        const valueStart = scan;
        while (scan < length && !isSpace(html.charCodeAt(scan)) && html.charCodeAt(scan) !== 62) scan++;
        value = html.slice(valueStart, scan);
        pos = scan;
      }
    }
    if (!attrs.has(attrName)) attrs.set(attrName, value.includes("&") ? decodeHTMLAttribute(value) : value);
  }
  return { tag: { name, closing, selfClosing, attrs }, end: length };
}

/** Finds `</name` (any case) at or after `from`; a missing end tag swallows the rest, as browsers do. */
function findClosingTag(html: string, name: string, from: number): { start: number; end: number } {
  // A plain scan, not a RegExp: `name` is the document's own tag name.
  const lower = name.toLowerCase();
  for (let at = html.indexOf("</", from); at !== -1; at = html.indexOf("</", at + 1)) {
    const next = html.charAt(at + 2 + name.length);
    if (html.slice(at + 2, at + 2 + name.length).toLowerCase() !== lower) continue;
    if (next !== "" && !/[\s/>]/.test(next)) continue;
    const gt = html.indexOf(">", at);
    return { start: at, end: gt === -1 ? html.length : gt + 1 };
  }
  return { start: html.length, end: html.length };
}
