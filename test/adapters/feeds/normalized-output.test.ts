// Pins what ingest makes of every feed we have (the hard cases, the sample feeds, the bench's synthetic
// feeds and the third-party corpus in ../shared/eval/feeds): a digest per set of the articles exactly as
// the store receives them, so a speed-up of parsing or normalisation cannot silently change an article.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { normalizeArticle } from "../../../src/adapters/feeds/normalize-article.js";
import { parseFeedDocument } from "../../../src/adapters/feeds/parse-feed-document.js";
import { prepareFeedItems } from "../../../src/adapters/feeds/prepare-feed-items.js";
import { articleFromItem } from "../../../src/briefing/feeds/article-from-item.js";
import { withFullTextWish } from "../../../src/briefing/feeds/needs-full-text.js";
import { withArticleKind } from "../../../src/briefing/feeds/with-article-kind.js";
import { classifyArticleKind } from "../../../src/briefing/stories/classify-article-kind.js";
import { syntheticFeed } from "../../bench/synthetic-feeds.js";
import { HARD_FEED_CASES } from "./hard-feed-cases.js";

/**
 * Recorded from the code before the ingest speed-ups (docs/decisions/016-ingest-throughput.md).
 * A deliberate change to what ingest stores updates these: the failure shows the new digests.
 * Updated for the kind classifier's prose refit (docs/decisions/013, 2026-12-07): labels and reasons changed.
 */
const EXPECTED: Record<string, string> = {
  hard: "f8eb0742cd052cac338ca42d",
  examples: "779697ce2a421e46a3cec698",
  synthetic: "4225c8f6a982a2e31f931946",
  "rss-parser": "3fa51e94f9740f85b114227b",
  "feed-extractor": "917638fe54f1500973f5cbf6",
  w3c: "c1bbdab563117560cec5c69c",
  allsides: "a7bfbc5cbe076e6aeb56b105",
};

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const feedsDir = process.env.BRIEFBOT_EVAL_DIR
  ? path.resolve(process.env.BRIEFBOT_EVAL_DIR, "feeds")
  : path.resolve(repoRoot, "../shared/eval/feeds");
const allsidesFile = path.join(feedsDir, "../stories/allsides/opinion_vs_news_dev.jsonl");
const FETCHED_AT = Date.UTC(2026, 11, 7);

interface Document {
  bytes: Uint8Array;
  contentType: string | null;
  url: string;
}

/** Everything ingest derives from one document: the feed's fields and each stored article, or the error. */
function ingestView(document: Document): unknown {
  try {
    const result = parseFeedDocument(document);
    if (result.kind === "page") return result;
    const { items, ...feed } = result.feed;
    const articles = items.map((item) => {
      const article = withFullTextWish(normalizeArticle(item, FETCHED_AT), "auto");
      return { categories: item.categories, ...withArticleKind(article, { kind: "auto" }, feed.title || null) };
    });
    return { feed, articles };
  } catch (error) {
    return { error: error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error) };
  }
}

function digest(documents: Iterable<Document>): string {
  const hash = createHash("sha256");
  for (const document of documents) hash.update(`${document.url}\n${JSON.stringify(ingestView(document))}\n`);
  return hash.digest("hex").slice(0, 24);
}

/**
 * Each document's articles as ingestFeed builds them (articleFromItem, the item's categories
 * included) for a feed titled `outlet`: from the items as parsed in-thread, or as the parser worker
 * hands them over, prepared (prepareFeedItems). The two must be the same, article for article.
 */
function ingestArticles(document: Document, prepared: boolean, outlet?: string): string[] {
  try {
    const result = parseFeedDocument(document);
    if (result.kind === "page") return [JSON.stringify(result)];
    const feed = prepared ? prepareFeedItems(result.feed) : result.feed;
    const title = outlet ?? (feed.title || null);
    return feed.items.map((item) =>
      JSON.stringify(articleFromItem(item, { kind: "auto", fulltext: "auto" }, title, normalizeArticle, FETCHED_AT)),
    );
  } catch (error) {
    return [error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error)];
  }
}

/** Documents whose articles differ between the two paths (url and first differing article), at most 5. */
function preparedDifferences(documents: Iterable<Document>, outlet?: string): string[] {
  const differences: string[] = [];
  for (const document of documents) {
    const plain = ingestArticles(document, false, outlet);
    const prepared = ingestArticles(document, true, outlet);
    const at = plain.findIndex((article, i) => article !== prepared[i]);
    if (at !== -1 || plain.length !== prepared.length)
      differences.push(`${document.url}: ${plain[at]} / ${prepared[at]}`);
    if (differences.length >= 5) break;
  }
  return differences;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .sort();
}

function* files(dir: string): Iterable<Document> {
  for (const file of walk(dir)) {
    const name = path.relative(dir, file);
    yield { bytes: readFileSync(file), contentType: null, url: `https://corpus.example/${name}` };
  }
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("normalised output of the known feeds", () => {
  it("is unchanged for the hard cases, the sample feeds and the bench's synthetic feeds", () => {
    const hard = HARD_FEED_CASES.map((c) => ({
      ...(typeof c.body === "string" ? { bytes: utf8(c.body), contentType: null } : c.body),
      url: c.url ?? `https://hard.example/${encodeURIComponent(c.name)}.xml`,
    }));
    const synthetic = Array.from({ length: 4 }, (_, n) => ({
      bytes: utf8(syntheticFeed(`http://feeds${n}.bench.localhost`, n, 100)),
      contentType: "application/rss+xml; charset=utf-8",
      url: `http://feeds${n}.bench.localhost/feed.xml`,
    }));
    expect({
      hard: digest(hard),
      examples: digest(files(path.join(repoRoot, "examples/feeds"))),
      synthetic: digest(synthetic),
    }).toEqual({ hard: EXPECTED.hard, examples: EXPECTED.examples, synthetic: EXPECTED.synthetic });
  });

  it("is the same when the parser worker prepares the items (known feeds, and a feed with a title of its own)", () => {
    const hard = () =>
      HARD_FEED_CASES.map((c) => ({
        ...(typeof c.body === "string" ? { bytes: utf8(c.body), contentType: null } : c.body),
        url: c.url ?? `https://hard.example/${encodeURIComponent(c.name)}.xml`,
      }));
    const synthetic = () =>
      Array.from({ length: 4 }, (_, n) => ({
        bytes: utf8(syntheticFeed(`http://feeds${n}.bench.localhost`, n, 100)),
        contentType: "application/rss+xml; charset=utf-8",
        url: `http://feeds${n}.bench.localhost/feed.xml`,
      }));
    const examples = () => [...files(path.join(repoRoot, "examples/feeds"))];
    for (const documents of [hard, synthetic, examples]) {
      expect(preparedDifferences(documents())).toEqual([]);
      // A stored title unlike the document's: the worker's label was read with another outlet.
      expect(preparedDifferences(documents(), "Harbor Wire Opinion")).toEqual([]);
    }
  });

  it.skipIf(!existsSync(feedsDir))(
    "is the same when the parser worker prepares the items (third-party corpus)",
    () => {
      for (const dir of [
        "rss-parser-fixtures/test/input",
        "feed-extractor-test-data/tests",
        "w3c-feedvalidator-testcases/testcases",
      ]) {
        expect(preparedDifferences(files(path.join(feedsDir, dir)))).toEqual([]);
      }
    },
    120_000,
  );

  it.skipIf(!existsSync(feedsDir))(
    "is unchanged for the third-party corpus in ../shared/eval/feeds",
    () => {
      expect({
        "rss-parser": digest(files(path.join(feedsDir, "rss-parser-fixtures/test/input"))),
        "feed-extractor": digest(files(path.join(feedsDir, "feed-extractor-test-data/tests"))),
        w3c: digest(files(path.join(feedsDir, "w3c-feedvalidator-testcases/testcases"))),
      }).toEqual({
        "rss-parser": EXPECTED["rss-parser"],
        "feed-extractor": EXPECTED["feed-extractor"],
        w3c: EXPECTED.w3c,
      });
    },
    120_000,
  );

  // Real prose, opinion and news: the classifier's prose reading is ingest's largest cost per article.
  it.skipIf(!existsSync(allsidesFile))("labels the AllSides opinion and news set as before", () => {
    const hash = createHash("sha256");
    for (const line of readFileSync(allsidesFile, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      const row = JSON.parse(line) as { title?: string; url?: string; content_original?: string; source?: string };
      const text = row.content_original ?? "";
      const full = { title: row.title ?? "", url: row.url ?? null, text, outlet: row.source ?? null };
      const prose = { title: "", url: null, text };
      hash.update(`${JSON.stringify(classifyArticleKind(full))}${JSON.stringify(classifyArticleKind(prose))}\n`);
    }
    expect(hash.digest("hex").slice(0, 24)).toBe(EXPECTED.allsides);
  });
});
