// Feed and page text never meets a RegExp built from it or one that backtracks: a feed's own tag
// names are searched for as text, and the HTML sniff skips leading comments by a plain scan.
import { describe, expect, it } from "vitest";
import { startTagAttributes } from "../../../src/adapters/feeds/find-root-element.js";
import { decodeBody } from "../../../src/adapters/http/decode-body.js";

describe("tag names from the feed", () => {
  it("finds the start tag named exactly, whatever characters the name holds", () => {
    const text = '<aXb id="wrong"><a.b id="right">';
    expect(startTagAttributes(text, "a.b")?.get("id")).toBe("right");
    expect(startTagAttributes('<RSS version="2.0">', "rss")?.get("version")).toBe("2.0");
    expect(startTagAttributes("<rss2 x='1'><rss>", "rss")?.size).toBe(0);
    expect(startTagAttributes("<feed", "feed")).toBeNull();
    expect(startTagAttributes("<a(b)*c x='1'>", "a(b)*c")?.get("x")).toBe("1");
  });
});

describe("HTML sniffing of a body with no declared type", () => {
  it("skips leading comments without backtracking, and still finds <meta charset> after them", () => {
    // 128 comments fill the 1,024-byte prescan: the old pattern tried 2^128 ways to split them
    // (with it this test never finishes); a plain scan reads them once.
    const hostile = `${"<!-- -->".repeat(128)}x`;
    expect(decodeBody(Buffer.from(hostile), null)).toBe(hostile);
    expect(decodeBody(Buffer.from(hostile), "application/octet-stream")).toBe(hostile);
    const html = Buffer.concat([
      Buffer.from('<!-- a --> <!-- b -->\n<html><head><meta charset="windows-1252"><p>'),
      Buffer.from([0xe9]),
    ]);
    expect(decodeBody(html, null)).toContain("<p>é");
    expect(decodeBody(Buffer.from("<!-- never closed <html>"), null)).toBe("<!-- never closed <html>");
  });
});
