// Finds a markup document's root element (skipping the BOM, XML declaration, comments, processing
// instructions and doctype) so parseFeed can tell RSS, Atom, RDF and HTML apart before parsing,
// and read root attributes such as xml:base. Linear: each skip is one indexOf forward.
import { type HtmlTag, scanHtml } from "./scan-html.js";

export interface RootElement {
  /** Qualified name as written, e.g. "rss", "rdf:RDF", "feed". */
  name: string;
  /** Lower-cased name without its namespace prefix, e.g. "rdf" for "rdf:RDF". */
  localName: string;
  /** The doctype's root name, lower-cased ("html" for `<!DOCTYPE html>`), or null. */
  doctype: string | null;
  /** Offset of the root's "<" in the text. */
  offset: number;
}

/** The root element of `text`, or null when the text does not start with markup. */
export function findRootElement(text: string): RootElement | null {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let doctype: string | null = null;
  for (;;) {
    while (pos < text.length && /\s/.test(text[pos] as string)) pos++;
    if (text[pos] !== "<") return null;
    if (text.startsWith("<!--", pos)) {
      const end = text.indexOf("-->", pos + 4);
      if (end === -1) return null;
      pos = end + 3;
    } else if (text.startsWith("<?", pos)) {
      const end = text.indexOf("?>", pos + 2);
      if (end === -1) return null;
      pos = end + 2;
    } else if (text.startsWith("<!", pos)) {
      const m = /^<!doctype\s+([^\s>[]+)/i.exec(text.slice(pos, pos + 200));
      if (m?.[1]) doctype = m[1].toLowerCase();
      // An internal subset ([...]) may contain ">" characters.
      const bracket = text.indexOf("[", pos);
      const gt = text.indexOf(">", pos);
      if (gt === -1) return null;
      if (bracket !== -1 && bracket < gt) {
        const close = text.indexOf("]", bracket);
        const end = close === -1 ? -1 : text.indexOf(">", close);
        if (end === -1) return null;
        pos = end + 1;
      } else {
        pos = gt + 1;
      }
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(pos, pos + 256));
      if (!m?.[1]) return null;
      const name = m[1];
      const colon = name.indexOf(":");
      return { name, localName: name.slice(colon + 1).toLowerCase(), doctype, offset: pos };
    }
  }
}

/** Attributes of the first start tag named `name` (lower case) at or after `from`, or null. */
export function startTagAttributes(text: string, name: string, from = 0): Map<string, string> | null {
  const start = findStartTag(text, name, from);
  if (start === -1) return null;
  const end = text.indexOf(">", start);
  let attrs: Map<string, string> | null = null;
  scanHtml(text.slice(start, end === -1 ? text.length : end + 1), {
    text() {},
    tag(tag: HtmlTag) {
      attrs ??= tag.attrs;
    },
  });
  return attrs;
}

/** Where `<name` (any case) followed by a space, `>` or `/` starts, or -1; a plain scan, as `name` comes from the feed. */
function findStartTag(text: string, name: string, from: number): number {
  const lower = name.toLowerCase();
  for (let at = text.indexOf("<", from); at !== -1; at = text.indexOf("<", at + 1)) {
    const after = text.charAt(at + 1 + name.length);
    if (text.slice(at + 1, at + 1 + name.length).toLowerCase() === lower && /[\s>/]/.test(after) && after !== "")
      return at;
  }
  return -1;
}
