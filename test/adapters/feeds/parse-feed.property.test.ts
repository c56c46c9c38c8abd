// Property tests (fast-check) for the feed parser: whatever arrives, it returns a feed or our
// FeedError, never another exception; feeds we generate round-trip their titles, links and dates.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/adapters/feeds/parse-feed.js";
import { parseFeedDocument } from "../../../src/adapters/feeds/parse-feed-document.js";
import { FeedError } from "../../../src/briefing/errors.js";
import { ParsedFeedSchema } from "../../../src/briefing/parsed-feed.js";

/** Bounded for `npm test`; BRIEFBOT_PROPERTY_RUNS asks for a longer local run (docs/testing.md). */
function runs(defaultRuns: number): number {
  const asked = Number(process.env.BRIEFBOT_PROPERTY_RUNS);
  return Number.isInteger(asked) && asked > 0 ? asked : defaultRuns;
}

const FEED_URL = "https://feeds.example/feed";
/** A longer local run needs more than vitest's default time per test. */
const TIMEOUT_MS = process.env.BRIEFBOT_PROPERTY_RUNS ? 3_600_000 : 60_000;

/** Runs `parse`; true when it returned a valid feed or threw a FeedError with a reason. */
function feedOrFeedError(parse: () => unknown): boolean {
  try {
    const result = parse();
    const feed =
      (result as { kind?: string; feed?: unknown }).kind === "feed" ? (result as { feed: unknown }).feed : result;
    if ((result as { kind?: string }).kind === "page") return true;
    ParsedFeedSchema.parse(feed);
    return true;
  } catch (error) {
    if (error instanceof FeedError && error.message.length > 0) return true;
    throw error;
  }
}

/** Pieces of real feeds, including the broken kinds: fuzzed text built from them looks like XML often enough. */
const XML_PIECES = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<rss version="2.0">',
  "</rss>",
  "<r:rss xmlns:r='urn:x'>",
  "<channel>",
  "</channel>",
  "<item>",
  "</item>",
  "<title>",
  "</title>",
  "<link>",
  "</link>",
  "<guid>",
  "</guid>",
  "<pubDate>",
  "Mon, 01 Jan 2024 00:00:00 GMT",
  "</pubDate>",
  "<description>",
  "</description>",
  '<feed xmlns="http://www.w3.org/2005/Atom">',
  "</feed>",
  "<entry>",
  "</entry>",
  '<link href="/a"/>',
  '<content type="base64">',
  '<content mode="base64">',
  "PHA+aGk8L3A+",
  "</content>",
  '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">',
  "</rdf:RDF>",
  "<![CDATA[",
  "]]>",
  "<!--",
  "-->",
  '<!DOCTYPE rss [<!ENTITY a "&b;&b;"><!ENTITY b "x">]>',
  "&a;",
  "&amp;",
  "&nbsp;",
  "&#x0;",
  "&#xD800;",
  "&",
  "<",
  ">",
  "</",
  '"',
  "'",
  "=",
  " ",
  "\n",
  "\ufeff",
  "{",
  "}",
  '"version":"https://jsonfeed.org/version/1.1"',
  '"items":[',
  "]",
  "https://example.com/p?a=1&b=2",
  "xml:base='http://x/'",
];

const xmlLikeText = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...XML_PIECES) }, { weight: 1, arbitrary: fc.string() }), {
    maxLength: 80,
  })
  .map((parts) => parts.join(""));

describe("parseFeed properties", () => {
  it(
    "returns a feed or a FeedError for arbitrary bytes",
    () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ maxLength: 2000 }),
          fc.constantFrom(null, "text/xml; charset=utf-16", "application/json"),
          (bytes, contentType) => feedOrFeedError(() => parseFeedDocument({ bytes, contentType, url: FEED_URL })),
        ),
        { numRuns: runs(300) },
      );
    },
    TIMEOUT_MS,
  );

  it(
    "returns a feed or a FeedError for XML-like and JSON-like text",
    () => {
      fc.assert(
        fc.property(xmlLikeText, (text) => feedOrFeedError(() => parseFeed(text, FEED_URL))),
        { numRuns: runs(500) },
      );
    },
    TIMEOUT_MS,
  );

  it(
    "returns a feed or a FeedError for a valid feed cut at any point",
    () => {
      const whole = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>One &amp; two</title><link>https://example.com/1</link><description><![CDATA[<p>x</p>]]></description></item><item><title>Three</title></item></channel></rss>`;
      fc.assert(
        fc.property(fc.nat(whole.length), (cut) => feedOrFeedError(() => parseFeed(whole.slice(0, cut), FEED_URL))),
        { numRuns: runs(200) },
      );
    },
    TIMEOUT_MS,
  );
});

interface GeneratedItem {
  title: string;
  link: string;
  date: number;
}

const word = (chars: fc.Arbitrary<string>) => fc.string({ unit: chars, minLength: 1, maxLength: 12 });
/** Printable ASCII and some non-ASCII letters, no whitespace (titles are joined with single spaces). */
const anyChar = fc.oneof(
  fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }).filter((c) => /^\S$/.test(c)),
  fc.constantFrom("é", "ü", "—", "中", "’", "€"),
);
/** RSS titles are HTML to most readers, so "<" and "&" there are markup; keep them out of RSS round trips. */
const rssChar = anyChar.filter((c) => c !== "<" && c !== "&");
const titleOf = (chars: fc.Arbitrary<string>) =>
  fc.array(word(chars), { minLength: 1, maxLength: 6 }).map((words) => words.join(" "));

const linkArb = fc
  .tuple(fc.domain(), fc.array(fc.stringMatching(/^[a-z0-9-]{1,10}$/), { maxLength: 3 }))
  .map(([host, path]) => new URL(`https://${host}/${path.join("/")}`).href);
const dateArb = fc
  .integer({ min: Date.UTC(1971, 0, 1) / 1000, max: Date.UTC(2199, 0, 1) / 1000 })
  .map((seconds) => seconds * 1000);

const itemsOf = (chars: fc.Arbitrary<string>) =>
  fc.array(fc.record({ title: titleOf(chars), link: linkArb, date: dateArb }), { minLength: 1, maxLength: 5 });

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function renderRss(items: GeneratedItem[]): string {
  const body = items
    .map(
      (item) =>
        `<item><title>${escapeXml(item.title)}</title><link>${escapeXml(item.link)}</link><pubDate>${new Date(item.date).toUTCString()}</pubDate></item>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>G</title>${body}</channel></rss>`;
}

function renderAtom(items: GeneratedItem[]): string {
  const body = items
    .map(
      (item, index) =>
        `<entry><title type="text">${escapeXml(item.title)}</title><id>urn:g:${index}</id><link href="${escapeXml(item.link)}"/><published>${new Date(item.date).toISOString()}</published><updated>2200-01-01T00:00:00Z</updated></entry>`,
    )
    .join("");
  return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>G</title><id>urn:g</id><updated>2024-01-01T00:00:00Z</updated>${body}</feed>`;
}

function renderJson(items: GeneratedItem[]): string {
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: "G",
    items: items.map((item, index) => ({
      id: String(index),
      title: item.title,
      url: item.link,
      date_published: new Date(item.date).toISOString(),
    })),
  });
}

function roundTrips(text: string, items: GeneratedItem[]): void {
  const feed = parseFeed(text, FEED_URL);
  expect(feed.lenient ?? false).toBe(false);
  expect(feed.items.map((item) => [item.title, item.link, item.publishedAt])).toEqual(
    items.map((item) => [item.title, item.link, item.date]),
  );
}

describe("generated valid feeds round-trip titles, links and dates", () => {
  it(
    "RSS 2.0",
    () => {
      fc.assert(
        fc.property(itemsOf(rssChar), (items) => roundTrips(renderRss(items), items)),
        { numRuns: runs(150) },
      );
    },
    TIMEOUT_MS,
  );

  it(
    "Atom",
    () => {
      fc.assert(
        fc.property(itemsOf(anyChar), (items) => roundTrips(renderAtom(items), items)),
        { numRuns: runs(150) },
      );
    },
    TIMEOUT_MS,
  );

  it(
    "JSON Feed",
    () => {
      fc.assert(
        fc.property(itemsOf(anyChar), (items) => roundTrips(renderJson(items), items)),
        { numRuns: runs(150) },
      );
    },
    TIMEOUT_MS,
  );
});
