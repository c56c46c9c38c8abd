// `npm run bench:brief`: whole-brief latency (query to card) on stores of 10,000 and 100,000
// articles with real text: the BBC News Summary articles from ../shared/eval, re-dated over 90
// days and re-titled into editions across 200 feeds. 50 topics; p50, p95, max and peak memory.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { NewArticle } from "../../src/briefing/article.js";
import { loadBbc } from "../eval/summarization-eval.js";
import { compiled } from "./compiled.js";

type Module<T> = Promise<T>;
const { buildBrief } = await (compiled("briefing/build-brief") as Module<
  typeof import("../../src/briefing/build-brief.js")
>);
const { openSqliteStore } = await (compiled("store/sqlite/open-sqlite-store") as Module<
  typeof import("../../src/store/sqlite/open-sqlite-store.js")
>);
const { contentHash } = await (compiled("adapters/feeds/normalize-article") as Module<
  typeof import("../../src/adapters/feeds/normalize-article.js")
>);

const EVAL_DIR = process.env.BRIEFBOT_EVAL_DIR ?? resolve(import.meta.dirname, "../../../shared/eval");
const FEEDS = 200;
const DAY = 86_400_000;
const AS_OF = Date.UTC(2026, 10, 20, 12);
const SPAN_DAYS = 90;
const REPEATS = 3;
/** 50 topics a newsroom might ask the BBC set about: single words, names and phrases. */
const TOPICS = [
  "economy",
  "election",
  "oil prices",
  "interest rates",
  "film",
  "music",
  "mobile phones",
  "google",
  "microsoft",
  "apple",
  "blair",
  "brown",
  "howard",
  "labour",
  "tories",
  "iraq",
  "china",
  "india",
  "japan",
  "europe",
  "chelsea",
  "arsenal",
  "liverpool",
  "rugby",
  "tennis",
  "olympics",
  "world cup",
  "oscars",
  "bafta",
  "grammy",
  "dollar",
  "euro",
  "shares",
  "jobs",
  "inflation",
  "budget",
  "tax",
  "immigration",
  "terror",
  "police",
  "broadband",
  "games console",
  "music downloads",
  "spam",
  "virus",
  "airline",
  "yukos",
  "boeing",
  '"house prices"',
  "pensions",
];
const tty = process.stderr.isTTY === true;

/** Article n: BBC document n mod 2,225 as "edition" n/2,225, dated evenly over the 90 days. */
function article(docs: Array<{ title: string; text: string }>, n: number, total: number): NewArticle {
  const doc = docs[n % docs.length] ?? { title: "", text: "" };
  const edition = Math.floor(n / docs.length);
  const title = edition === 0 ? doc.title : `${doc.title} (edition ${edition + 1})`;
  const text = `${doc.text}\n\nEdition ${edition + 1} of this report.`;
  const publishedAt = AS_OF - Math.floor(((total - n) / total) * SPAN_DAYS * DAY);
  const url = `https://feed${n % FEEDS}.bench.example/articles/${n}`;
  return {
    url,
    guid: String(n),
    title,
    author: null,
    publishedAt,
    publishedAtEstimated: false,
    fetchedAt: publishedAt,
    summary: null,
    text,
    contentHash: contentHash(title, text, url),
    language: "en",
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function measure(docs: Array<{ title: string; text: string }>, total: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "briefbot-bench-brief-"));
  const store = openSqliteStore(join(dir, "brief.db"));
  try {
    const feedIds: number[] = [];
    for (let f = 0; f < FEEDS; f++) {
      const feed = await store.feeds.addFeed({
        url: `https://feed${f}.bench.example/rss`,
        title: `Bench feed ${f}`,
        siteLink: null,
        origin: null,
        refreshMinutes: 15,
        createdAt: 0,
        nextFetchAt: 0,
      });
      feedIds.push(feed.id);
    }
    const loadStart = performance.now();
    for (let start = 0; start < total; start += 1000) {
      const byFeed = new Map<number, NewArticle[]>();
      for (let n = start; n < Math.min(total, start + 1000); n++) {
        const feedId = feedIds[n % FEEDS] ?? 1;
        byFeed.set(feedId, [...(byFeed.get(feedId) ?? []), article(docs, n, total)]);
      }
      for (const [feedId, batch] of byFeed) await store.articles.upsertArticles(feedId, batch, { backlog: false });
      if (tty)
        process.stderr.write(
          `\r\x1b[2Kloading ${total.toLocaleString("en")}: ${Math.min(total, start + 1000).toLocaleString("en")}`,
        );
    }
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const deps = { articles: store.articles, feeds: store.feeds, clock: { now: () => AS_OF } };
    for (const topic of TOPICS.slice(0, 5)) await buildBrief(deps, { topic }); // warm caches and JIT
    const latencies: number[] = [];
    let stories = 0;
    for (let r = 0; r < REPEATS; r++) {
      for (const [i, topic] of TOPICS.entries()) {
        const t0 = performance.now();
        const card = await buildBrief(deps, { topic });
        latencies.push(performance.now() - t0);
        stories += card.stories.length;
        if (tty)
          process.stderr.write(
            `\r\x1b[2Kbriefs on ${total.toLocaleString("en")}: ${r * TOPICS.length + i + 1}/${REPEATS * TOPICS.length}`,
          );
      }
    }
    if (tty) process.stderr.write("\r\x1b[2K");
    latencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    const max = latencies.at(-1) ?? Number.NaN;
    return `| ${total.toLocaleString("en")} | ${latencies.length} | ${p50.toFixed(1)} | ${p95.toFixed(1)} | ${max.toFixed(1)} | ${(stories / latencies.length).toFixed(1)} | ${loadSeconds.toFixed(1)} s |`;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const docs = loadBbc(EVAL_DIR).map(({ title, text }) => ({ title: title ?? "", text: text.replace(/\n+/g, "\n\n") }));
const rows: string[] = [];
const p95s: number[] = [];
for (const total of [10_000, 100_000]) {
  const row = await measure(docs, total);
  rows.push(row);
  p95s.push(Number(row.split("|")[4]));
}
const peak = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  [
    `bench:brief (node ${process.version}; ${docs.length} BBC articles re-dated over ${SPAN_DAYS} days and re-titled into editions, ${FEEDS} feeds, ${TOPICS.length} topics x ${REPEATS}, default 7-day window, 5 stories)`,
    "",
    "| articles | briefs | p50 ms | p95 ms | max ms | stories/card | load time |",
    "|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    `peak memory (max RSS): ${peak.toFixed(0)} MB; p95 growth 10k -> 100k: ${((p95s[1] ?? 0) / (p95s[0] ?? 1)).toFixed(2)}x`,
    "targets: p95 <= 150 ms at 100,000 articles; p95 growth <= 2x",
    "",
  ].join("\n"),
);
