// Extracts an article page's main text and metadata with @mozilla/readability on linkedom: text
// as paragraphs, byline, lead image, language, the page's canonical URL and the signals that
// page-quality checks need (a login form, paywall markup). Pure: HTML string in, data out.
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { canonicalizeUrl } from "../../briefing/feeds/canonical-url.js";
import { countWords } from "../../briefing/feeds/needs-full-text.js";
import { htmlToLine, htmlToText } from "../feeds/html-to-text.js";

export interface ExtractedPage {
  /** The page's own URL (the base for relative links). */
  url: string;
  title: string | null;
  byline: string | null;
  excerpt: string | null;
  siteName: string | null;
  publishedTime: string | null;
  /** BCP 47-ish, lower case ("en", "pt-br"); null when the page does not say. */
  language: string | null;
  /** `<link rel="canonical">`, else og:url: absolute and canonicalized; null when absent or not http(s). */
  canonicalUrl: string | null;
  /** og:image / twitter:image, else the first image of the text; absolute. */
  imageUrl: string | null;
  /** The main text: paragraphs joined by "\n\n" ("" when Readability found no article). */
  text: string;
  wordCount: number;
  signals: PageSignals;
}

/** What page-quality.ts looks at besides the text. */
export interface PageSignals {
  /** The document's <title>. */
  documentTitle: string;
  /** A password field anywhere on the page: a login wall. */
  passwordField: boolean;
  /** schema.org `isAccessibleForFree: false`: the publisher's own paywall marker. */
  paywalled: boolean;
}

// Structural types for the linkedom document: the project compiles without the DOM lib.
interface Element {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): Iterable<Element>;
  prepend(node: Element): void;
  textContent: string | null;
}
interface PageDocument extends Element {
  documentElement: Element | null;
  head: Element | null;
  title: string;
  createElement(name: string): Element;
}

const PAYWALL_MARKUP = /"isAccessibleForFree"\s*:\s*"?false"?/i;
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/;

export function extractArticle(html: string, url: string): ExtractedPage {
  let { document } = parseHTML(html) as unknown as { document: PageDocument };
  // linkedom builds no <html> for text with no tags at all (a plain-text or empty page); a body
  // around it gives the extraction a document like any browser would.
  if (document.documentElement === null) {
    ({ document } = parseHTML(`<html><head></head><body>${html}</body></html>`) as unknown as {
      document: PageDocument;
    });
  }
  addBase(document, url);
  // Read everything Readability might remove before it runs: it rewrites the document in place.
  const meta = (selector: string): string | null => nonEmpty(document.querySelector(selector)?.getAttribute("content"));
  const canonicalHref =
    nonEmpty(document.querySelector('link[rel~="canonical" i]')?.getAttribute("href")) ??
    meta('meta[property="og:url"]');
  const metaImage = meta('meta[property="og:image"]') ?? meta('meta[name="twitter:image"]');
  const language =
    languageTag(document.documentElement?.getAttribute("lang")) ??
    languageTag(meta('meta[http-equiv="content-language" i]')) ??
    languageTag(meta('meta[property="og:locale"]'));
  const signals: PageSignals = {
    documentTitle: htmlToLine(document.title ?? ""),
    passwordField: document.querySelector('input[type="password" i]') !== null,
    paywalled: PAYWALL_MARKUP.test(html),
  };
  const article = new Readability(document as never).parse();
  const content = article?.content ?? "";
  const text = htmlToText(content);
  const firstImage = /<img\b[^>]*?\ssrc="([^"]+)"/i.exec(content)?.[1];
  return {
    url,
    title: line(article?.title),
    byline: line(article?.byline),
    excerpt: line(article?.excerpt),
    siteName: line(article?.siteName),
    publishedTime: line(article?.publishedTime),
    language: language ?? languageTag(article?.lang),
    canonicalUrl: canonicalHref === null ? null : absoluteCanonical(canonicalHref, url),
    imageUrl: absolute(metaImage ?? (firstImage ? decodeAttribute(firstImage) : null), url),
    text,
    wordCount: countWords(text),
    signals,
  };
}

/** A <base href> so Readability turns every link and image into an absolute URL. */
function addBase(document: PageDocument, url: string): void {
  const existing = document.querySelector("base[href]");
  if (existing) {
    // A relative base is relative to the page's own URL.
    const href = absolute(existing.getAttribute("href"), url);
    if (href) existing.setAttribute("href", href);
    return;
  }
  const head = document.head;
  if (!head) return;
  const base = document.createElement("base");
  base.setAttribute("href", url);
  head.prepend(base);
}

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function line(value: string | null | undefined): string | null {
  return nonEmpty(value ? htmlToLine(value) : null);
}

function languageTag(value: string | null | undefined): string | null {
  const tag = value?.trim().toLowerCase().replaceAll("_", "-");
  return tag && LANGUAGE_TAG.test(tag) ? tag : null;
}

function absolute(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    const resolved = new URL(href, base);
    return resolved.protocol === "http:" || resolved.protocol === "https:" ? resolved.href : null;
  } catch {
    return null;
  }
}

function absoluteCanonical(href: string, base: string): string | null {
  const resolved = absolute(href, base);
  return resolved === null ? null : canonicalizeUrl(resolved);
}

function decodeAttribute(value: string): string {
  return value.replaceAll("&amp;", "&");
}
