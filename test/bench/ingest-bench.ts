// `npm run bench:ingest`: 200 synthetic feeds x 500 items served from a child process on
// loopback, ingested end to end (fetch, decode, parse, normalize, dedup, store, index) into a
// fresh SQLite file; then a second pass over the unchanged feeds (all 304). Prints the figures.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { IngestDeps } from "../../src/briefing/ingest-feed.js";
import { compiled } from "./compiled.js";

type Module<T> = Promise<T>;
const { FeedParserPool } = await (compiled("adapters/feeds/feed-parser-pool") as Module<
  typeof import("../../src/adapters/feeds/feed-parser-pool.js")
>);
const { GuardedFetcher } = await (compiled("adapters/feeds/guarded-fetcher") as Module<
  typeof import("../../src/adapters/feeds/guarded-fetcher.js")
>);
const { HttpFeedSource } = await (compiled("adapters/feeds/http-feed-source") as Module<
  typeof import("../../src/adapters/feeds/http-feed-source.js")
>);
const { normalizeArticle } = await (compiled("adapters/feeds/normalize-article") as Module<
  typeof import("../../src/adapters/feeds/normalize-article.js")
>);
const { pollDueFeeds } = await (compiled("briefing/poll-due-feeds") as Module<
  typeof import("../../src/briefing/poll-due-feeds.js")
>);
const { openSqliteStore } = await (compiled("store/sqlite/open-sqlite-store") as Module<
  typeof import("../../src/store/sqlite/open-sqlite-store.js")
>);
const { USER_AGENT } = await (compiled("version") as Module<typeof import("../../src/version.js")>);

const FEEDS = Number(process.env.BENCH_FEEDS ?? 200);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const tty = process.stderr.isTTY === true;

async function startServer(): Promise<{ bases: string[]; stop: () => void }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(import.meta.dirname, "feed-server.ts"), String(FEEDS), String(ITEMS)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`feed server exited with ${code}`)));
  });
  return { bases: JSON.parse(first) as string[], stop: () => child.kill() };
}

function silentLogger() {
  const noop = () => {};
  return { debug: noop, info: noop, warn: noop, error: noop };
}

async function pass(
  deps: IngestDeps,
  label: string,
): Promise<{ seconds: number; failed: number; inserted: number; notModified: number }> {
  const started = performance.now();
  const summary = await pollDueFeeds(deps, {
    concurrency: CONCURRENCY,
    limit: FEEDS,
    onOutcome: (_outcome, done, total) => {
      if (tty)
        process.stderr.write(
          `\r\x1b[2K${label}: ${done}/${total} feeds, ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
    },
  });
  if (tty) process.stderr.write("\r\x1b[2K");
  return {
    seconds: (performance.now() - started) / 1000,
    failed: summary.failed,
    inserted: summary.inserted,
    notModified: summary.notModified,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "briefbot-bench-"));
  const server = await startServer();
  const store = openSqliteStore(join(dir, "bench.db"));
  const fetcher = new GuardedFetcher({ userAgent: USER_AGENT, allowPrivate: true });
  const parsers = new FeedParserPool();
  let now = Date.UTC(2026, 10, 21);
  const deps: IngestDeps = {
    feeds: store.feeds,
    articles: store.articles,
    events: store.events,
    source: new HttpFeedSource(fetcher, (text, url) => parsers.parse(text, url)),
    normalize: normalizeArticle,
    clock: { now: () => now },
    random: () => 0.5,
    logger: silentLogger(),
    policy: { refreshMinutes: 15, maxFailures: 10 },
  };
  try {
    for (let i = 0; i < FEEDS; i++) {
      const base = server.bases[i % server.bases.length];
      await store.feeds.addFeed({
        url: `${base}/feeds/${i}.xml`,
        title: null,
        siteLink: null,
        origin: null,
        refreshMinutes: 15,
        createdAt: now,
        nextFetchAt: now,
      });
    }
    const first = await pass(deps, "first pass");
    const peakMb = process.resourceUsage().maxRSS / 1024;
    now += 60 * 60_000; // every feed is due again
    const second = await pass(deps, "second pass (unchanged)");
    const items = FEEDS * ITEMS;
    const stored = await store.articles.countArticles();
    const rows = [
      ["feeds x items", `${FEEDS} x ${ITEMS} = ${items.toLocaleString("en")}`],
      ["stored articles", stored.toLocaleString("en")],
      [
        "first pass",
        `${first.seconds.toFixed(2)} s, ${Math.round(items / first.seconds).toLocaleString("en")} items/s, ${first.failed} failed`,
      ],
      ["peak memory (max RSS)", `${peakMb.toFixed(0)} MB`],
      [
        "second pass (all 304)",
        `${second.seconds.toFixed(3)} s, ${second.notModified} not modified, ${second.failed} failed`,
      ],
      ["targets", ">= 5,000 items/s, < 250 MB, second pass < 1 s"],
    ];
    process.stdout.write(
      `\nbench:ingest (node ${process.version}, ${FEEDS} feeds on ${server.bases.length} loopback hosts, concurrency ${CONCURRENCY})\n`,
    );
    for (const [k, v] of rows) process.stdout.write(`  ${(k ?? "").padEnd(24)}${v}\n`);
  } finally {
    await fetcher.close();
    await parsers.close();
    store.close();
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
