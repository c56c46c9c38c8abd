// Canonical URLs: tracking parameters and fragments go, everything that names the article stays.
import { describe, expect, it } from "vitest";
import { canonicalizeUrl } from "../../../src/briefing/feeds/canonical-url.js";

describe("canonicalizeUrl", () => {
  it.each([
    ["https://Example.COM:443/a/b?utm_source=x&id=7&utm_medium=y#frag", "https://example.com/a/b?id=7"],
    ["http://example.com/x?fbclid=abc", "http://example.com/x"],
    ["https://example.com/x?gclid=1&page=2&mc_cid=3", "https://example.com/x?page=2"],
    ["https://user:pw@example.com/p", "https://example.com/p"],
    ["  https://example.com/p?q=a%20b  ", "https://example.com/p?q=a+b"],
  ])("%s -> %s", (input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it.each(["javascript:alert(1)", "ftp://example.com/f", "not a url", "", "file:///etc/passwd"])(
    "rejects %s",
    (input) => {
      expect(canonicalizeUrl(input)).toBeNull();
    },
  );
});
