// Turns the HTML that feeds carry (descriptions, content:encoded, even titles) into plain text for
// the core: scripts, media and chrome dropped, entities decoded, paragraphs separated by "\n\n",
// list items as "- " lines. Escaping for a chat platform happens at render time, not here.
import { decodeHTML } from "entities";
import { scanHtml } from "./scan-html.js";

/** Elements dropped together with everything inside them (raw-text ones are handled by the scanner). */
const DROPPED_ELEMENTS = new Set([
  "svg",
  "math",
  "form",
  "select",
  "button",
  "template",
  "object",
  "video",
  "audio",
  "canvas",
  "map",
  "picture",
  "head",
]);

/** Elements that start and end a paragraph. */
const BLOCK_ELEMENTS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "br",
  "caption",
  "center",
  "dd",
  "details",
  "dialog",
  "dir",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "hr",
  "li",
  "main",
  "menu",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "tfoot",
  "thead",
  "tr",
  "ul",
  "body",
  "html",
]);

/** Table cells are inline-ish: keep neighbouring cells apart with a space. */
const CELL_ELEMENTS = new Set(["td", "th"]);

/** Void elements never have a closing tag, so they never open a dropped region. */
const VOID_ELEMENTS = new Set(["img", "br", "hr", "input", "meta", "link", "source", "track", "wbr", "area", "embed"]);

const TAG_LIKE = /<[a-zA-Z/!?]/;
/**
 * Replacing this with " " collapses whitespace exactly as /\s+/g does, but leaves single spaces
 * alone instead of rewriting each one: about a third of the cost on ingest's hot path.
 */
const WHITESPACE_RUN = /\s{2,}|[^\S ]/g;
const BLANK_LINE = /\n[^\S\n]*\n/;

interface Block {
  listItem: boolean;
  text: string;
}

/** Plain text of `html`: paragraphs joined by "\n\n", consecutive list items by "\n", trimmed. */
export function htmlToText(html: string): string {
  if (html === "") return "";
  if (!TAG_LIKE.test(html)) return plainTextToParagraphs(decodeHTML(html));

  const blocks: Block[] = [];
  let chunks: string[] = [];
  let currentIsListItem = false;
  let dropped: { name: string; depth: number } | null = null;

  const endBlock = (): void => {
    const text = chunks.join("").replace(WHITESPACE_RUN, " ").trim();
    chunks = [];
    if (text === "") return; // an empty block (e.g. "<li><p>") keeps the pending list-item marker
    blocks.push({ listItem: currentIsListItem, text: currentIsListItem ? `- ${text}` : text });
    currentIsListItem = false;
  };

  scanHtml(html, {
    text(raw) {
      if (dropped) return;
      const cleaned = raw.includes("]]>") ? raw.replaceAll("]]>", "") : raw;
      chunks.push(cleaned.includes("&") ? decodeHTML(cleaned) : cleaned);
    },
    tag(tag) {
      if (dropped) {
        if (tag.name !== dropped.name || tag.selfClosing) return;
        dropped.depth += tag.closing ? -1 : 1;
        if (dropped.depth === 0) dropped = null;
        return;
      }
      if (DROPPED_ELEMENTS.has(tag.name)) {
        if (!tag.closing && !tag.selfClosing && !VOID_ELEMENTS.has(tag.name)) dropped = { name: tag.name, depth: 1 };
        return;
      }
      if (BLOCK_ELEMENTS.has(tag.name)) {
        endBlock();
        if (tag.name === "li" || tag.name === "ul" || tag.name === "ol")
          currentIsListItem = tag.name === "li" && !tag.closing;
        return;
      }
      if (CELL_ELEMENTS.has(tag.name)) chunks.push(" ");
    },
  });
  endBlock();

  let out = "";
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Block;
    if (i > 0) out += block.listItem && (blocks[i - 1] as Block).listItem ? "\n" : "\n\n";
    out += block.text;
  }
  return out;
}

/** Text without markup: blank lines separate paragraphs; other whitespace collapses to one space. */
export function plainTextToParagraphs(text: string): string {
  const paragraphs: string[] = [];
  for (const part of text.replaceAll("\r\n", "\n").split(BLANK_LINE)) {
    const paragraph = part.replace(WHITESPACE_RUN, " ").trim();
    if (paragraph !== "") paragraphs.push(paragraph);
  }
  return paragraphs.join("\n\n");
}

/** A single line of text (titles, author names): markup and line breaks become spaces. */
export function htmlToLine(html: string): string {
  return htmlToText(html).replace(WHITESPACE_RUN, " ").trim();
}
