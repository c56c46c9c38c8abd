// Store-only write rate, two builds in one process, alternating: BENCH_DIST_A and BENCH_DIST_B (dist
// directories; B defaults to this checkout's dist/) each store the same articles into fresh SQLite
// files, in batches of 500 as ingest does, A B A B ... Isolates what the store's write path costs
// (issue 16: the clustering features computed for every stored article) from fetching and parsing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { NewArticle } from "../../src/briefing/article.js";
import { loadBbc } from "../eval/summarization-eval.js";
import { addBenchFeeds } from "./bbc-editions.js";
import { storyArticles, storyCorpus } from "./story-corpus.js";

type OpenStore = typeof import("../../src/store/open-store.js").openStore;
const EVAL_DIR = process.env.BRIEFBOT_EVAL_DIR ?? resolve(import.meta.dirname, "../../../shared/eval");
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BATCH = 500;

async function openStoreOf(dist: string): Promise<OpenStore> {
  const module = (await import(pathToFileURL(join(dist, "store/open-store.js")).href)) as {
    openStore: OpenStore;
  };
  return module.openStore;
}

const builds = {
  A: process.env.BENCH_DIST_A ?? "",
  B: process.env.BENCH_DIST_B ?? resolve(import.meta.dirname, "../../dist"),
};
if (!builds.A) throw new Error("BENCH_DIST_A: the dist directory of the build to compare with");
const open = { A: await openStoreOf(builds.A), B: await openStoreOf(builds.B) };
const docs = loadBbc(EVAL_DIR).map(({ title, text }) => ({ title: title ?? "", text: text.replace(/\n+/g, "\n\n") }));
const articles: NewArticle[] = [
  ...storyArticles({ corpus: storyCorpus(docs), total: ARTICLES, feeds: 1, endsAt: Date.UTC(2026, 10, 20) }),
];
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const rates: Record<"A" | "B", number[]> = { A: [], B: [] };

for (let round = 0; round < ROUNDS; round++) {
  for (const side of round % 2 === 0 ? (["A", "B"] as const) : (["B", "A"] as const)) {
    const dir = mkdtempSync(join(tmpdir(), "briefbot-bench-writes-"));
    const store = await open[side](join(dir, "w.db"), {
      logger: silent,
      poolSize: 1,
      statementTimeoutMs: 0,
      connectWaitMs: 5_000,
    });
    try {
      const [feed] = await addBenchFeeds(store.feeds, 1);
      const t0 = performance.now();
      for (let i = 0; i < articles.length; i += BATCH)
        await store.articles.upsertArticles(feed ?? 1, articles.slice(i, i + BATCH), { backlog: false });
      rates[side].push(articles.length / ((performance.now() - t0) / 1000));
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const fmt = (xs: number[]) => xs.map((x) => Math.round(x).toLocaleString("en")).join(", ");
process.stdout.write(
  `article writes into SQLite, ${ARTICLES.toLocaleString("en")} articles in batches of ${BATCH}, ${ROUNDS} alternating rounds\n` +
    `A (${builds.A}): ${fmt(rates.A)} articles/s, median ${Math.round(median(rates.A)).toLocaleString("en")}\n` +
    `B (${builds.B}): ${fmt(rates.B)} articles/s, median ${Math.round(median(rates.B)).toLocaleString("en")}\n` +
    `B/A (medians): ${(median(rates.B) / median(rates.A)).toFixed(2)}\n`,
);
