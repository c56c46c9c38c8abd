// Alternating rounds of whole PostgreSQL briefs, one build against another, each on its own kept
// bench:brief database (BENCH_POSTGRES_KEEP), so two schemas can be compared on one machine's drift.
// Usage: PG_AB_SIDES="old=<dist>@<database>,new=<dist>@<database>" [PG_AB_ROUNDS=6] npx tsx test/bench/postgres-brief-ab.ts
// (a side's database may also be a kept SQLite file, <dir>/brief-100000.db, to compare the stores).
// Each side's briefs run through that build's compiled store and core; the order of the sides
// turns every round (A B, B A, ...). Prints p50/p95 per side (briefs and searchArticles apart), the
// ratio, and how many of the 50 topics' cards differ between the sides. Not part of `npm run bench`.
import { loadavg } from "node:os";
import type { ArticleStore } from "../../src/briefing/ports.js";
import { benchAdminUrl } from "./bench-postgres.js";
import { TOPICS } from "./bench-topics.js";

type BuildBrief = typeof import("../../src/briefing/briefs/build-brief.js");
type OpenStore = typeof import("../../src/store/open-store.js");

const AS_OF = Date.UTC(2026, 10, 20, 12);
const ROUNDS = Number(process.env.PG_AB_ROUNDS ?? 6);
const silent = { debug() {}, info() {}, warn() {}, error() {} };

interface Side {
  name: string;
  run: (topic: string) => Promise<string>;
  briefs: number[];
  /** Each round's p95, for the spread. */
  roundP95: number[];
  searches: number[];
  answers: Map<string, string>;
  close: () => Promise<void>;
}

async function openSide(spec: string): Promise<Side> {
  const [name, rest] = spec.split("=");
  const [dist, database] = (rest ?? "").split("@");
  if (!name || !dist || !database) throw new Error(`side ${spec}: expected name=<dist>@<database>`);
  const base = `file://${dist.replace(/\/?$/, "/")}`;
  const { buildBrief } = (await import(`${base}briefing/briefs/build-brief.js`)) as BuildBrief;
  const { openStore } = (await import(`${base}store/open-store.js`)) as OpenStore;
  // A path (with a slash) is a kept SQLite file (BENCH_SQLITE_KEEP), for the ratio between stores.
  const url = new URL(benchAdminUrl());
  url.pathname = `/${database}`;
  const store = await openStore(database.includes("/") ? database : url.toString(), {
    logger: silent,
    poolSize: 4,
    statementTimeoutMs: 0,
    connectWaitMs: 5_000,
  });
  const side: Side = {
    name,
    run: async () => "",
    briefs: [],
    roundP95: [],
    searches: [],
    answers: new Map(),
    close: store.close,
  };
  // searchArticles timed through a proxy: the store's share of each brief.
  const articles = new Proxy(store.articles, {
    get(target, prop) {
      if (prop === "searchArticles")
        return async (...args: Parameters<ArticleStore["searchArticles"]>) => {
          const t0 = performance.now();
          try {
            return await target.searchArticles(...args);
          } finally {
            side.searches.push(performance.now() - t0);
          }
        };
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const deps = { articles, feeds: store.feeds, clock: { now: () => AS_OF } };
  side.run = async (topic) => {
    const card = await buildBrief(deps, { topic });
    return card.stories.map((s) => s.url ?? s.headline).join("\n");
  };
  return side;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const sides = await Promise.all((process.env.PG_AB_SIDES ?? "").split(",").map(openSide));
if (sides.length < 2) throw new Error("PG_AB_SIDES needs two sides or more");
const load = [loadavg()[0] ?? 0];
// One untimed round each: connections, plans and caches as in the measured rounds.
for (const side of sides) for (const topic of TOPICS) await side.run(topic);
for (const side of sides) side.searches.length = 0;
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? sides : [...sides].reverse();
  for (const side of order) {
    const times: number[] = [];
    for (const topic of TOPICS) {
      const t0 = performance.now();
      side.answers.set(topic, await side.run(topic));
      times.push(performance.now() - t0);
    }
    side.briefs.push(...times);
    side.roundP95.push(percentile(times, 95));
  }
  load.push(loadavg()[0] ?? 0);
  process.stderr.write(`round ${round + 1}/${ROUNDS}, load ${load.at(-1)?.toFixed(1)}\n`);
}
const [first] = sides;
const f = (n: number) => n.toFixed(1);
const lines = [
  `${ROUNDS} alternating rounds of ${TOPICS.length} topics per side; load average (1 min) at each round's end: ${load.map((l) => l.toFixed(1)).join(", ")}`,
  "| side | briefs p50 / p95 ms | searchArticles p50 / p95 ms | p95 / first side's | cards differing from first side's |",
  "|---|---:|---:|---:|---:|",
];
for (const side of sides) {
  const differ = TOPICS.filter((t) => side.answers.get(t) !== first?.answers.get(t));
  lines.push(
    `| ${side.name} | ${f(percentile(side.briefs, 50))} / ${f(percentile(side.briefs, 95))} | ${f(percentile(side.searches, 50))} / ${f(percentile(side.searches, 95))} | ${(percentile(side.briefs, 95) / percentile(first?.briefs ?? [], 95)).toFixed(2)} | ${differ.length}/${TOPICS.length}${differ.length > 0 ? ` (${differ.join(", ")})` : ""} |`,
  );
}
for (const side of sides) lines.push(`${side.name}: p95 of each round ${side.roundP95.map(f).join(", ")} ms`);
process.stdout.write(`${lines.join("\n")}\n`);
for (const side of sides) await side.close();
