// The parser pool really parses on a worker thread and carries FeedErrors back intact.
import { afterEach, describe, expect, it } from "vitest";
import { FeedParserPool } from "../../../src/adapters/feeds/feed-parser-pool.js";
import { FeedError } from "../../../src/briefing/errors.js";

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Pool</title><link>https://pool.test/</link>
<item><title>One</title><link>/a/1</link><pubDate>Mon, 12 Jan 2026 10:00:00 GMT</pubDate><description>&lt;p&gt;First.&lt;/p&gt;</description></item>
</channel></rss>`;

describe("FeedParserPool", () => {
  let pool: FeedParserPool;
  afterEach(async () => pool.close());

  it("parses on a worker exactly as in-thread parsing does", async () => {
    pool = new FeedParserPool(2);
    const [a, b] = await Promise.all([
      pool.parse(RSS, "https://pool.test/feed"),
      pool.parse(RSS, "https://pool.test/other"),
    ]);
    expect(a.title).toBe("Pool");
    expect(a.items[0]).toMatchObject({
      title: "One",
      link: "https://pool.test/a/1",
      publishedAt: Date.UTC(2026, 0, 12, 10),
      text: "First.",
    });
    expect(b.items).toHaveLength(1);
  });

  it("rejects with the parser's FeedError, code and reason kept, and keeps serving", async () => {
    pool = new FeedParserPool();
    const error = await pool.parse("<html><body>hello</body></html>", "https://pool.test/").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).code).toBe("not_a_feed");
    expect((await pool.parse(RSS, "https://pool.test/feed")).items).toHaveLength(1);
  });

  it("refuses work after close", async () => {
    pool = new FeedParserPool();
    await pool.close();
    await expect(pool.parse(RSS, "https://pool.test/feed")).rejects.toThrow(/closed/);
  });
});
