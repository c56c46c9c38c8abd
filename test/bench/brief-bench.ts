// `npm run bench:brief`: whole-brief latency (query to card) on stores of 10,000 and 100,000
// articles with real text: the BBC News Summary articles from ../shared/eval, re-dated over 90
// days and re-titled into editions across 200 feeds. 50 topics; p50, p95, max and peak memory,
// on SQLite (a fresh file) and on PostgreSQL (a fresh database briefbot_bench_<random>, dropped at
// the end), both loaded with the same articles in the same order through the store ports.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { NewArticle } from "../../src/briefing/article.js";
import type { Store } from "../../src/store/store.js";
import { loadBbc } from "../eval/summarization-eval.js";
import { addBenchFeeds, editionArticle } from "./bbc-editions.js";
import { benchQuery, serverDescription, withBenchDatabase } from "./bench-postgres.js";
import { TOPICS } from "./bench-topics.js";
import { compiled } from "./compiled.js";

type Module<T> = Promise<T>;
const { buildBrief } = await (compiled("briefing/build-brief") as Module<
  typeof import("../../src/briefing/briefs/build-brief.js")
>);
const { openStore } = await (compiled("store/open-store") as Module<typeof import("../../src/store/open-store.js")>);

const EVAL_DIR = process.env.BRIEFBOT_EVAL_DIR ?? resolve(import.meta.dirname, "../../../shared/eval");
const FEEDS = 200;
const AS_OF = Date.UTC(2026, 10, 20, 12);
const SPAN_DAYS = 90;
const REPEATS = 3;
/** Articles generated and stored per step (grouped by feed: one upsert batch per feed per step). */
const STEP = 10_000;
/** Store sizes (BENCH_SIZES=2000,5000 for a quick try); the targets are stated for the largest. */
const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const SMALL = SIZES[0] ?? 10_000;
const LARGE = SIZES.at(-1) ?? 100_000;
type Kind = "sqlite" | "postgres";
const tty = process.stderr.isTTY === true;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

interface Measurement {
  kind: Kind;
  total: number;
  briefs: number;
  p50: number;
  p95: number;
  max: number;
  storiesPerCard: number;
  loadSeconds: number;
  /** Per topic, the story links of its card, to compare the two stores' answers. */
  answers: Map<string, string>;
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const STORE_OPTIONS = { logger: silent, poolSize: 4, statementTimeoutMs: 0, connectWaitMs: 5_000 };

async function load(store: Store, kind: Kind, docs: Array<{ title: string; text: string }>, total: number) {
  const feedIds = await addBenchFeeds(store.feeds, FEEDS);
  const plan = { docs, total, feeds: FEEDS, endsAt: AS_OF, spanDays: SPAN_DAYS };
  let stored = 0;
  let shown = 0;
  for (let start = 0; start < total; start += STEP) {
    const byFeed = new Map<number, NewArticle[]>();
    for (let n = start; n < Math.min(total, start + STEP); n++) {
      const feedId = feedIds[n % FEEDS] ?? 1;
      const batch = byFeed.get(feedId) ?? [];
      batch.push(editionArticle(plan, n));
      byFeed.set(feedId, batch);
    }
    // One batch at a time, so both stores assign the same ids in the same order.
    for (const [feedId, batch] of byFeed) {
      await store.articles.upsertArticles(feedId, batch, { backlog: false });
      stored += batch.length;
      if (tty && (stored - shown >= 1000 || stored === total)) {
        shown = stored;
        process.stderr.write(`\r\x1b[2Kloading ${kind} ${total.toLocaleString("en")}: ${stored.toLocaleString("en")}`);
      }
    }
  }
}

async function briefs(store: Store, kind: Kind, total: number, loadSeconds: number): Promise<Measurement> {
  const deps = { articles: store.articles, feeds: store.feeds, clock: { now: () => AS_OF } };
  for (const topic of TOPICS.slice(0, 5)) await buildBrief(deps, { topic }); // warm caches and JIT
  const latencies: number[] = [];
  const answers = new Map<string, string>();
  let stories = 0;
  for (let r = 0; r < REPEATS; r++) {
    for (const [i, topic] of TOPICS.entries()) {
      const t0 = performance.now();
      const card = await buildBrief(deps, { topic });
      latencies.push(performance.now() - t0);
      stories += card.stories.length;
      answers.set(topic, card.stories.map((s) => s.url ?? s.headline).join("\n"));
      if (tty)
        process.stderr.write(
          `\r\x1b[2Kbriefs on ${kind} ${total.toLocaleString("en")}: ${r * TOPICS.length + i + 1}/${REPEATS * TOPICS.length}`,
        );
    }
  }
  if (tty) process.stderr.write("\r\x1b[2K");
  latencies.sort((a, b) => a - b);
  return {
    kind,
    total,
    briefs: latencies.length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: latencies.at(-1) ?? Number.NaN,
    storiesPerCard: stories / latencies.length,
    loadSeconds,
    answers,
  };
}

async function measureSqlite(docs: Array<{ title: string; text: string }>, total: number): Promise<Measurement> {
  const dir = mkdtempSync(join(tmpdir(), "briefbot-bench-brief-"));
  const store = await openStore(join(dir, "brief.db"), STORE_OPTIONS);
  try {
    const t0 = performance.now();
    await load(store, "sqlite", docs, total);
    return await briefs(store, "sqlite", total, (performance.now() - t0) / 1000);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measurePostgres(docs: Array<{ title: string; text: string }>, total: number): Promise<Measurement> {
  return withBenchDatabase(async (db) => {
    const store = await openStore(db.url, STORE_OPTIONS);
    try {
      const t0 = performance.now();
      await load(store, "postgres", docs, total);
      // What autovacuum does soon after a bulk load: planner statistics and the visibility map.
      // Without them the first queries plan against an "empty" table.
      if (tty) process.stderr.write("\r\x1b[2Kvacuum analyze");
      await benchQuery(db.url, "VACUUM (ANALYZE) articles, feeds");
      return await briefs(store, "postgres", total, (performance.now() - t0) / 1000);
    } finally {
      await store.close();
    }
  });
}

const docs = loadBbc(EVAL_DIR).map(({ title, text }) => ({ title: title ?? "", text: text.replace(/\n+/g, "\n\n") }));
const results: Measurement[] = [];
for (const total of SIZES) {
  results.push(await measureSqlite(docs, total));
  results.push(await measurePostgres(docs, total));
}
const peak = process.resourceUsage().maxRSS / 1024;
const find = (kind: Kind, total: number) => results.find((m) => m.kind === kind && m.total === total);
const row = (m: Measurement) =>
  `| ${m.total.toLocaleString("en")} | ${m.kind === "sqlite" ? "SQLite" : "PostgreSQL"} | ${m.briefs} | ${m.p50.toFixed(1)} | ${m.p95.toFixed(1)} | ${m.max.toFixed(1)} | ${m.storiesPerCard.toFixed(1)} | ${m.loadSeconds.toFixed(1)} s |`;
const lines: string[] = [];
for (const total of SIZES) {
  const sqlite = find("sqlite", total);
  const postgres = find("postgres", total);
  if (!sqlite || !postgres) continue;
  const differ = TOPICS.filter((t) => sqlite.answers.get(t) !== postgres.answers.get(t));
  if (process.env.BENCH_SHOW_DIFF)
    for (const t of differ)
      process.stderr.write(
        `${t}:\n  SQLite:     ${sqlite.answers.get(t)?.replace(/\n/g, " | ")}\n  PostgreSQL: ${postgres.answers.get(t)?.replace(/\n/g, " | ")}\n`,
      );
  lines.push(
    `${total.toLocaleString("en")}: PostgreSQL p95 / SQLite p95 = ${(postgres.p95 / sqlite.p95).toFixed(2)}x; p50 ${(postgres.p50 / sqlite.p50).toFixed(2)}x; same stories (links, in order) for ${TOPICS.length - differ.length}/${TOPICS.length} topics${differ.length > 0 ? ` (not for: ${differ.join(", ")})` : ""}`,
  );
}
const growth = (kind: Kind) => (find(kind, LARGE)?.p95 ?? Number.NaN) / (find(kind, SMALL)?.p95 ?? Number.NaN);
const ratio = (find("postgres", LARGE)?.p95 ?? Number.NaN) / (find("sqlite", LARGE)?.p95 ?? Number.NaN);
process.stdout.write(
  [
    `bench:brief (node ${process.version}; ${docs.length} BBC articles re-dated over ${SPAN_DAYS} days and re-titled into editions, ${FEEDS} feeds, ${TOPICS.length} topics x ${REPEATS}, default 7-day window, 5 stories; ${await serverDescription()}, pool of ${STORE_OPTIONS.poolSize}, VACUUM ANALYZE after loading)`,
    "",
    "| articles | store | briefs | p50 ms | p95 ms | max ms | stories/card | load time |",
    "|---:|---|---:|---:|---:|---:|---:|---:|",
    ...results.map(row),
    "",
    ...lines,
    `peak memory of this process (max RSS, both stores): ${peak.toFixed(0)} MB; p95 growth ${SMALL.toLocaleString("en")} -> ${LARGE.toLocaleString("en")}: SQLite ${growth("sqlite").toFixed(2)}x, PostgreSQL ${growth("postgres").toFixed(2)}x`,
    "targets: p95 <= 150 ms at 100,000 articles; p95 growth <= 2x (SQLite)",
    `target: PostgreSQL p95 within 2x of SQLite's at ${LARGE.toLocaleString("en")} articles: ${ratio.toFixed(2)}x, ${ratio <= 2 ? "met" : "MISSED"}`,
    "",
  ].join("\n"),
);
