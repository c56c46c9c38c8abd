// Article full text end to end on real parts: a loopback HTTP server serving feeds, pages and
// robots.txt, the guarded page fetcher, Readability on linkedom (in-process and on the worker),
// and a SQLite file. Teasers get upgraded; walls, robots.txt, SSRF and size limits keep the feed text.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArticleExtractor, extractPendingArticles } from "../../../src/adapters/articles/article-extractor.js";
import { ArticlePageFetcher } from "../../../src/adapters/articles/article-page-fetcher.js";
import { extractArticle } from "../../../src/adapters/articles/extract-article.js";
import { PageExtractorPool } from "../../../src/adapters/articles/page-extractor-pool.js";
import { HttpFeedSource } from "../../../src/adapters/feeds/http-feed-source.js";
import { normalizeArticle } from "../../../src/adapters/feeds/normalize-article.js";
import { GuardedFetcher } from "../../../src/adapters/http/guarded-fetcher.js";
import type { Article } from "../../../src/briefing/article.js";
import { addFeed } from "../../../src/briefing/feeds/add-feed.js";
import { MAX_EXTRACTION_ATTEMPTS } from "../../../src/briefing/feeds/extraction-policy.js";
import type { FeedDeps } from "../../../src/briefing/feeds/feed-deps.js";
import { openSqliteStore, type SqliteStore } from "../../../src/store/sqlite/open-sqlite-store.js";
import { LOOPBACK_ONLY } from "../../support/fetcher-fixtures.js";
import { type LocalHttpServer, type RouteHandler, startLocalHttpServer } from "../../support/local-http-server.js";

const T0 = Date.UTC(2026, 0, 12, 12);
const HOUR = 3_600_000;

const PARAGRAPH =
  "The volcano erupted on Tuesday morning, sending a column of ash four kilometres into the sky above the valley. " +
  "Airport officials cancelled dozens of flights while residents of nearby towns were told to stay indoors and keep windows shut. ";

function articlePage(options: { title?: string; body?: string; canonical?: string; lang?: string } = {}): string {
  const body =
    options.body ?? Array.from({ length: 6 }, (_, i) => `<p>${PARAGRAPH} Paragraph ${i + 1}.</p>`).join("\n");
  return `<!doctype html><html lang="${options.lang ?? "en"}"><head><title>${options.title ?? "Volcano erupts"} - Loopback News</title>
  ${options.canonical ? `<link rel="canonical" href="${options.canonical}">` : ""}
  <meta property="og:image" content="/img/lead.jpg"><meta name="author" content="Ana Díaz"></head>
  <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
  <article><h1>${options.title ?? "Volcano erupts"}</h1><p class="byline">By Ana Díaz</p>${body}</article>
  <footer>© Loopback News</footer></body></html>`;
}

const CONSENT_WALL = `<!doctype html><html><head><title>Before you continue</title></head><body><div id="consent">
  <h1>We value your privacy</h1><p>We use cookies and similar technologies to run this site and to measure audiences.
  We and our partners store and access information on your device. You can accept all cookies or manage your preferences.</p>
  <button>Accept all</button><button>Reject all</button></div></body></html>`;

const PAYWALL = `<!doctype html><html><head><title>Volcano erupts</title></head><body><article><h1>Volcano erupts</h1>
  <p>The volcano erupted on Tuesday morning, sending a column of ash into the sky above the valley and towns nearby.</p>
  <p>Subscribe now to continue reading. Already a subscriber? Sign in to read the full story and our award-winning coverage.</p>
  </article></body></html>`;

function html(body: string, type = "text/html; charset=utf-8"): RouteHandler {
  return (_req, res) => {
    res.writeHead(200, { "content-type": type }).end(body);
  };
}

function rss(items: Array<{ id: string; link: string; text: string }>): string {
  const xml = items
    .map(
      (i) =>
        `<item><title>Story ${i.id}</title><link>${i.link}</link><guid>${i.id}</guid><pubDate>Mon, 12 Jan 2026 10:00:00 GMT</pubDate><description><![CDATA[${i.text}]]></description></item>`,
    )
    .join("");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback News</title><link>http://x.test/</link>${xml}</channel></rss>`;
}

describe("article full text on real parts", () => {
  let dir: string;
  let store: SqliteStore;
  let server: LocalHttpServer;
  let feedFetcher: GuardedFetcher;
  let pages: ArticlePageFetcher;
  let now: number;
  const logged: string[] = [];
  const logger = {
    debug: (_: unknown, m: string) => logged.push(m),
    info: (_: unknown, m: string) => logged.push(m),
    warn: (_: unknown, m: string) => logged.push(m),
    error: (_: unknown, m: string) => logged.push(m),
  };

  const deps = () => ({
    articles: store.articles,
    clock: { now: () => now },
    logger,
    pages,
    extract: async (text: string, url: string) => extractArticle(text, url),
  });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "briefbot-fulltext-"));
    store = openSqliteStore(join(dir, "test.db"));
    server = await startLocalHttpServer();
    feedFetcher = new GuardedFetcher({ userAgent: "briefbot-test", allowPrivate: false, allowAddress: LOOPBACK_ONLY });
    pages = new ArticlePageFetcher({
      userAgent: "briefbot/test",
      allowPrivate: false,
      hostDelayMs: 0,
      deadlineMs: 5000,
      connect: { allowAddress: LOOPBACK_ONLY },
    });
    now = T0;
  });

  afterEach(async () => {
    await pages.close();
    await feedFetcher.close();
    await server.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Subscribes to a loopback feed carrying `items` and returns its articles by guid. */
  async function subscribe(items: Array<{ id: string; path: string; text: string }>): Promise<Map<string, Article>> {
    server.route("/feed.xml", html(rss(items.map((i) => ({ ...i, link: server.url(i.path) }))), "application/rss+xml"));
    const feedDeps: FeedDeps = {
      feeds: store.feeds,
      articles: store.articles,
      source: new HttpFeedSource(feedFetcher),
      normalize: normalizeArticle,
      clock: { now: () => now },
      random: () => 0.5,
      policy: { refreshMinutes: 15, maxFailures: 10 },
    };
    await addFeed(feedDeps, { url: server.url("/feed.xml"), origin: null });
    return byGuid();
  }

  async function byGuid(): Promise<Map<string, Article>> {
    const all = await store.articles.getArticles(Array.from({ length: 50 }, (_, i) => i + 1));
    return new Map(all.map((a) => [a.guid ?? "", a]));
  }

  it("stores a teaser at once with the feed's text, then upgrades it from the page", async () => {
    server.route("/news/1", html(articlePage({ canonical: "/news/1" })));
    const long = `${PARAGRAPH.repeat(8)}`;
    const before = await subscribe([
      { id: "1", path: "/news/1", text: "Volcano erupts near the capital… Read more" },
      { id: "2", path: "/news/2", text: long },
    ]);
    expect(before.get("1")).toMatchObject({
      text: "Volcano erupts near the capital… Read more",
      extractionStatus: "pending",
    });
    expect(before.get("2")?.extractionStatus).toBe("none");
    expect(server.hits("/news/1")).toBe(0);

    const summary = await extractPendingArticles(deps());
    expect(summary).toMatchObject({ due: 1, extracted: 1, kept: 0, retried: 0, failed: 0 });
    const after = (await byGuid()).get("1");
    expect(after).toMatchObject({
      extractionStatus: "extracted",
      byline: "Ana Díaz",
      language: "en",
      imageUrl: server.url("/img/lead.jpg"),
      canonicalUrl: server.url("/news/1"),
    });
    expect(after?.text).toContain("Airport officials cancelled dozens of flights");
    expect(after?.text).not.toContain("Home");
    expect(server.hits("/news/2")).toBe(0);
    const page = server.requests.find((r) => r.path === "/news/1");
    expect(page?.headers["user-agent"]).toBe("briefbot/test");
    expect(server.hits("/robots.txt")).toBe(1);
  });

  it("fetches each page once when two passes (two instances) run at the same time", async () => {
    const items = [1, 2, 3, 4].map((i) => ({ id: `${i}`, path: `/news/${i}`, text: `Teaser ${i}… Read more` }));
    for (const item of items) server.route(item.path, html(articlePage({ title: `Story ${item.id}` })));
    await subscribe(items);
    const [a, b] = await Promise.all([extractPendingArticles(deps()), extractPendingArticles(deps())]);
    expect((a.due ?? 0) + (b.due ?? 0)).toBe(4);
    expect(a.extracted + b.extracted).toBe(4);
    expect(items.map((item) => server.hits(item.path))).toEqual([1, 1, 1, 1]);
    // Nothing is due again once they are recorded, not even after the claim's lease would end.
    now += 24 * HOUR;
    expect(await extractPendingArticles(deps())).toMatchObject({ due: 0 });
  });

  it("keeps the feed's text for a consent wall, a paywall, a non-HTML answer and a robots.txt disallow", async () => {
    server.route("/robots.txt", html("User-agent: *\nDisallow: /private/\nAllow: /private/open\n", "text/plain"));
    server.route("/wall", html(CONSENT_WALL));
    server.route("/paid", html(PAYWALL));
    server.route("/doc.pdf", html("%PDF-1.4 not a page", "application/pdf"));
    server.route("/private/story", html(articlePage()));
    server.route("/private/open", html(articlePage()));
    await subscribe([
      { id: "wall", path: "/wall", text: "Teaser one…" },
      { id: "paid", path: "/paid", text: "Teaser two…" },
      { id: "pdf", path: "/doc.pdf", text: "Teaser three…" },
      { id: "robots", path: "/private/story", text: "Teaser four…" },
      { id: "open", path: "/private/open", text: "Teaser five…" },
    ]);
    const summary = await extractPendingArticles(deps());
    expect(summary).toMatchObject({ due: 5, extracted: 1, kept: 4 });
    const got = await byGuid();
    expect(got.get("wall")).toMatchObject({ text: "Teaser one…", extractionStatus: "kept" });
    expect(got.get("wall")?.extractionError).toMatch(/consent wall/);
    expect(got.get("paid")?.extractionError).toMatch(/paywall/);
    expect(got.get("pdf")?.extractionError).toMatch(/not HTML/);
    expect(got.get("robots")?.extractionError).toMatch(/robots\.txt/);
    expect(got.get("open")?.extractionStatus).toBe("extracted");
    // The disallowed page was never requested; robots.txt was fetched once for the host.
    expect(server.hits("/private/story")).toBe(0);
    expect(server.hits("/robots.txt")).toBe(1);
    expect(await store.articles.articlesNeedingText(now + 100 * HOUR, 10)).toEqual([]);
  });

  it("honours a briefbot group over the * group, and a missing or broken robots.txt allows", async () => {
    server.route(
      "/robots.txt",
      html("User-agent: *\nDisallow: /\n\nUser-agent: briefbot\nDisallow: /no/\n", "text/plain"),
    );
    server.route("/yes", html(articlePage()));
    server.route("/no/1", html(articlePage()));
    await subscribe([
      { id: "yes", path: "/yes", text: "Teaser…" },
      { id: "no", path: "/no/1", text: "Teaser…" },
    ]);
    await extractPendingArticles(deps());
    const got = await byGuid();
    expect(got.get("yes")?.extractionStatus).toBe("extracted");
    expect(got.get("no")?.extractionStatus).toBe("kept");
    expect(server.hits("/no/1")).toBe(0);

    // A site whose robots.txt answers 500 with garbage: allowed.
    const other = new ArticlePageFetcher({
      userAgent: "briefbot/test",
      allowPrivate: false,
      hostDelayMs: 0,
      connect: { allowAddress: LOOPBACK_ONLY },
    });
    server.route("/robots.txt", (_req, res) => {
      res.writeHead(500).end("\u0000\u0001garbage");
    });
    try {
      expect((await other.fetchPage(server.url("/yes"))).kind).toBe("page");
    } finally {
      await other.close();
    }
  });

  it("refuses a page on a private address, and a redirect to one, without retrying", async () => {
    // Not opted in to private addresses and no test allowance: the loopback page itself is refused.
    const strict = new ArticlePageFetcher({ userAgent: "briefbot/test", allowPrivate: false, hostDelayMs: 0 });
    await expect(strict.fetchPage(server.url("/news/1"))).resolves.toMatchObject({
      kind: "failed",
      retry: false,
      reason: expect.stringContaining("BRIEFBOT_ALLOW_PRIVATE_FEEDS=true"),
    });
    await strict.close();
    expect(server.connections).toBe(0);

    server.route("/jump", (_req, res) => {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
    });
    await subscribe([{ id: "jump", path: "/jump", text: "Teaser…" }]);
    const summary = await extractPendingArticles(deps());
    expect(summary).toMatchObject({ kept: 1, retried: 0 });
    expect((await byGuid()).get("jump")?.extractionError).toMatch(/169\.254\.169\.254/);
  });

  it("refuses a page over the 3 MB cap (a 20 MB page) and reads a windows-1252 page correctly", async () => {
    server.route("/huge", (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = `<p>${"x".repeat(1023)}</p>`;
      let sent = 0;
      const write = (): void => {
        while (sent < 20 * 1024 && res.write(chunk)) sent += 1;
        if (sent >= 20 * 1024) res.end();
        else res.once("drain", write);
      };
      write();
    });
    const latin = articlePage({ title: "Café “Señor” — 5 €" });
    server.route("/latin", (_req, res) => {
      res
        .writeHead(200, { "content-type": "text/html; charset=windows-1252" })
        .end(iconv.encode(latin, "windows-1252"));
    });
    await expect(pages.fetchPage(server.url("/huge"))).resolves.toMatchObject({
      kind: "failed",
      retry: false,
      reason: expect.stringContaining("3 MB"),
    });
    const fetched = await pages.fetchPage(server.url("/latin"));
    if (fetched.kind !== "page") throw new Error("expected the page");
    expect(extractArticle(fetched.html, fetched.url).title).toBe("Café “Señor” — 5 €");
  });

  it("backs off after failures and gives up after the last try, keeping the feed's text", async () => {
    server.route("/flaky", (_req, res) => {
      res.writeHead(503).end("busy");
    });
    await subscribe([{ id: "flaky", path: "/flaky", text: "Teaser…" }]);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= MAX_EXTRACTION_ATTEMPTS; attempt++) {
      const summary = await extractPendingArticles(deps());
      expect(summary.due).toBe(1);
      const article = (await byGuid()).get("flaky");
      expect(article?.extractionAttempts).toBe(attempt);
      if (attempt < MAX_EXTRACTION_ATTEMPTS) {
        expect(article?.extractionStatus).toBe("pending");
        const next = article?.extractionNextAt ?? 0;
        delays.push(next - now);
        // Not due before its time.
        expect((await extractPendingArticles(deps())).due).toBe(0);
        now = next;
      } else {
        expect(article).toMatchObject({ extractionStatus: "failed", text: "Teaser…", extractionNextAt: null });
      }
    }
    expect(delays).toEqual([10 * 60_000, HOUR, 6 * HOUR]);
    expect(server.hits("/flaky")).toBe(MAX_EXTRACTION_ATTEMPTS);
    now += 100 * HOUR;
    expect((await extractPendingArticles(deps())).due).toBe(0);
  });

  it("merges an article into the stored one its page names as canonical", async () => {
    server.route("/amp/1", html(articlePage({ canonical: "/news/1" })));
    server.route("/news/1", html(articlePage({ canonical: "/news/1" })));
    const items = await subscribe([
      { id: "orig", path: "/news/1", text: "Teaser…" },
      { id: "amp", path: "/amp/1", text: "The AMP teaser…" },
    ]);
    // Only the AMP copy gets fetched first (the original is not due yet).
    const orig = items.get("orig");
    const amp = items.get("amp");
    if (!orig || !amp) throw new Error("missing");
    await store.articles.recordExtraction(orig.id, { kind: "retry", error: "later", nextAttemptAt: T0 + HOUR });
    const summary = await extractPendingArticles(deps());
    expect(summary).toMatchObject({ extracted: 1, merged: 1 });
    const got = await byGuid();
    expect(got.get("amp")?.duplicateOf).toBe(orig.id);
    expect(got.get("orig")).toMatchObject({ extractionStatus: "extracted", canonicalUrl: server.url("/news/1") });
    expect(got.get("orig")?.text).toContain("Airport officials");
    expect((await store.articles.recentArticles({ limit: 10 })).map((a) => a.id)).toEqual([orig.id]);
  });

  it("serializes one host's requests, with the configured pause between them", async () => {
    let inFlight = 0;
    let most = 0;
    const starts: number[] = [];
    const slow: RouteHandler = async (_req, res) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      starts.push(performance.now());
      await new Promise((r) => setTimeout(r, 30));
      inFlight -= 1;
      res.writeHead(200, { "content-type": "text/html" }).end(articlePage());
    };
    for (const i of [1, 2, 3]) server.route(`/s/${i}`, slow);
    const polite = new ArticlePageFetcher({
      userAgent: "briefbot/test",
      allowPrivate: false,
      hostDelayMs: 100,
      connect: { allowAddress: LOOPBACK_ONLY },
    });
    try {
      await Promise.all([1, 2, 3].map((i) => polite.fetchPage(server.url(`/s/${i}`))));
    } finally {
      await polite.close();
    }
    expect(most).toBe(1);
    // robots.txt, then three pages: each starts at least the pause after the previous one ended.
    expect(starts).toHaveLength(3);
    for (let i = 1; i < starts.length; i++) expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBeGreaterThanOrEqual(125);
  });

  it("runs as a loop on the worker pool and stops cleanly; feed polling never waits for it", async () => {
    server.route("/news/9", async (_req, res) => {
      await new Promise((r) => setTimeout(r, 50));
      res.writeHead(200, { "content-type": "text/html" }).end(articlePage());
    });
    await subscribe([{ id: "9", path: "/news/9", text: "Teaser…" }]);
    const pool = new PageExtractorPool();
    const extractor = new ArticleExtractor(
      { ...deps(), extract: (text, url) => pool.extract(text, url) },
      { idleMs: 10 },
    );
    try {
      extractor.start();
      for (let i = 0; i < 200 && (await byGuid()).get("9")?.extractionStatus !== "extracted"; i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
      expect((await byGuid()).get("9")?.extractionStatus).toBe("extracted");
    } finally {
      await extractor.stop();
      await pool.close();
    }
  });
});
