// Turns a fetched body (bytes and its Content-Type) into text: for the HTTP client's fetchText
// (article pages, robots.txt), the feed parser worker and local files. Picks the character set as
// browsers and feed readers do: BOM, HTTP charset, XML declaration, HTML <meta>, then UTF-8.
// Non-UTF-8 goes through iconv-lite (Node 20's TextDecoder gets 0x80-0x9F wrong).
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";

export type EncodingSource = "bom" | "http" | "xml" | "meta" | "default";

export interface DetectedEncoding {
  /** iconv-lite encoding name, or "utf-8". */
  encoding: string;
  /** Where the choice came from. */
  source: EncodingSource;
  /** True when a declared Latin-1-family charset was overridden because the bytes are UTF-8. */
  overridden: boolean;
  /** Bytes to skip at the start (the BOM). */
  bomLength: number;
}

// Browsers decode every one of these labels as windows-1252 (WHATWG Encoding Standard), and feeds
// that say ISO-8859-1 routinely contain windows-1252 smart quotes and euro signs in 0x80-0x9F.
const WINDOWS_1252_LABELS = new Set([
  "ansi_x3.4-1968",
  "ascii",
  "cp1252",
  "cp819",
  "csisolatin1",
  "ibm819",
  "iso-8859-1",
  "iso-ir-100",
  "iso8859-1",
  "iso88591",
  "iso_8859-1",
  "iso_8859-1:1987",
  "l1",
  "latin1",
  "us-ascii",
  "windows-1252",
  "x-cp1252",
]);
const UTF8_LABELS = new Set([
  "utf-8",
  "utf8",
  "unicode-1-1-utf-8",
  "unicode11utf8",
  "unicode20utf8",
  "x-unicode20utf8",
]);
const UTF16_LABELS = new Set(["utf-16", "utf-16le", "utf-16be", "utf16", "unicode", "ucs-2", "utf-16-le", "utf-16-be"]);

// The HTML prescan reads the first 1024 bytes for <meta charset>; an XML declaration must be first.
const PRESCAN_BYTES = 1024;

/**
 * Decodes a response body to a string without its BOM. `contentType` is the raw Content-Type
 * header (or null).
 *
 * The rule for a wrong declaration: when the declared charset is windows-1252 or one of its
 * Latin-1/ASCII aliases, but the bytes are valid UTF-8 and contain non-ASCII, the body is decoded as
 * UTF-8. Real Latin-1 text is almost never valid UTF-8 (that needs pairs like "Ã©"), while servers
 * that label UTF-8 feeds ISO-8859-1 by default are common. Other declared charsets are trusted.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const detected = detectEncoding(bytes, contentType);
  const content = bytes.subarray(detected.bomLength);
  if (detected.encoding === "utf-8") return new TextDecoder("utf-8", { ignoreBOM: true }).decode(content);
  const buffer = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  return iconv.decode(buffer, detected.encoding, { stripBOM: false });
}

/** Works out the character set of a body; exported for diagnostics and tests. */
export function detectEncoding(bytes: Uint8Array, contentType: string | null): DetectedEncoding {
  const bom = detectBom(bytes);
  if (bom !== null) return { ...bom, source: "bom", overridden: false };

  const prefix = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PRESCAN_BYTES)).toString(
    "latin1",
  );
  const http = canonicalEncoding(charsetParam(contentType), "http");
  if (http !== null) return withUtf8Override(bytes, http, "http");

  const xmlDeclaration = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([^"']+)["']/i.exec(prefix);
  if (xmlDeclaration !== null) {
    const xml = canonicalEncoding(xmlDeclaration[1], "document");
    if (xml !== null) return withUtf8Override(bytes, xml, "xml");
  } else if (/^\s*<\?xml\s/i.test(prefix) === false) {
    const utf16 = sniffUtf16Xml(bytes);
    if (utf16 !== null) return { encoding: utf16, source: "xml", overridden: false, bomLength: 0 };
  }

  if (looksLikeHtml(contentType, prefix)) {
    const meta = /<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)/i.exec(prefix);
    const declared = canonicalEncoding(meta?.[1], "document");
    if (declared !== null) return withUtf8Override(bytes, declared, "meta");
  }

  return { encoding: "utf-8", source: "default", overridden: false, bomLength: 0 };
}

function detectBom(bytes: Uint8Array): { encoding: string; bomLength: number } | null {
  const [b0, b1, b2] = [bytes[0], bytes[1], bytes[2]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: "utf-8", bomLength: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: "utf-16le", bomLength: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: "utf-16be", bomLength: 2 };
  return null;
}

/** XML 1.0 Appendix F: "<?" in UTF-16 without a BOM. */
function sniffUtf16Xml(bytes: Uint8Array): string | null {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return "utf-16le";
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return "utf-16be";
  return null;
}

function charsetParam(contentType: string | null): string | undefined {
  if (contentType === null) return undefined;
  return /;\s*charset\s*=\s*"?\s*([^";\s]+)/i.exec(contentType)?.[1];
}

/**
 * Maps a declared label to an encoding iconv-lite knows, or null when it is unknown (the caller
 * then tries the next source). A UTF-16 label inside the document itself (XML declaration, meta)
 * cannot be true when we could read it as ASCII, so it means UTF-8, as in the HTML standard.
 */
function canonicalEncoding(label: string | undefined, where: "http" | "document"): string | null {
  if (label === undefined) return null;
  const normalized = label.trim().toLowerCase();
  if (normalized === "") return null;
  if (UTF8_LABELS.has(normalized)) return "utf-8";
  if (WINDOWS_1252_LABELS.has(normalized)) return "windows-1252";
  if (UTF16_LABELS.has(normalized) && where === "document") return "utf-8";
  return iconv.encodingExists(normalized) ? normalized : null;
}

function withUtf8Override(bytes: Uint8Array, encoding: string, source: EncodingSource): DetectedEncoding {
  if (encoding === "windows-1252" && hasNonAscii(bytes) && isUtf8(bytes)) {
    return { encoding: "utf-8", source, overridden: true, bomLength: 0 };
  }
  return { encoding, source, overridden: false, bomLength: 0 };
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
}

function looksLikeHtml(contentType: string | null, prefix: string): boolean {
  const mime = contentType?.split(";")[0]?.trim().toLowerCase();
  if (mime === "text/html" || mime === "application/xhtml+xml") return true;
  if (mime !== undefined && mime !== "" && mime !== "application/octet-stream" && mime !== "text/plain") return false;
  // Comments skipped by a plain scan: the RegExp this replaces, `(<!--[\s\S]*?-->\s*)*`, tried
  // every way to split a run of comments and froze the process on a prefix of `<!-- -->`s.
  let pos = 0;
  for (;;) {
    while (pos < prefix.length && /\s/.test(prefix.charAt(pos))) pos++;
    if (!prefix.startsWith("<!--", pos)) break;
    const close = prefix.indexOf("-->", pos + 4);
    if (close === -1) return false;
    pos = close + 3;
  }
  return /^<(!doctype\s+html|html[\s>]|head[\s>]|meta\s)/i.test(prefix.slice(pos));
}
