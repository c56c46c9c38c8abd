// `npm run bench:extract`: the Zyte benchmark's 181 article pages served from a child process on
// loopback (16 hosts), each stored as a pending teaser, then one full-text pass by the compiled
// product (page fetcher, robots.txt, Readability on the extraction worker, store) in its own
// process, so the pages/s and peak memory are the product's own. The per-host pause is 0 here:
// with the default 1 s the pass measures politeness, not extraction.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { compiled } from "./compiled.js";

type Module<T> = Promise<T>;
const { openSqliteStore } = await (compiled("store/sqlite/open-sqlite-store") as Module<
  typeof import("../../src/store/sqlite/open-sqlite-store.js")
>);

const EVAL_DIR = process.env.BRIEFBOT_EVAL_DIR ?? resolve(import.meta.dirname, "../../../shared/eval");
const PAGES_DIR = join(EVAL_DIR, "extraction/zyte-article-extraction-benchmark");
const DIST = resolve(import.meta.dirname, "../../dist");
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

async function startServer(): Promise<{ bases: string[]; keys: string[]; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "page-server.ts"), PAGES_DIR], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const first = await new Promise<string>((resolveLine, reject) => {
    createInterface({ input: child.stdout }).once("line", resolveLine);
    child.once("exit", (code) => reject(new Error(`page server exited with ${code}`)));
  });
  const parsed = JSON.parse(first) as { bases: string[]; keys: string[] };
  return { ...parsed, stop: () => child.kill() };
}

/** The pass, in plain Node on dist/ (no TypeScript loader), printing its figures as JSON. */
const DRIVER = `
const dist = ${JSON.stringify(DIST)};
const { openSqliteStore } = await import(dist + "/store/sqlite/open-sqlite-store.js");
const { ArticlePageFetcher } = await import(dist + "/adapters/articles/article-page-fetcher.js");
const { PageExtractorPool } = await import(dist + "/adapters/articles/page-extractor-pool.js");
const { extractPendingArticles } = await import(dist + "/adapters/articles/article-extractor.js");
const store = openSqliteStore(process.argv[2]);
const pages = new ArticlePageFetcher({ userAgent: "briefbot-bench", allowPrivate: true, hostDelayMs: 0 });
const pool = new PageExtractorPool();
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
let lag = 0;
let last = performance.now();
const probe = setInterval(() => { const now = performance.now(); lag = Math.max(lag, now - last - 10); last = now; }, 10);
const started = performance.now();
const summary = await extractPendingArticles(
  { articles: store.articles, clock: { now: () => Date.now() }, logger: quiet, pages, extract: (h, u) => pool.extract(h, u) },
  { concurrency: Number(process.argv[3]), batch: 10000 },
);
const seconds = (performance.now() - started) / 1000;
clearInterval(probe);
const errors = (await store.articles.recentArticles({ limit: 10000 })).map((a) => a.extractionError).filter(Boolean);
await pages.close(); await pool.close(); store.close();
process.stdout.write(JSON.stringify({ summary, seconds, firstError: errors[0] ?? null, lagMs: Math.round(lag), peakMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + "\\n");
`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "briefbot-extract-bench-"));
  const database = join(dir, "bench.db");
  const server = await startServer();
  try {
    const store = openSqliteStore(database);
    const feed = await store.feeds.addFeed({
      url: "http://bench.localhost/feed.xml",
      title: null,
      siteLink: null,
      origin: null,
      refreshMinutes: 15,
      createdAt: 0,
      nextFetchAt: Date.now() + 86_400_000,
    });
    const articles = server.keys.map((key, i) => ({
      url: `${server.bases[i % server.bases.length]}/pages/${key}.html`,
      guid: key,
      title: `Page ${key.slice(0, 8)}`,
      author: null,
      publishedAt: 0,
      publishedAtEstimated: false,
      fetchedAt: 0,
      summary: null,
      text: "A teaser…",
      contentHash: key,
      language: null,
      wantsFullText: true,
    }));
    await store.articles.upsertArticles(feed.id, articles, { backlog: false });
    store.close();
    if (process.stderr.isTTY) process.stderr.write(`extracting ${articles.length} pages...\n`);
    // A file, not --eval: workers inherit the process's flags, and --input-type breaks them.
    const driver = join(dir, "driver.mjs");
    writeFileSync(driver, DRIVER);
    const result = spawnSync(process.execPath, [driver, database, String(CONCURRENCY)], {
      encoding: "utf8",
      cwd: tmpdir(),
    });
    if (result.status !== 0) throw new Error(`the extraction pass failed (${result.status}): ${result.stderr}`);
    const figures = JSON.parse(result.stdout.trim().split("\n").pop() ?? "{}") as {
      summary: { due: number; extracted: number; kept: number; retried: number; failed: number };
      seconds: number;
      firstError: string | null;
      lagMs: number;
      peakMb: number;
    };
    const { summary, seconds } = figures;
    const rows = [
      ["pages", `${summary.due} (Zyte article-extraction benchmark) on ${server.bases.length} loopback hosts`],
      [
        "outcome",
        `${summary.extracted} extracted, ${summary.kept} kept feed text, ${summary.retried + summary.failed} failed`,
      ],
      [
        "pass",
        `${seconds.toFixed(2)} s, ${(summary.due / seconds).toFixed(1)} pages/s (concurrency ${CONCURRENCY}, 1 extraction worker)`,
      ],
      ["peak memory (max RSS)", `${figures.peakMb} MB`],
      ["main-thread stall (max)", `${figures.lagMs} ms`],
      ...(figures.firstError ? [["first kept reason", figures.firstError]] : []),
      ["targets", ">= 20 pages/s, < 300 MB"],
    ];
    process.stdout.write(`\nbench:extract (node ${process.version}, compiled dist/, per-host pause 0)\n`);
    for (const [k, v] of rows) process.stdout.write(`  ${(k ?? "").padEnd(24)}${v}\n`);
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
