// An OPML subscription list (what feed readers export) to a flat list of entries: feedsmith reads
// the document, nested outlines (folders) are walked in document order, and each outline's line
// in the file is found with htmlparser2's tokenizer so a broken entry can be named where it is.
import { XMLValidator } from "fast-xml-parser";
import { ParseError, parseOpml } from "feedsmith";
import { Parser } from "htmlparser2";
import { UserError } from "../../briefing/errors.js";
import { findRootElement } from "./find-root-element.js";

export interface OpmlEntry {
  /** 1-based, among every outline of the document in document order (folders count too). */
  position: number;
  /** 1-based line of the outline's start tag; null when it could not be placed. */
  line: number | null;
  xmlUrl: string | null;
  /** The outline's `title`, else its `text`. */
  title: string | null;
  htmlUrl: string | null;
  /** The enclosing outlines' names (folders), outermost first. */
  folders: string[];
}

export interface OpmlDocument {
  title: string | null;
  /** Outlines that are feeds, or should be: leaves and any outline with an xmlUrl. */
  entries: OpmlEntry[];
}

interface OutlineNode {
  text?: string | undefined;
  title?: string | undefined;
  xmlUrl?: string | undefined;
  htmlUrl?: string | undefined;
  isComment?: boolean | undefined;
  outlines?: OutlineNode[] | undefined;
}

const FIX = "Export the subscription list again from the feed reader as OPML, or fix the file";

/** Throws UserError (`opml_not_xml`, `opml_not_opml`) naming the fix for anything that is not OPML. */
export function parseOpmlDocument(raw: string, name: string): OpmlDocument {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const root = findRootElement(text);
  if (root === null) {
    throw new UserError("opml_not_xml", `${name} is not an XML document, so not OPML. ${FIX}.`);
  }
  if (root.localName !== "opml") {
    throw new UserError(
      "opml_not_opml",
      `${name} is XML with a <${root.name}> root, not an OPML subscription list (<opml>). ${FIX}; to follow a single feed, use \`briefbot feed add <url>\`.`,
    );
  }
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new UserError(
      "opml_not_xml",
      `${name} is not well-formed XML: ${msg.replace(/\.$/, "")} at line ${line}, column ${col}. ${FIX}.`,
    );
  }
  let document: ReturnType<typeof parseOpml>;
  try {
    document = parseOpml(text);
  } catch (error) {
    // feedsmith raises ParseError for an <opml> with nothing in it: a list with no entries.
    if (error instanceof ParseError) return { title: null, entries: [] };
    throw new UserError("opml_not_opml", `${name} could not be read as OPML (${String(error)}). ${FIX}.`);
  }
  const lines = outlineLines(text);
  const entries: OpmlEntry[] = [];
  let position = 0;
  const walk = (outlines: readonly OutlineNode[], folders: string[]): void => {
    for (const outline of outlines) {
      position += 1;
      const title = nonEmpty(outline.title) ?? nonEmpty(outline.text);
      const children = outline.outlines ?? [];
      const xmlUrl = nonEmpty(outline.xmlUrl);
      if (xmlUrl !== null || (children.length === 0 && outline.isComment !== true)) {
        entries.push({ position, line: null, xmlUrl, title, htmlUrl: nonEmpty(outline.htmlUrl), folders });
      }
      walk(children, title === null ? folders : [...folders, title]);
    }
  };
  walk((document.body?.outlines ?? []) as OutlineNode[], []);
  // Lines are trusted only when both parsers saw the same outlines (feedsmith drops empty ones).
  for (const entry of entries) entry.line = lines.length === position ? (lines[entry.position - 1] ?? null) : null;
  return { title: nonEmpty(document.head?.title), entries };
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
}

/** The line of every <outline> start tag, in document order. */
function outlineLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let scanned = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name.toLowerCase() !== "outline") return;
        const at = parser.startIndex;
        for (let i = text.indexOf("\n", scanned); i !== -1 && i < at; i = text.indexOf("\n", i + 1)) line += 1;
        scanned = at;
        lines.push(line);
      },
    },
    { xmlMode: true },
  );
  parser.end(text);
  return lines;
}
