// The parser pool really decodes and parses on a worker thread: bytes are moved there, not copied,
// charsets are read there, items come back prepared for ingest, FeedErrors come back intact, and a
// page answers with its feed links.
import iconv from "iconv-lite";
import { afterEach, describe, expect, it } from "vitest";
import { FeedParserPool } from "../../../src/adapters/feeds/feed-parser-pool.js";
import { itemContentHash } from "../../../src/adapters/feeds/normalize-article.js";
import { FeedError } from "../../../src/briefing/errors.js";
import type { FeedItem, ParsedFeed } from "../../../src/briefing/parsed-feed.js";

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Pool</title><link>https://pool.test/</link>
<item><title>One</title><link>/a/1</link><pubDate>Mon, 12 Jan 2026 10:00:00 GMT</pubDate><description>&lt;p&gt;First.&lt;/p&gt;</description></item>
</channel></rss>`;

const doc = (text: string, url = "https://pool.test/feed", contentType: string | null = "application/rss+xml") => ({
  bytes: new Uint8Array(Buffer.from(text, "utf8")),
  contentType,
  url,
});

async function feedOf(pool: FeedParserPool, document: ReturnType<typeof doc>): Promise<ParsedFeed> {
  const result = await pool.parse(document);
  if (result.kind !== "feed") throw new Error(`expected a feed, got a page: ${result.reason}`);
  return result.feed;
}

describe("FeedParserPool", () => {
  let pool: FeedParserPool;
  afterEach(async () => pool.close());

  it("parses on a worker exactly as in-thread parsing does", async () => {
    pool = new FeedParserPool(2);
    const [a, b] = await Promise.all([feedOf(pool, doc(RSS)), feedOf(pool, doc(RSS, "https://pool.test/other"))]);
    expect(a.title).toBe("Pool");
    expect(a.items[0]).toMatchObject({
      title: "One",
      link: "https://pool.test/a/1",
      publishedAt: Date.UTC(2026, 0, 12, 10),
      text: "First.",
    });
    expect(b.items).toHaveLength(1);
  });

  it("prepares each item on the worker: canonical URL, content hash, teaser, and the label with the document's title", async () => {
    pool = new FeedParserPool();
    const tracked = RSS.replace("<link>/a/1</link>", "<link>/opinion/1?utm_source=rss</link>");
    const [item] = (await feedOf(pool, doc(tracked))).items;
    expect(item?.prepared).toEqual({
      url: "https://pool.test/opinion/1",
      contentHash: itemContentHash(item as FeedItem, "https://pool.test/opinion/1"),
      teaser: true,
      kind: "opinion",
      kindReason: 'url path "/opinion/"',
      outlet: "Pool",
    });
  });

  it("moves the bytes to the worker instead of copying them", async () => {
    pool = new FeedParserPool();
    const document = doc(RSS);
    const parsed = feedOf(pool, document);
    expect(document.bytes.buffer.byteLength).toBe(0); // detached: it now belongs to the worker
    expect((await parsed).items).toHaveLength(1);
  });

  it("copies a slice of a shared buffer rather than detaching its neighbours", async () => {
    pool = new FeedParserPool();
    const shared = Buffer.from(`${RSS}----neighbour`, "utf8");
    const slice = shared.subarray(0, Buffer.byteLength(RSS));
    expect((await feedOf(pool, { bytes: slice, contentType: null, url: "https://pool.test/feed" })).title).toBe("Pool");
    expect(shared.toString("utf8").endsWith("----neighbour")).toBe(true);
  });

  it("decodes the document's charset on the worker", async () => {
    pool = new FeedParserPool();
    const latin = RSS.replace("<title>One</title>", "<title>Caf\u00e9 \u20ac5</title>");
    const bytes = new Uint8Array(
      iconv.encode(latin.replace('version="1.0"', 'version="1.0" encoding="windows-1252"'), "windows-1252"),
    );
    const feed = await feedOf(pool, { bytes, contentType: "text/xml", url: "https://pool.test/feed" });
    expect(feed.items[0]?.title).toBe("Caf\u00e9 \u20ac5");
  });

  it("answers a page that is not a feed with the feed links it declares", async () => {
    pool = new FeedParserPool();
    const page = `<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>hello</body></html>`;
    expect(await pool.parse(doc(page, "https://pool.test/blog/", "text/html"))).toEqual({
      kind: "page",
      reason: expect.stringMatching(/not .*feed/i),
      feedLinks: ["https://pool.test/rss.xml"],
    });
  });

  it("rejects a broken feed with the parser's FeedError, code and reason kept, and keeps serving", async () => {
    pool = new FeedParserPool();
    const error = await pool.parse(doc("<rss><channel><title>x</ti")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).code).toBe("parse");
    expect((await feedOf(pool, doc(RSS))).items).toHaveLength(1);
  });

  it("refuses work after close", async () => {
    pool = new FeedParserPool();
    await pool.close();
    await expect(pool.parse(doc(RSS))).rejects.toThrow(/closed/);
  });
});
