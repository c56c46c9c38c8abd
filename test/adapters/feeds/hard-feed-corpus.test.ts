// Scores the parser on briefbot's own corpus of hard real-world feed cases (hard-feed-cases.ts): a
// case passes when parsing succeeds and every item projects to what the case expects.
import { describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/adapters/feeds/parse-feed.js";
import { parseFeedDocument } from "../../../src/adapters/feeds/parse-feed-document.js";
import type { ParsedFeed } from "../../../src/briefing/parsed-feed.js";
import { type ExpectedItem, HARD_FEED_CASES, type HardFeedCase } from "./hard-feed-cases.js";

/** The pass rate reached; lower it only with a reason in the commit. */
const MIN_PASS_RATE = 75 / 75;

function parseCase(testCase: HardFeedCase): ParsedFeed {
  const url = testCase.url ?? "https://example.com/feed";
  if (typeof testCase.body === "string") return parseFeed(testCase.body, url);
  const result = parseFeedDocument({ ...testCase.body, url });
  if (result.kind !== "feed") throw new Error(`not a feed: ${result.reason}`);
  return result.feed;
}

function project(item: ParsedFeed["items"][number], expected: ExpectedItem): ExpectedItem {
  const actual: ExpectedItem = {};
  if ("title" in expected) actual.title = item.title;
  if ("link" in expected) actual.link = item.link;
  if ("date" in expected) actual.date = item.publishedAt === null ? null : new Date(item.publishedAt).toISOString();
  if ("guid" in expected) actual.guid = item.id;
  if ("author" in expected) actual.author = item.author;
  if ("categories" in expected) actual.categories = (item as { categories?: string[] }).categories ?? [];
  return actual;
}

const canonical = (value: ExpectedItem): string =>
  JSON.stringify(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));

/** Null when the case passes, else what differed. */
function scoreCase(testCase: HardFeedCase): string | null {
  let feed: ParsedFeed;
  try {
    feed = parseCase(testCase);
  } catch (error) {
    return `threw: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (feed.items.length !== testCase.items.length)
    return `expected ${testCase.items.length} items, got ${feed.items.length}`;
  for (const [index, expected] of testCase.items.entries()) {
    const actual = project(feed.items[index] as ParsedFeed["items"][number], expected);
    if (canonical(actual) !== canonical(expected))
      return `item ${index}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  }
  return null;
}

describe("hard feed corpus", () => {
  it(`passes at least ${(MIN_PASS_RATE * 100).toFixed(1)}% of ${HARD_FEED_CASES.length} hard cases`, () => {
    const failures: string[] = [];
    for (const testCase of HARD_FEED_CASES) {
      const failure = scoreCase(testCase);
      if (failure !== null) failures.push(`${testCase.name}: ${failure}`);
    }
    const passed = HARD_FEED_CASES.length - failures.length;
    const rate = passed / HARD_FEED_CASES.length;
    console.log(
      `hard feed corpus: ${passed}/${HARD_FEED_CASES.length} (${(100 * rate).toFixed(1)}%)\n${failures.map((f) => `  FAIL ${f}`).join("\n")}`,
    );
    expect(rate).toBeGreaterThanOrEqual(MIN_PASS_RATE);
  });
});
