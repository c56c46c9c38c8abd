// Ingestion end to end on real parts: a loopback HTTP server, the guarded fetcher, the parser and
// a SQLite file. Covers adding, 304s, autodiscovery, hostile item text, a broken feed among good
// ones, and a feed failing ten times (backoff, then disabled with an event for its channel).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HttpFeedSource } from "../../../src/adapters/feeds/http-feed-source.js";
import { keepFeedLeases } from "../../../src/adapters/feeds/keep-feed-leases.js";
import { normalizeArticle } from "../../../src/adapters/feeds/normalize-article.js";
import { GuardedFetcher } from "../../../src/adapters/http/guarded-fetcher.js";
import { UserError } from "../../../src/briefing/errors.js";
import { addFeed } from "../../../src/briefing/feeds/add-feed.js";
import type { IngestDeps } from "../../../src/briefing/feeds/ingest-feed.js";
import { feedStatus } from "../../../src/briefing/feeds/list-feeds.js";
import { pollDueFeeds } from "../../../src/briefing/feeds/poll-due-feeds.js";
import { backoffDelay } from "../../../src/briefing/feeds/poll-policy.js";
import { formatFeedStatus } from "../../../src/cli/format-feed-status.js";
import { openSqliteStore, type SqliteStore } from "../../../src/store/sqlite/open-sqlite-store.js";
import { type LocalHttpServer, type RouteHandler, startLocalHttpServer } from "../../support/local-http-server.js";

const MIN = 60_000;
const ORIGIN = { platform: "slack", workspaceId: "T1", channelId: "C42", userId: "U7" } as const;

/** A route that answers `status` with a body of the given content type. */
function reply(status: number, type: string, body: string): RouteHandler {
  return (_req, res) => {
    res.writeHead(status, { "content-type": type }).end(body);
  };
}

function rss(items: string[], title = "Loopback News"): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>http://news.test/</link>${items.join("")}</channel></rss>`;
}

function item(id: string, title: string, body: string, date = "Mon, 12 Jan 2026 10:00:00 GMT"): string {
  return `<item><title>${title}</title><link>http://news.test/a/${id}?utm_source=feed</link><guid>${id}</guid><pubDate>${date}</pubDate><description><![CDATA[${body}]]></description></item>`;
}

describe("feed ingestion on real parts", () => {
  let dir: string;
  let store: SqliteStore;
  let server: LocalHttpServer;
  let fetcher: GuardedFetcher;
  let now: number;
  let deps: IngestDeps;
  const warnings: string[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "briefbot-ingest-"));
    store = openSqliteStore(join(dir, "test.db"));
    server = await startLocalHttpServer();
    fetcher = new GuardedFetcher({ userAgent: "briefbot-test", allowPrivate: true, deadlineMs: 5000 });
    now = Date.UTC(2026, 0, 12, 12);
    const log = (_: Record<string, unknown>, message: string) => warnings.push(message);
    deps = {
      feeds: store.feeds,
      articles: store.articles,
      events: store.events,
      source: new HttpFeedSource(fetcher),
      normalize: normalizeArticle,
      clock: { now: () => now },
      random: () => 0.5,
      logger: { debug: log, info: log, warn: log, error: log },
      policy: { refreshMinutes: 15, maxFailures: 10 },
    };
  });

  afterEach(async () => {
    await fetcher.close();
    await server.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("adds a feed with its backlog, then answers 304s without re-parsing, then stores new items as not backlog", async () => {
    let body = rss([item("a1", "Sheinbaum and Trump speak", "The call lasted about 15 minutes.")]);
    server.route("/feed.xml", (req, res) => {
      const etag = `"v${body.length}"`;
      if (req.headers["if-none-match"] === etag) return void res.writeHead(304, { etag }).end();
      res.writeHead(200, { "content-type": "application/rss+xml", etag }).end(body);
    });
    const { feed, stored } = await addFeed(deps, { url: server.url("/feed.xml"), origin: ORIGIN });
    expect(stored).toBe(1);
    expect(feed.title).toBe("Loopback News");
    expect(feed.etag).toMatch(/^"v/);
    const [first] = await store.articles.recentArticles({ limit: 10 });
    expect(first?.backlog).toBe(true);
    expect(first?.url).toBe("http://news.test/a/a1");

    now += 20 * MIN;
    const unchanged = await pollDueFeeds(deps, { concurrency: 2, limit: 10 });
    expect(unchanged).toMatchObject({ due: 1, notModified: 1, stored: 0 });
    expect(server.requests.at(-1)?.headers["if-none-match"]).toBe(feed.etag);

    body = rss([
      item("a1", "Sheinbaum and Trump speak", "The call lasted about 15 minutes."),
      item("a2", "Security talks set for January 22", "Both sides agreed to meet."),
    ]);
    now += 20 * MIN;
    const changed = await pollDueFeeds(deps, { concurrency: 2, limit: 10 });
    expect(changed).toMatchObject({ stored: 1, inserted: 1 });
    const articles = await store.articles.recentArticles({ limit: 10 });
    expect(articles.map((a) => [a.guid, a.backlog]).sort()).toEqual([
      ["a1", true],
      ["a2", false],
    ]);
    const status = await feedStatus(deps, String(feed.id));
    expect(status).toMatchObject({ health: "ok", articleCount: 2 });
    expect(status.feed.nextFetchAt).toBe(now + 15 * MIN);
  });

  it("labels an item the feed files under Opinion as opinion, at add and at every poll; an item with no categories by its prose", async () => {
    const report =
      "Dock workers at the port ended a nine-day strike on Tuesday after their union accepted a 7% wage increase, the port authority said. The agreement was signed late Monday, according to a statement from the labour ministry. About 40 cargo ships had been waiting offshore, officials said.";
    const categorized = (id: string, category: string) =>
      item(id, `Port strike ends (${id})`, report).replace("</item>", `<category>${category}</category></item>`);
    let body = rss([categorized("c1", "Opinion"), item("n1", "Port strike ends", report)]);
    server.route(
      "/feed.xml",
      (_req, res) => void res.writeHead(200, { "content-type": "application/rss+xml" }).end(body),
    );
    await addFeed(deps, { url: server.url("/feed.xml"), origin: ORIGIN });
    body = rss([
      categorized("c1", "Opinion"),
      item("n1", "Port strike ends", report),
      categorized("c2", "Editorials"),
      categorized("c3", "World"),
    ]);
    now += 20 * MIN;
    expect(await pollDueFeeds(deps, { concurrency: 1, limit: 10 })).toMatchObject({ inserted: 2 });
    const byGuid = new Map((await store.articles.recentArticles({ limit: 10 })).map((a) => [a.guid, a]));
    expect(byGuid.get("c1")).toMatchObject({ kind: "opinion", kindReason: 'category "Opinion"' });
    expect(byGuid.get("c2")).toMatchObject({ kind: "opinion", kindReason: 'category "Editorials"' });
    expect(byGuid.get("c3")).toMatchObject({
      kind: "news",
      kindReason: expect.stringMatching(/^prose reads as reporting/),
    });
    expect(byGuid.get("n1")).toMatchObject({
      kind: "news",
      kindReason: expect.stringMatching(/^prose reads as reporting/),
    });
  });

  it("stores the items of an ill-formed feed, flags the feed as parsed leniently, and clears the flag when it is mended", async () => {
    let body = rss([item("b1", "Storm&nbsp;warning", "Roads <b>closed</i> today.")]).replace(
      "<description><![CDATA[Roads <b>closed</i> today.]]></description>",
      "<description>Roads <b>closed</i> today.</description>",
    );
    server.route("/broken-but-readable.xml", (_req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(body);
    });
    const { feed, stored } = await addFeed(deps, { url: server.url("/broken-but-readable.xml"), origin: null });
    expect(stored).toBe(1);
    expect(feed.lastParseLenient).toBe(true);
    expect((await store.articles.recentArticles({ limit: 1 }))[0]?.title).toBe("Storm warning");
    const status = await feedStatus(deps, String(feed.id));
    expect(formatFeedStatus(status)).toMatch(/^parsing +lenient \(the last document was not well-formed XML/m);

    body = rss([item("b1", "Storm warning", "Roads closed today.")]);
    now += 20 * MIN;
    await pollDueFeeds(deps, { concurrency: 1, limit: 10 });
    const mended = await feedStatus(deps, String(feed.id));
    expect(mended.feed.lastParseLenient).toBe(false);
    expect(formatFeedStatus(mended)).toMatch(/^parsing +strict$/m);
  });

  it("follows an HTML page's autodiscovery link and subscribes to the feed itself", async () => {
    server.route(
      "/",
      reply(
        200,
        "text/html",
        '<html><head><link rel="alternate" type="application/rss+xml" href="/news/rss"></head><body>Hi</body></html>',
      ),
    );
    server.route("/news/rss", reply(200, "application/xml", rss([item("x", "A", "B")])));
    const { feed } = await addFeed(deps, { url: server.url("/"), origin: null });
    expect(feed.url).toBe(server.url("/news/rss"));
    await expect(addFeed(deps, { url: server.url("/news/rss"), origin: null })).rejects.toMatchObject({
      code: "feed_exists",
    });
  });

  it("refuses a URL that is not a feed, saves nothing, and says why", async () => {
    server.route("/page", reply(200, "text/html", "<html><body>No feed here</body></html>"));
    server.route("/broken.xml", reply(200, "application/xml", "<rss><channel><title>x</title><item></channel>"));
    const error = await addFeed(deps, { url: server.url("/page"), origin: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/not a feed|HTML/i);
    await expect(addFeed(deps, { url: server.url("/broken.xml"), origin: null })).rejects.toBeInstanceOf(UserError);
    await expect(addFeed(deps, { url: "ftp://example.com/feed", origin: null })).rejects.toMatchObject({
      code: "invalid_feed_url",
    });
    expect(await store.feeds.listFeeds()).toEqual([]);
  });

  it("stores hostile item text as inert plain text", async () => {
    server.route(
      "/evil.xml",
      reply(
        200,
        "application/rss+xml",
        rss([
          item(
            "e1",
            "Hello @everyone &lt;@&amp;123&gt;",
            '<p>Read this @everyone</p><script>alert("x")</script><img src="http://t.test/p.gif" width="1" height="1"><p>Second &amp; last.</p>',
          ),
        ]),
      ),
    );
    await addFeed(deps, { url: server.url("/evil.xml"), origin: null });
    const [article] = await store.articles.recentArticles({ limit: 1 });
    expect(article?.text).toBe("Read this @everyone\n\nSecond & last.");
    expect(article?.text).not.toMatch(/alert|<script|<img/);
    expect(article?.title).toBe("Hello @everyone <@&123>");
  });

  it("keeps polling the good feeds when one is broken", async () => {
    server.route("/good.xml", reply(200, "application/xml", rss([item("g1", "Good", "Fine text.")])));
    server.route("/bad.xml", reply(200, "application/xml", "<rss><chan"));
    for (const path of ["/bad.xml", "/good.xml"]) {
      await store.feeds.addFeed({
        url: server.url(path),
        title: null,
        siteLink: null,
        origin: null,
        refreshMinutes: 15,
        createdAt: now,
        nextFetchAt: now,
      });
    }
    const summary = await pollDueFeeds(deps, { concurrency: 1, limit: 10 });
    expect(summary).toMatchObject({ due: 2, stored: 1, failed: 1 });
    expect(await store.articles.countArticles()).toBe(1);
    const bad = await store.feeds.findFeedByUrl(server.url("/bad.xml"));
    expect(bad?.lastError).toBeTruthy();
    expect(bad?.consecutiveFailures).toBe(1);
  });

  it("shares a backlog between instances that lease from one database: each feed fetched once", async () => {
    for (let i = 0; i < 6; i++) {
      server.route(`/shared-${i}.xml`, async (_req, res) => {
        await new Promise((r) => setTimeout(r, 20));
        res
          .writeHead(200, { "content-type": "application/rss+xml" })
          .end(rss([item(`s${i}`, `Story ${i}`, `Text ${i}.`)]));
      });
      await store.feeds.addFeed({
        url: server.url(`/shared-${i}.xml`),
        title: null,
        siteLink: null,
        origin: null,
        refreshMinutes: 15,
        createdAt: now,
        nextFetchAt: now,
      });
    }
    const pass = (holder: string) => pollDueFeeds(deps, { concurrency: 1, limit: 100, lease: { holder, ms: 60_000 } });
    const [a, b] = await Promise.all([pass("instance-a"), pass("instance-b")]);
    expect(a.due + b.due).toBe(6);
    expect(a.due).toBeGreaterThan(0);
    expect(b.due).toBeGreaterThan(0);
    for (let i = 0; i < 6; i++) expect(server.hits(`/shared-${i}.xml`)).toBe(1);
    expect(await store.articles.countArticles()).toBe(6);
  });

  it("leases each feed from when it is taken, and keeps it while the pass renews, past the lease's length", async () => {
    // 300 ms on the test's clock, which moves only when a fetch says; renewed every 100 ms of real time.
    const lease = { holder: "a", ms: 300 };
    // What another instance gets when it tries to lease while a fetches.
    const seenByB: number[][] = [];
    const tryB = async () => seenByB.push((await store.feeds.leaseDueFeeds(now, 10, "b", lease.ms)).map((f) => f.id));
    server.route("/first.xml", (_req, res) => {
      now += 2 * lease.ms; // a slow first fetch: the second feed is leased two lease lengths into the pass
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss([item("f1", "First", "One.")]));
    });
    server.route("/second.xml", async (_req, res) => {
      await tryB();
      now += 2 * lease.ms; // and this fetch outlasts its own lease: only a renewal keeps the feed a's
      const renewed = async () => ((await store.feeds.getFeed(second.id))?.nextFetchAt ?? 0) >= now + lease.ms;
      for (let waited = 0; waited < 200 && !(await renewed()); waited++) await new Promise((r) => setTimeout(r, 50));
      await tryB();
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss([item("f2", "Second", "Two.")]));
    });
    const add = (path: string, nextFetchAt: number) =>
      store.feeds.addFeed({
        url: server.url(path),
        title: null,
        siteLink: null,
        origin: null,
        refreshMinutes: 15,
        createdAt: now,
        nextFetchAt,
      });
    await add("/first.xml", now - 2);
    const second = await add("/second.xml", now - 1);
    const summary = await keepFeedLeases(deps, lease, () => pollDueFeeds(deps, { concurrency: 1, limit: 10, lease }));
    expect(summary).toMatchObject({ due: 2, stored: 2 });
    expect(seenByB).toEqual([[], []]);
  });

  it("disables a command-line feed without queueing an announcement nobody could deliver", async () => {
    server.route("/gone.xml", reply(404, "text/plain", "gone"));
    const cli = { platform: "cli", workspaceId: null, channelId: null, userId: null } as const;
    const feed = await store.feeds.addFeed({
      url: server.url("/gone.xml"),
      title: "Gone",
      siteLink: null,
      origin: cli,
      refreshMinutes: 15,
      createdAt: now,
      nextFetchAt: now,
    });
    await pollDueFeeds({ ...deps, policy: { refreshMinutes: 15, maxFailures: 1 } }, { concurrency: 1, limit: 10 });
    expect((await store.feeds.getFeed(feed.id))?.disabledReason).toMatch(/404/);
    expect(await store.events.pendingEvents(10)).toEqual([]);
  });

  it("backs off on a feed that returns 500, disables it after 10 failures and records an event for its channel", async () => {
    server.route("/down.xml", reply(500, "text/plain", "boom"));
    const feed = await store.feeds.addFeed({
      url: server.url("/down.xml"),
      title: "Down",
      siteLink: null,
      origin: ORIGIN,
      refreshMinutes: 15,
      createdAt: now,
      nextFetchAt: now,
    });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 10; attempt++) {
      const summary = await pollDueFeeds(deps, { concurrency: 1, limit: 10 });
      expect(summary.failed).toBe(1);
      const after = await store.feeds.getFeed(feed.id);
      delays.push((after?.nextFetchAt ?? 0) - now);
      expect(after?.consecutiveFailures).toBe(attempt);
      // Not due again before its backoff expires.
      now += (after?.nextFetchAt ?? now) - now - 1;
      expect((await pollDueFeeds(deps, { concurrency: 1, limit: 10 })).due).toBe(0);
      now += 1;
    }
    expect(delays).toEqual(Array.from({ length: 10 }, (_, i) => backoffDelay(i + 1)));
    expect(server.hits("/down.xml")).toBe(10);
    const disabled = await store.feeds.getFeed(feed.id);
    expect(disabled?.disabledReason).toMatch(/10 failed fetches.*500.*\/feed enable/s);
    expect(await store.feeds.dueFeeds(now + 100 * 24 * 60 * MIN, 10)).toEqual([]);
    const events = await store.events.pendingEvents(10);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "feed_disabled", feedId: feed.id, origin: ORIGIN });
  });
});
