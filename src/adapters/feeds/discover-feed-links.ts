// Finds the feeds a web page advertises with <link rel="alternate" type="...rss+xml|atom+xml|json">,
// so a person can add a site's home page instead of its feed URL. Scans the page once (linear time)
// with the shared tokenizer; resolves against <base href> or the page URL; keeps http(s) only.
import { findRootElement } from "./find-root-element.js";
import { scanHtml } from "./scan-html.js";

/** Media types that name a feed; `application/json` is how many JSON Feeds are advertised. */
const FEED_TYPES = new Set([
  "application/rss+xml",
  "application/atom+xml",
  "application/rdf+xml",
  "application/feed+json",
  "application/json",
]);

/** Absolute http(s) feed URLs advertised by the page, in document order, without duplicates. */
export function discoverFeedLinks(html: string, pageUrl: string): string[] {
  const hrefs: string[] = [];
  let baseHref: string | null = null;
  scanHtml(html, {
    text() {},
    tag(tag) {
      if (tag.closing) return;
      if (tag.name === "base" && baseHref === null) {
        const href = tag.attrs.get("href");
        if (href !== undefined && href.trim() !== "") baseHref = href.trim();
        return;
      }
      if (tag.name !== "link") return;
      const rel = (tag.attrs.get("rel") ?? "").toLowerCase().split(/\s+/);
      if (!rel.includes("alternate")) return;
      const type = (tag.attrs.get("type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      if (!FEED_TYPES.has(type)) return;
      const href = tag.attrs.get("href")?.trim();
      if (href) hrefs.push(href);
    },
  });

  // The first <base href> applies to the whole document, wherever it appears.
  const base = (baseHref !== null ? absoluteHttpUrl(baseHref, pageUrl) : null) ?? pageUrl;
  const seen = new Set<string>();
  const out: string[] = [];
  for (const href of hrefs) {
    const url = absoluteHttpUrl(href, base);
    if (url !== null && !seen.has(url)) {
      seen.add(url);
      out.push(url);
    }
  }
  return out;
}

/** `href` resolved against `base` when it is http(s); null for other schemes or bad URLs. */
export function absoluteHttpUrl(href: string, base?: string | null): string | null {
  // Without a base only a URL with a scheme parses, and a scheme ends in ":". Guids such as
  // "1516137394" are tried as links for every item: a throw per item cost ingest about 4%.
  if (!base && !href.includes(":")) return null;
  try {
    const url = base ? new URL(href.trim(), base) : new URL(href.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

const HTML_ROOTS = new Set(["html", "head", "body"]);

/** True when `text` is an HTML page rather than a feed (judged by its doctype and root element). */
export function looksLikeHtml(text: string): boolean {
  const root = findRootElement(text);
  if (root === null) return false;
  return root.doctype === "html" || HTML_ROOTS.has(root.localName);
}
