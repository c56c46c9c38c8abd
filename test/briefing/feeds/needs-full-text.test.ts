// The core's pure full-text decisions: which feed items are teasers worth a page fetch (by length,
// cut-off markers and the feed's mode), and when a failed page fetch is tried again.
import { describe, expect, it } from "vitest";
import { MAX_EXTRACTION_ATTEMPTS, nextExtractionAttempt } from "../../../src/briefing/feeds/extraction-policy.js";
import {
  countWords,
  isTeaser,
  looksCut,
  needsFullText,
  TEASER_WORDS,
} from "../../../src/briefing/feeds/needs-full-text.js";

const URL = "https://example.com/a";
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

describe("needsFullText", () => {
  it("wants the page for short texts and not for long ones in auto mode", () => {
    expect(needsFullText({ url: URL, text: words(TEASER_WORDS - 1) }, "auto")).toBe(true);
    expect(needsFullText({ url: URL, text: words(TEASER_WORDS) }, "auto")).toBe(false);
    expect(needsFullText({ url: URL, text: "" }, "auto")).toBe(true);
  });

  it("wants the page for long texts that look cut", () => {
    const long = words(300);
    for (const tail of [
      " …",
      "...",
      " [...]",
      " […]",
      " Read more",
      " Continue reading →",
      " Read the full story at Example",
      " READ MORE",
      " CONTINUE READING",
    ]) {
      expect(looksCut(long + tail), tail).toBe(true);
      expect(needsFullText({ url: URL, text: long + tail }, "auto"), tail).toBe(true);
    }
    expect(looksCut(`${long}. The end.`)).toBe(false);
    expect(looksCut(`She said "read more books" and left. ${long}.`)).toBe(false);
  });

  it("follows the feed's mode, and never fetches without a link", () => {
    expect(needsFullText({ url: URL, text: words(500) }, "always")).toBe(true);
    expect(needsFullText({ url: URL, text: "short…" }, "never")).toBe(false);
    expect(needsFullText({ url: null, text: "short…" }, "always")).toBe(false);
  });

  it("takes a teaser verdict worked out beforehand (isTeaser), under the same modes", () => {
    expect(isTeaser(words(TEASER_WORDS - 1))).toBe(true);
    expect(isTeaser(`${words(TEASER_WORDS)} Continue reading`)).toBe(true);
    expect(isTeaser(words(TEASER_WORDS))).toBe(false);
    expect(needsFullText({ url: URL, text: words(500) }, "auto", true)).toBe(true);
    expect(needsFullText({ url: URL, text: "short" }, "auto", false)).toBe(false);
    expect(needsFullText({ url: URL, text: "short" }, "never", true)).toBe(false);
    expect(needsFullText({ url: URL, text: words(500) }, "always", false)).toBe(true);
    expect(needsFullText({ url: null, text: "short" }, "auto", true)).toBe(false);
  });

  it("counts words across spaces, tabs, newlines and no-break spaces", () => {
    expect(countWords("  one\ttwo\nthree\u00a0four  ")).toBe(4);
    expect(countWords("")).toBe(0);
  });

  it("stops counting at a limit", () => {
    expect(countWords(words(500), TEASER_WORDS)).toBe(TEASER_WORDS);
    expect(countWords(words(3), TEASER_WORDS)).toBe(3);
    expect(countWords(words(500))).toBe(500);
  });
});

describe("nextExtractionAttempt", () => {
  it("waits 10 minutes, 1 hour, 6 hours, then gives up", () => {
    expect(nextExtractionAttempt(1, 0)).toBe(10 * 60_000);
    expect(nextExtractionAttempt(2, 0)).toBe(3_600_000);
    expect(nextExtractionAttempt(3, 0)).toBe(6 * 3_600_000);
    expect(nextExtractionAttempt(MAX_EXTRACTION_ATTEMPTS, 0)).toBeNull();
  });
});
