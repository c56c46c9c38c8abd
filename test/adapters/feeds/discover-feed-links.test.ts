// discoverFeedLinks: the feeds a site's home page advertises in <link rel="alternate">.
import { describe, expect, it } from "vitest";
import { discoverFeedLinks, looksLikeHtml } from "../../../src/adapters/feeds/discover-feed-links.js";

describe("discoverFeedLinks", () => {
  it("finds RSS, Atom and JSON Feed links in document order, resolved and deduplicated", () => {
    const html = `<!doctype html><html><head>
      <link rel="stylesheet" href="/s.css">
      <link rel="alternate" type="application/rss+xml" href="/feed.xml" title="RSS">
      <LINK HREF='atom.xml' TYPE='application/atom+xml' REL='alternate'>
      <link type=application/feed+json rel=alternate href=https://cdn.example.org/feed.json>
      <link rel="alternate" type="application/json" href="/feed.xml">
      <link rel="alternate home" type="application/rss+xml; charset=utf-8" href="/other.rss">
      <link rel="alternate" hreflang="fr" href="/fr/">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      <link rel="alternate" type="application/rss+xml" href="">
      </head><body><link rel="alternate" type="application/rss+xml" href="/late.xml"></body></html>`;
    expect(discoverFeedLinks(html, "https://example.com/blog/index.html")).toEqual([
      "https://example.com/feed.xml",
      "https://example.com/blog/atom.xml",
      "https://cdn.example.org/feed.json",
      "https://example.com/other.rss",
      "https://example.com/late.xml",
    ]);
  });

  it("resolves against <base href>, itself relative to the page", () => {
    const html = `<base href="/sub/"><link rel=alternate type=application/rss+xml href="rss.xml">`;
    expect(discoverFeedLinks(html, "https://example.com/a/b")).toEqual(["https://example.com/sub/rss.xml"]);
  });

  it("decodes entities in attributes and ignores links inside comments and scripts", () => {
    const html = `<!-- <link rel=alternate type=application/rss+xml href=/c.xml> -->
      <script>var s = '<link rel=alternate type=application/rss+xml href=/s.xml>';</script>
      <link rel="alternate" type="application/rss+xml" href="/feed?a=1&amp;b=2">`;
    expect(discoverFeedLinks(html, "https://example.com/")).toEqual(["https://example.com/feed?a=1&b=2"]);
  });

  // Bounded work, not a stopwatch: the pages are megabytes of one unfinished tag, which a scan
  // going back over them (quadratic) could never get through before the test timeout.
  it("returns nothing for a page without feeds, and scans big pages in linear time", () => {
    expect(discoverFeedLinks("<html><body>hi</body></html>", "https://example.com/")).toEqual([]);
    expect(discoverFeedLinks(`<link rel="alternate" ${"x=y ".repeat(1_000_000)}`, "https://example.com/")).toEqual([]);
    expect(discoverFeedLinks("<link ".repeat(1_000_000), "https://example.com/")).toEqual([]);
  });
});

describe("looksLikeHtml", () => {
  it("tells pages from feeds", () => {
    expect(looksLikeHtml("\uFEFF  <!DOCTYPE html><p>x")).toBe(true);
    expect(looksLikeHtml("<!-- c --><html lang=en>")).toBe(true);
    expect(looksLikeHtml('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">')).toBe(true);
    expect(looksLikeHtml("<head><title>Moved</title></head>")).toBe(true);
    expect(looksLikeHtml('<?xml version="1.0"?><rss version="2.0">')).toBe(false);
    expect(looksLikeHtml('{"version":"https://jsonfeed.org/version/1.1"}')).toBe(false);
  });
});
