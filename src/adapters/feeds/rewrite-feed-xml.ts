// Rewrites a feed's markup into well-formed XML that the strict parser accepts: the lenient fallback
// for ill-formed feeds (htmlparser2's tolerant tokenizer), and the normalizing pass for valid ones
// that feedsmith misreads (a prefixed <r:rss> root, Atom 0.3 mode="base64" content).
import { decodeHTML } from "entities";
import { Parser } from "htmlparser2";
import { decodeBase64Text } from "./feed-values.js";

export interface RewriteOptions {
  /** Strip this prefix ("r" for <r:rss>) from element names, making the feed's vocabulary unprefixed. */
  unprefix: string | null;
}

/**
 * Elements whose content is text (often HTML someone forgot to escape): child tags inside them are
 * kept as escaped text, so the words survive and the item structure around them does not break.
 * Atom's type="xhtml" constructs are the exception, since their children are meant as markup.
 */
const TEXT_ELEMENTS = new Set([
  "title",
  "description",
  "summary",
  "content",
  "encoded",
  "subtitle",
  "tagline",
  "rights",
  "copyright",
  "comments",
  "subject",
  "creator",
  "name",
  "link",
  "guid",
  "pubdate",
  "date",
  "updated",
  "published",
  "issued",
  "modified",
  "created",
  "category",
]);

/**
 * Start tags that never occur in HTML text but begin an item's next field: met inside a text
 * element, they mean its end tag was lost or misspelt (`<title>x</titel><link>`), so the text
 * element is closed there rather than swallowing the rest of the item.
 */
const FIELD_STARTS = new Set(["item", "entry", "guid", "pubdate", "enclosure", "link"]);

const escapeText = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (text: string): string => escapeText(text).replace(/"/g, "&quot;");

/** XML names may not start with a digit or contain most punctuation; such "tags" are read as text. */
const XML_NAME = /^[A-Za-z_][\w.:-]*$/;

/**
 * The document re-serialized as well-formed XML: undeclared (HTML) entities decoded, stray "&" and
 * "<" escaped, mismatched or missing end tags closed, content after the root dropped.
 */
export function rewriteFeedXml(text: string, options: RewriteOptions): string {
  const out: string[] = [];
  /** Mirrors htmlparser2's open elements; `closed` ones were already ended in the output. */
  const stack: Array<{ name: string; raw: boolean; closed?: boolean }> = [];
  let rootClosed = false;
  /** Depth in `stack` of the outermost text element whose child tags are written as text; -1 when none. */
  let rawFrom = -1;
  let inCdata = false;
  let base64: string[] | null = null;
  let base64Depth = -1;

  const rename = (name: string): string => {
    if (options.unprefix === null) return name;
    const prefix = `${options.unprefix}:`;
    return name.startsWith(prefix) ? name.slice(prefix.length) : name;
  };
  const emitText = (value: string) => {
    if (base64 !== null) base64.push(value);
    else out.push(escapeText(value));
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (rootClosed) return;
        const local = name.slice(name.indexOf(":") + 1).toLowerCase();
        // An HTML <link> carries rel/href; a feed's RSS <link> carries neither.
        const fieldStart = FIELD_STARTS.has(local) && !(local === "link" && ("rel" in attribs || "href" in attribs));
        if (rawFrom !== -1 && fieldStart) {
          for (let i = stack.length - 1; i >= rawFrom - 1; i--) {
            const open = stack[i];
            if (open === undefined || open.closed) continue;
            if (!open.raw) out.push(`</${open.name}>`);
            open.closed = true;
          }
          rawFrom = -1;
        }
        if (rawFrom !== -1 || !XML_NAME.test(name)) {
          // Markup inside a text element: kept as the text it was.
          const attrs = Object.entries(attribs)
            .map(([key, value]) => ` ${key}="${decodeHTML(value)}"`)
            .join("");
          emitText(`<${name}${attrs}>`);
          stack.push({ name, raw: true });
          return;
        }
        const type = attribs.type?.toLowerCase();
        const element = rename(name);
        const attrs = Object.entries(attribs)
          .filter(([key]) => XML_NAME.test(key) && !(key === "mode" && attribs.mode === "base64"))
          .map(([key, value]) => ` ${key}="${escapeAttr(decodeHTML(value))}"`)
          .join("");
        out.push(`<${element}${attrs}>`);
        stack.push({ name: element, raw: false });
        if (attribs.mode?.toLowerCase() === "base64" && base64 === null) {
          base64 = [];
          base64Depth = stack.length;
        }
        if (TEXT_ELEMENTS.has(local) && type !== "xhtml" && !type?.includes("xml")) rawFrom = stack.length;
      },
      ontext(value) {
        if (rootClosed || stack.length === 0) return;
        emitText(inCdata ? value : decodeHTML(value));
      },
      oncdatastart() {
        inCdata = true;
      },
      oncdataend() {
        inCdata = false;
      },
      onclosetag(_name, isImplied) {
        const entry = stack.pop();
        if (entry === undefined || rootClosed) return;
        if (entry.closed) return;
        if (entry.raw) {
          if (!isImplied) emitText(`</${entry.name}>`);
          return;
        }
        if (base64 !== null && stack.length + 1 === base64Depth) {
          out.push(escapeText(decodeBase64Text(base64.join(""))));
          base64 = null;
          base64Depth = -1;
        }
        if (rawFrom === stack.length + 1) rawFrom = -1;
        out.push(`</${entry.name}>`);
        if (stack.length === 0) rootClosed = true;
      },
    },
    { xmlMode: true, decodeEntities: false, recognizeCDATA: true, recognizeSelfClosing: true },
  );
  parser.end(text);
  return out.join("");
}
