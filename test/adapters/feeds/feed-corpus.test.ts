// Corpus sweep of parseFeed over the third-party feeds in ../shared/eval/feeds (read in place, never
// copied): rss-parser's fixtures against its expected outputs, feed-extractor's feeds, and the W3C
// Feed Validator's 2,217 test cases as a crash/hang guard and a date-parsing check.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { decodeHTML } from "entities";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/adapters/feeds/parse-feed.js";
import { parseFeedDate } from "../../../src/adapters/feeds/parse-feed-date.js";
import { FeedError } from "../../../src/briefing/errors.js";
import { ParsedFeedSchema } from "../../../src/briefing/parsed-feed.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const feedsDir = process.env.BRIEFBOT_EVAL_DIR
  ? path.resolve(process.env.BRIEFBOT_EVAL_DIR, "feeds")
  : path.resolve(repoRoot, "../shared/eval/feeds");
const rssParserDir = path.join(feedsDir, "rss-parser-fixtures/test");
const feedExtractorDir = path.join(feedsDir, "feed-extractor-test-data/tests");
const w3cDir = path.join(feedsDir, "w3c-feedvalidator-testcases/testcases");

/** Lines printed after the suite: one summary per set. */
const report: string[] = [];
afterAll(() => {
  if (report.length > 0)
    console.log(`\nfeed corpus sweep (${feedsDir})\n${report.map((line) => `  ${line}`).join("\n")}`);
});

/** Files decode the way the fetcher decodes bodies without an HTTP charset: BOM, XML declaration, UTF-8. */
function readFeedText(file: string): string {
  const bytes = readFileSync(file);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString("utf8");
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), "utf-16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), "utf-16be");
  const head = bytes.subarray(0, 200).toString("latin1");
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  if (declared && iconv.encodingExists(declared) && !/^utf-?8$/i.test(declared)) return iconv.decode(bytes, declared);
  return bytes.toString("utf8");
}

/** rss-parser wrote one expected output (encoding.json) in latin-1: fall back when UTF-8 is invalid. */
function readJsonText(file: string): string {
  const bytes = readFileSync(file);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, "latin1");
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .sort();
}

const squash = (text: unknown): string => (typeof text === "string" ? text.replace(/\s+/g, " ").trim() : "");

/** rss-parser leaves markup and entities in titles; project both sides to plain text before comparing. */
const plainTitle = (text: unknown): string =>
  typeof text === "string" ? squash(decodeHTML(text.replace(/<[^>]*>/g, ""))) : "";

const percent = (part: number, whole: number): string =>
  whole === 0 ? "n/a" : `${((100 * part) / whole).toFixed(1)}%`;

describe("feed corpus", () => {
  it("finds the evaluation feeds beside the checkout", () => {
    expect(
      existsSync(feedsDir) && statSync(feedsDir).isDirectory(),
      `expected the evaluation feeds at ${feedsDir} (../shared/eval/feeds beside the checkout, or set BRIEFBOT_EVAL_DIR to the eval root)`,
    ).toBe(true);
  });

  it("parses rss-parser's fixtures and matches its expected titles, links and dates", () => {
    const inputs = readdirSync(path.join(rssParserDir, "input")).sort();
    let parsed = 0;
    const rejected: string[] = [];
    type Tally = { hit: number; all: number };
    const tally = (): Record<"title" | "link" | "date", Tally> => ({
      title: { hit: 0, all: 0 },
      link: { hit: 0, all: 0 },
      date: { hit: 0, all: 0 },
    });
    const totals = tally();
    let compared = 0;
    const problems: string[] = [];
    for (const name of inputs) {
      const text = readFeedText(path.join(rssParserDir, "input", name));
      const feedUrl = `https://fixtures.example/${name}`;
      if (name === "unrecognized.rss") {
        expect(() => parseFeed(text, feedUrl)).toThrow(FeedError);
        try {
          parseFeed(text, feedUrl);
        } catch (error) {
          expect((error as FeedError).code).toBe("not_a_feed");
          expect((error as FeedError).message).toMatch(/HTML page/);
          rejected.push(`${name}: ${(error as FeedError).message.slice(0, 60)}…`);
        }
        continue;
      }
      // The whole document is compared here; the default 500-item cap is checked on its own below.
      const feed = parseFeed(text, feedUrl, { maxItems: 10_000 });
      ParsedFeedSchema.parse(feed);
      parsed++;
      if (feed.items.length > 500) expect(parseFeed(text, feedUrl).items).toEqual(feed.items.slice(0, 500));
      const outputFile = path.join(rssParserDir, "output", name.replace(/\.\w+$/, ".json"));
      if (!existsSync(outputFile)) continue;
      const expected = JSON.parse(readJsonText(outputFile)) as {
        feed: { items?: Array<{ title?: string; link?: string; isoDate?: string }> };
      };
      // feedsmith drops an entry with no content at all (incomplete-fields.atom's "<entry><author/>");
      // rss-parser keeps it as {}. Such an item is useless to a briefing, so it is left out here.
      const expectedItems = (expected.feed.items ?? []).filter((item) => Object.keys(item).length > 0);
      expect(feed.items.length, `${name}: item count`).toBe(expectedItems.length);
      const local = tally();
      expectedItems.forEach((want, index) => {
        const got = feed.items[index];
        compared++;
        if (want.title !== undefined) {
          local.title.all++;
          if (squash(got?.title) === plainTitle(want.title)) local.title.hit++;
          else problems.push(`${name}#${index} title: ${JSON.stringify(got?.title)} vs ${JSON.stringify(want.title)}`);
        }
        if (want.link !== undefined) {
          local.link.all++;
          if (got?.link === new URL(want.link.trim(), feedUrl).href) local.link.hit++;
          else problems.push(`${name}#${index} link: ${got?.link} vs ${want.link}`);
        }
        if (want.isoDate !== undefined) {
          local.date.all++;
          if (got?.publishedAt === Date.parse(want.isoDate)) local.date.hit++;
          else problems.push(`${name}#${index} date: ${got?.publishedAt} vs ${want.isoDate}`);
        }
      });
      for (const key of ["title", "link", "date"] as const) {
        const { hit, all } = local[key];
        expect(hit, `${name}: ${key} matches ${hit}/${all}\n${problems.slice(-5).join("\n")}`).toBeGreaterThanOrEqual(
          Math.ceil(all * 0.95),
        );
        totals[key].hit += hit;
        totals[key].all += all;
      }
    }
    const rate = ({ hit, all }: Tally): string => `${hit}/${all} (${percent(hit, all)})`;
    report.push(
      `rss-parser fixtures: ${inputs.length} files, ${parsed} parsed, ${rejected.length} rejected (${rejected.join("; ")}); ` +
        `${compared} expected items matched on title ${rate(totals.title)}, link ${rate(totals.link)}, date ${rate(totals.date)}`,
    );
    if (problems.length > 0) report.push(`  mismatches: ${problems.slice(0, 12).join(" | ")}`);
  });

  it("parses every feed in feed-extractor's test data", () => {
    const files = walk(feedExtractorDir);
    let items = 0;
    for (const file of files) {
      const feed = parseFeed(readFeedText(file), `https://fixtures.example/${path.basename(file)}`);
      ParsedFeedSchema.parse(feed);
      expect(feed.items.length, path.basename(file)).toBeGreaterThan(0);
      items += feed.items.length;
    }
    report.push(`feed-extractor test data: ${files.length} files, ${files.length} parsed, 0 rejected, ${items} items`);
  });

  // Per-file parse times are a benchmark (test/bench/parse-corpus-bench.ts), not an assertion. The
  // 2,217 files take about 20 s on a busy shared machine: a longer limit than vitest's default.
  it("parses or clearly rejects every W3C Feed Validator test case", () => {
    const files = walk(w3cDir);
    let parsed = 0;
    let lenient = 0;
    let rejected = 0;
    const byCode = new Map<string, number>();
    const byReason = new Map<string, number>();
    const crashes: string[] = [];
    for (const file of files) {
      const text = readFeedText(file);
      try {
        const feed = ParsedFeedSchema.parse(parseFeed(text, "https://w3c.example/feed.xml"));
        if (feed.lenient) lenient++;
        else parsed++;
      } catch (error) {
        if (error instanceof FeedError && error.message.length > 10) {
          rejected++;
          byCode.set(error.code, (byCode.get(error.code) ?? 0) + 1);
          // The reason without its specifics (element names, lines), to count rejections by kind.
          const reason = error.message.replace(/<[^>]*>|"[^"]*"|\d+/g, "…").slice(0, 70);
          byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
        } else {
          crashes.push(`${path.relative(w3cDir, file)}: ${String(error)}`);
        }
      }
    }
    expect(crashes).toEqual([]);
    const codes = [...byCode].map(([code, count]) => `${code} ${count}`).join(", ");
    const reasons = [...byReason]
      .sort((a, b) => b[1] - a[1])
      .map(([reason, count]) => `    ${count}  ${reason}`)
      .join("\n");
    report.push(
      `W3C validator cases: ${files.length} files, ${parsed} parsed strictly, ${lenient} parsed leniently, ${rejected} rejected (${codes}), 0 crashes\n${reasons}`,
    );
  }, 120_000);

  it("parses the dates the W3C test cases mark as valid, and refuses impossible ones", () => {
    const files = walk(w3cDir).filter((file) => file.endsWith(".xml"));
    const validClass = /(?<!!)\b(?:ValidRFC2822Date|ValidW3CDTFDate|ProblematicalRFC822Date)\b/;
    const invalidClass = /(?<!!)\b(?:Invalid(?:RFC2822|RFC3339|W3CDTF)Date|ImplausibleDate)\b/;
    const dateDir = /data-types-datetime|\/3\.3\/|date|issued|modified|published|updated/i;
    const dateElement =
      /<(pubDate|lastBuildDate|dc:date|dcterms:(?:created|issued|modified)|published|updated|issued|modified|created)>([^<]*)<\//g;
    const impossible = /bad_(?:day|month|hours|minutes|seconds)|no_year|updated-past/;
    let validFiles = 0;
    let validValues = 0;
    let invalidFiles = 0;
    let invalidNull = 0;
    const failures: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const expect_ = /Expect:\s*([^\n]*)/.exec(text)?.[1] ?? "";
      const relative = path.relative(w3cDir, file);
      const values = [...text.matchAll(dateElement)].map((m) => m[2] ?? "");
      if (values.length === 0) continue;
      const valid = validClass.test(expect_) || (/!Error/.test(expect_) && dateDir.test(relative));
      if (valid) {
        validFiles++;
        const feed = parseFeed(readFeedText(file), "https://w3c.example/feed.xml");
        for (const value of values) {
          validValues++;
          if (parseFeedDate(value) === null) failures.push(`${relative}: ${JSON.stringify(value)} -> null`);
        }
        if (/parent:(?:item|entry)/.test(expect_) && feed.items.every((item) => item.publishedAt === null)) {
          failures.push(`${relative}: no item date`);
        }
      } else if (invalidClass.test(expect_)) {
        invalidFiles++;
        // The date named in the Expect class is the last date element in these files.
        const value = values[values.length - 1] ?? "";
        const result = parseFeedDate(value);
        if (result === null) invalidNull++;
        if (impossible.test(relative) && result !== null) failures.push(`${relative}: ${JSON.stringify(value)} parsed`);
      }
    }
    expect(failures).toEqual([]);
    expect(validFiles).toBeGreaterThan(50);
    report.push(
      `W3C date cases: ${validFiles} files marked valid (${validValues} date values, all parsed); ` +
        `${invalidFiles} marked invalid: ${invalidNull} -> null, ${invalidFiles - invalidNull} read leniently (impossible ones all null)`,
    );
  });
});
