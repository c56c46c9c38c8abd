// `npm run bench:brief`: whole-brief latency (query to card) on stores of 10,000 and 100,000
// articles (BENCH_SIZES=10000,100000,1000000 for the million) with real text: distinct stories made
// from the BBC News Summary articles in ../shared/eval (test/bench/story-corpus.ts), 1,430 a day;
// every size is the newest articles of one million-article sequence, so the 7-day window holds the
// same articles at every size (1% of a million), across 200 feeds. 50 topics; p50, p95, max, this
// process's CPU per brief, the topics that make the p95, and peak memory, on SQLite (a fresh file) and on PostgreSQL (a fresh
// database briefbot_bench_<random>, dropped at the end), both loaded with the same articles in the
// same order through the store ports. Whole cards (headlines, quoted sentences and their links and
// credits, sources, labels) are compared between the stores, and with BENCH_ANSWERS_VS=<file>
// with the cards another build saved with BENCH_ANSWERS_OUT=<file> (that build: BENCH_DIST);
// each differing topic is named with what differs. BENCH_STORES=sqlite measures one store; BENCH_AB=1 adds
// alternating A/B rounds (stored features or not; SQLite's window-first search or not);
// BENCH_SQLITE_KEEP=<dir> keeps and reuses the loaded SQLite files; BENCH_POSTGRES_KEEP=<name> keeps
// and reuses the loaded PostgreSQL databases (briefbot_bench_keep_<name>_<size>; drop them by hand).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import type { NewArticle, ScoredArticle } from "../../src/briefing/article.js";
import type { ArticleStore } from "../../src/briefing/ports.js";
import type { Store } from "../../src/store/store.js";
import { loadBbc } from "../eval/summarization-eval.js";
import { addBenchFeeds } from "./bbc-editions.js";
import { benchQuery, keptBenchDatabase, serverDescription, withBenchDatabase } from "./bench-postgres.js";
import { TOPICS } from "./bench-topics.js";
import { type ComparableCard, comparableCard, describeDifferences, type SavedAnswer } from "./card-differences.js";
import { compiled } from "./compiled.js";
import { ARTICLES_PER_DAY, type StoryCorpus, storyArticles, storyCorpus } from "./story-corpus.js";

type Module<T> = Promise<T>;
const { buildBrief, composeBrief } = await (compiled("briefing/briefs/build-brief") as Module<
  typeof import("../../src/briefing/briefs/build-brief.js")
>);
const { openStore } = await (compiled("store/open-store") as Module<typeof import("../../src/store/open-store.js")>);
const { withArticleKind } = await (compiled("briefing/feeds/with-article-kind") as Module<
  typeof import("../../src/briefing/feeds/with-article-kind.js")
>);

const EVAL_DIR = process.env.BRIEFBOT_EVAL_DIR ?? resolve(import.meta.dirname, "../../../shared/eval");
const FEEDS = 200;
const AS_OF = Date.UTC(2026, 10, 20, 12);
const REPEATS = 3;
const KINDS = (process.env.BENCH_STORES ?? "sqlite,postgres").split(",") as Kind[];
const AB = process.env.BENCH_AB === "1";
const AB_ROUNDS = Number(process.env.BENCH_AB_ROUNDS ?? 4);
/** Articles generated and stored per step (grouped by feed: one upsert batch per feed per step). */
const STEP = 10_000;
/** Store sizes (BENCH_SIZES=2000,5000 for a quick try); the targets are stated for the largest. */
const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const SMALL = SIZES[0] ?? 10_000;
/**
 * Every size is the newest articles of one sequence of this many: the 7-day window holds the same
 * articles at every size, so the sizes differ in what is stored, not in what a brief reads. (Each
 * size used to start the sequence afresh: the 10,000 store's week was then the BBC articles as
 * they are, whose real names tie hundreds of politics articles into one story of 100+ members,
 * while the larger stores' weeks were variants with names drawn anew; the 10,000 p95 measured
 * that, not the store's size.) The million is this sequence whole, as before.
 */
const SEQUENCE = Math.max(1_000_000, ...SIZES);
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
  /** Per topic, its card as a reader sees it, to compare the two stores' (or two builds') answers. */
  answers: Map<string, ComparableCard>;
  /**
   * This process's CPU time per brief (user + system), p50 and p95: on the shared machine it moves
   * far less with other engineers' load than wall time does. PostgreSQL's own work is not in it.
   */
  cpuP50: number;
  cpuP95: number;
  /** The topics of the briefs at or above p95, with how many of their briefs are: what makes the p95. */
  tail: string;
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const STORE_OPTIONS = { logger: silent, poolSize: 4, statementTimeoutMs: 0, connectWaitMs: 5_000 };

async function load(store: Store, kind: Kind, corpus: StoryCorpus, total: number) {
  const feedIds = await addBenchFeeds(store.feeds, FEEDS);
  const articles = storyArticles({ corpus, total, feeds: FEEDS, endsAt: AS_OF, sequence: SEQUENCE });
  let stored = 0;
  let shown = 0;
  for (let start = 0; start < total; start += STEP) {
    const byFeed = new Map<number, NewArticle[]>();
    for (let n = start; n < Math.min(total, start + STEP); n++) {
      const feedId = feedIds[n % FEEDS] ?? 1;
      const batch = byFeed.get(feedId) ?? [];
      const next = articles.next();
      if (next.done) break;
      // Labelled as ingest labels every article (an `auto` feed, outlet the feed's title): briefs
      // then read the label, as in production, instead of classifying each story member again.
      batch.push(withArticleKind(next.value, { kind: "auto" }, `Bench feed ${n % FEEDS}`));
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
  // Warms caches and JIT, and lets the first brief to read each article compute and keep its
  // clustering features (decision 014): the measured briefs are the steady state after that.
  // The write waits for a turn of the event loop (setImmediate), which a loop of SQLite briefs
  // (synchronous underneath) never gives, so each warm-up brief waits for its write here: without
  // that, no feature was ever stored in the SQLite runs and every brief computed them again.
  for (const topic of TOPICS) await (await composeBrief(deps, { topic })).featuresKept;
  const latencies: number[] = [];
  const cpu: number[] = [];
  const timed: Array<[number, string]> = [];
  const answers = new Map<string, ComparableCard>();
  let stories = 0;
  for (let r = 0; r < REPEATS; r++) {
    for (const [i, topic] of TOPICS.entries()) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const card = await buildBrief(deps, { topic });
      const ms = performance.now() - t0;
      const used = process.cpuUsage(c0);
      latencies.push(ms);
      cpu.push((used.user + used.system) / 1000);
      timed.push([ms, topic]);
      stories += card.stories.length;
      answers.set(topic, comparableCard(card));
      if (tty)
        process.stderr.write(
          `\r\x1b[2Kbriefs on ${kind} ${total.toLocaleString("en")}: ${r * TOPICS.length + i + 1}/${REPEATS * TOPICS.length}`,
        );
    }
  }
  if (tty) process.stderr.write("\r\x1b[2K");
  latencies.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const p95 = percentile(latencies, 95);
  const inTail = new Map<string, number>();
  for (const [ms, topic] of timed) if (ms >= p95) inTail.set(topic, (inTail.get(topic) ?? 0) + 1);
  return {
    cpuP50: percentile(cpu, 50),
    cpuP95: percentile(cpu, 95),
    tail: [...inTail]
      .sort((a, b) => b[1] - a[1])
      .map(([topic, n]) => `${topic} ${n}`)
      .join(", "),
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

/** The store's articles with searchArticles answering without stored features: /brief computes them. */
function withoutFeatures(articles: ArticleStore): ArticleStore {
  const strip = (found: ScoredArticle[]) => found.map(({ article, relevance }) => ({ article, relevance }));
  return new Proxy(articles, {
    get(target, prop) {
      if (prop === "searchArticles")
        return async (...args: Parameters<ArticleStore["searchArticles"]>) =>
          strip(await target.searchArticles(...args));
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

interface AbResult {
  name: string;
  a: string;
  b: string;
  aTimes: number[];
  bTimes: number[];
  /** Topics whose cards (or result ids) differ between A and B. */
  differ: number;
}

/** Rounds of all topics, A then B, then B then A, ...: both sides see the same machine drift. */
async function alternate(
  name: string,
  sides: [string, (topic: string) => Promise<string>, string, (topic: string) => Promise<string>],
): Promise<AbResult> {
  const [a, runA, b, runB] = sides;
  const result: AbResult = { name, a, b, aTimes: [], bTimes: [], differ: 0 };
  const answers = { a: new Map<string, string>(), b: new Map<string, string>() };
  for (let round = 0; round < AB_ROUNDS; round++) {
    const order = round % 2 === 0 ? (["a", "b"] as const) : (["b", "a"] as const);
    for (const side of order) {
      for (const topic of TOPICS) {
        const t0 = performance.now();
        const answer = await (side === "a" ? runA : runB)(topic);
        (side === "a" ? result.aTimes : result.bTimes).push(performance.now() - t0);
        answers[side].set(topic, answer);
      }
    }
    if (tty) process.stderr.write(`\r\x1b[2K${name}: round ${round + 1}/${AB_ROUNDS}`);
  }
  result.differ = TOPICS.filter((t) => answers.a.get(t) !== answers.b.get(t)).length;
  return result;
}

const abResults: Array<AbResult & { kind: Kind; total: number }> = [];

const cardAnswer = (card: Awaited<ReturnType<typeof buildBrief>>) => JSON.stringify(comparableCard(card));

async function featuresAb(store: Store, kind: Kind, total: number): Promise<void> {
  const clock = { now: () => AS_OF };
  const stored = { articles: store.articles, feeds: store.feeds, clock };
  const computed = { articles: withoutFeatures(store.articles), feeds: store.feeds, clock };
  const result = await alternate("brief: features computed (A) vs stored (B)", [
    "computed",
    async (topic) => cardAnswer(await buildBrief(computed, { topic })),
    "stored",
    async (topic) => cardAnswer(await buildBrief(stored, { topic })),
  ]);
  abResults.push({ ...result, kind, total });
}

/** The search as it was (every match of all time scored, then the window) against window-first. */
async function searchAb(path: string, total: number): Promise<void> {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const since = AS_OF - 7 * 86_400_000;
    const until = AS_OF + 1;
    const { toFts5Match } = await (compiled("store/sqlite/fts-query") as Module<
      typeof import("../../src/store/sqlite/fts-query.js")
    >);
    const { withCountryNames, parseTopicQuery } = await (compiled("briefing/briefs/topic-query") as Module<
      typeof import("../../src/briefing/briefs/topic-query.js")
    >);
    const select = `SELECT a.*, -bm25(articles_fts, 10.0, 1.0) AS relevance
       FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ?`;
    const tail = `AND a.published_at >= ? AND a.published_at < ? AND a.duplicate_of IS NULL
       ORDER BY relevance DESC, a.published_at DESC, a.id DESC LIMIT 200`;
    const before = db.prepare(`${select} ${tail}`);
    const range = db
      .prepare("SELECT min(id), max(id) FROM articles WHERE published_at >= ? AND published_at < ?")
      .raw();
    const after = db.prepare(`${select} AND articles_fts.rowid >= ? AND articles_fts.rowid <= ? ${tail}`);
    const matchOf = (topic: string) => {
      const query = withCountryNames(parseTopicQuery(topic));
      return toFts5Match(query.groups.length > 1 ? { ...query, match: "any" } : query) ?? '""';
    };
    const ids = (rows: unknown[]) => rows.map((r) => (r as { id: number }).id).join(",");
    const result = await alternate("SQLite search: all matches then window (A) vs window first (B)", [
      "all matches",
      async (topic) => ids(before.all(matchOf(topic), since, until)),
      "window first",
      async (topic) => {
        const [first, last] = range.get(since, until) as [number, number];
        return ids(after.all(matchOf(topic), first, last, since, until));
      },
    ]);
    abResults.push({ ...result, kind: "sqlite", total });
    const inWindow = db.prepare("SELECT count(*) FROM articles WHERE published_at >= ? AND published_at < ?").pluck();
    const matches = db.prepare("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?").pluck();
    const matchesInWindow = db
      .prepare(
        "SELECT count(*) FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ? AND a.published_at >= ?",
      )
      .pluck();
    windowLines.push(
      `${total.toLocaleString("en")}: ${Number(inWindow.get(since, until)).toLocaleString("en")} articles in the 7-day window; "economy" matches ${Number(matches.get('"economy"')).toLocaleString("en")} articles, ${Number(matchesInWindow.get('"economy"', since)).toLocaleString("en")} in the window`,
    );
  } finally {
    db.close();
  }
}

const windowLines: string[] = [];

/**
 * BENCH_SQLITE_KEEP=<dir>: the SQLite store of each size is kept there (brief-<size>-of-<sequence>-kinds.db) and reused
 * by later runs, which then skip the load (load time 0): a million articles take ~20 minutes to
 * load, the briefs a minute. The articles are the same either way (the corpus is deterministic).
 */
const KEEP = process.env.BENCH_SQLITE_KEEP;

async function measureSqlite(corpus: StoryCorpus, total: number): Promise<Measurement> {
  const dir = KEEP ?? mkdtempSync(join(tmpdir(), "briefbot-bench-brief-"));
  // Named after the sequence too (a file kept before the sizes shared one holds other articles),
  // and "-kinds": files kept before the articles carried ingest's kind label hold unlabelled rows.
  const path = join(
    dir,
    !KEEP ? "brief.db" : total === SEQUENCE ? `brief-${total}-kinds.db` : `brief-${total}-of-${SEQUENCE}-kinds.db`,
  );
  const reuse = KEEP !== undefined && existsSync(path);
  const store = await openStore(path, STORE_OPTIONS);
  try {
    const t0 = performance.now();
    if (!reuse) await load(store, "sqlite", corpus, total);
    const measured = await briefs(store, "sqlite", total, reuse ? 0 : (performance.now() - t0) / 1000);
    if (AB) {
      await featuresAb(store, "sqlite", total);
      await searchAb(path, total);
    }
    return measured;
  } finally {
    await store.close();
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * BENCH_POSTGRES_KEEP=<name>: the PostgreSQL database of each size is kept (briefbot_bench_keep_<name>_<size>)
 * and reused by later runs of the same build's schema, which skip the load and the VACUUM (load time
 * 0). A reused database has its features stored by the first run's warm-up, and whatever that
 * write-back left behind (dead rows, pages no longer all-visible): the server's autovacuum decides
 * when that is cleaned up (on this machine's server autovacuum is off: never).
 */
const PG_KEEP = process.env.BENCH_POSTGRES_KEEP;
let checkpointNote = "VACUUM ANALYZE after loading";

async function measurePostgres(corpus: StoryCorpus, total: number): Promise<Measurement> {
  const run = async (db: { url: string }, fresh: boolean) => {
    const store = await openStore(db.url, STORE_OPTIONS);
    try {
      const t0 = performance.now();
      if (fresh) {
        await load(store, "postgres", corpus, total);
        // What autovacuum does soon after a bulk load: planner statistics and the visibility map.
        // Without them the first queries plan against an "empty" table.
        if (tty) process.stderr.write("\r\x1b[2Kvacuum analyze");
        await benchQuery(db.url, "VACUUM (ANALYZE) articles, feeds");
        // The load's dirty pages written now, not by a checkpoint spread over the timed briefs (the
        // WAL of 100,000 articles starts one that ran 60-90 s into them; docs/decisions/019).
        checkpointNote = await benchQuery(db.url, "CHECKPOINT").then(
          () => "VACUUM ANALYZE and CHECKPOINT after loading",
          (error: unknown) =>
            `VACUUM ANALYZE after loading, no CHECKPOINT (${error instanceof Error ? error.message : String(error)})`,
        );
      }
      const measured = await briefs(store, "postgres", total, fresh ? (performance.now() - t0) / 1000 : 0);
      if (AB) await featuresAb(store, "postgres", total);
      return measured;
    } finally {
      await store.close();
    }
  };
  if (PG_KEEP === undefined) return withBenchDatabase((db) => run(db, true));
  const db = await keptBenchDatabase(`${PG_KEEP}_${total}`);
  try {
    return await run(db, db.fresh);
  } catch (error) {
    if (db.fresh) await db.drop();
    throw error;
  }
}

const docs = loadBbc(EVAL_DIR).map(({ title, text }) => ({ title: title ?? "", text: text.replace(/\n+/g, "\n\n") }));
const corpus = storyCorpus(docs);
const results: Measurement[] = [];
for (const total of SIZES) {
  if (KINDS.includes("sqlite")) results.push(await measureSqlite(corpus, total));
  if (KINDS.includes("postgres")) results.push(await measurePostgres(corpus, total));
}
// Cards of this run, for another build to compare with (BENCH_ANSWERS_VS).
const answersKey = (m: Measurement) => `${m.kind} ${m.total}`;
if (process.env.BENCH_ANSWERS_OUT)
  writeFileSync(
    process.env.BENCH_ANSWERS_OUT,
    JSON.stringify(Object.fromEntries(results.map((m) => [answersKey(m), Object.fromEntries(m.answers)]))),
  );
const versus: string[] = [];
if (process.env.BENCH_ANSWERS_VS) {
  const other = JSON.parse(readFileSync(process.env.BENCH_ANSWERS_VS, "utf8")) as Record<
    string,
    Record<string, SavedAnswer>
  >;
  for (const m of results) {
    const theirs = other[answersKey(m)];
    if (!theirs) {
      versus.push(`${m.total.toLocaleString("en")} ${m.kind}: no cards in ${process.env.BENCH_ANSWERS_VS}`);
      continue;
    }
    const differences = describeDifferences(
      TOPICS,
      (t) => m.answers.get(t),
      (t) => theirs[t],
    );
    versus.push(
      `${m.total.toLocaleString("en")} ${m.kind}: same cards as ${process.env.BENCH_ANSWERS_VS} for ${TOPICS.length - differences.differ}/${TOPICS.length} topics${differences.differ > 0 ? " (first: this run, second: that file):" : ""}`,
      ...differences.lines,
    );
  }
}
const ms = (times: number[], p: number) =>
  percentile(
    [...times].sort((x, y) => x - y),
    p,
  ).toFixed(1);
const abLines = abResults.map(
  (r) =>
    `${r.total.toLocaleString("en")} ${r.kind}, ${r.name}, ${AB_ROUNDS} alternating rounds of ${TOPICS.length} topics: A p50 ${ms(r.aTimes, 50)} / p95 ${ms(r.aTimes, 95)} ms, B p50 ${ms(r.bTimes, 50)} / p95 ${ms(r.bTimes, 95)} ms (B/A p95 ${(
      percentile(
        [...r.bTimes].sort((x, y) => x - y),
        95,
      ) /
        percentile(
          [...r.aTimes].sort((x, y) => x - y),
          95,
        )
    ).toFixed(2)}); answers differ for ${r.differ}/${TOPICS.length} topics`,
);
const peak = process.resourceUsage().maxRSS / 1024;
const find = (kind: Kind, total: number) => results.find((m) => m.kind === kind && m.total === total);
const row = (m: Measurement) =>
  `| ${m.total.toLocaleString("en")} | ${m.kind === "sqlite" ? "SQLite" : "PostgreSQL"} | ${m.briefs} | ${m.p50.toFixed(1)} | ${m.p95.toFixed(1)} | ${m.max.toFixed(1)} | ${m.storiesPerCard.toFixed(1)} | ${m.loadSeconds.toFixed(1)} s |`;
const lines: string[] = [];
for (const total of SIZES) {
  const sqlite = find("sqlite", total);
  const postgres = find("postgres", total);
  if (!sqlite || !postgres) continue;
  const differences = describeDifferences(
    TOPICS,
    (t) => sqlite.answers.get(t),
    (t) => postgres.answers.get(t),
  );
  lines.push(
    `${total.toLocaleString("en")}: PostgreSQL p95 / SQLite p95 = ${(postgres.p95 / sqlite.p95).toFixed(2)}x; p50 ${(postgres.p50 / sqlite.p50).toFixed(2)}x; same cards (headlines, quotes, links, sources, labels) for ${TOPICS.length - differences.differ}/${TOPICS.length} topics${differences.differ > 0 ? " (first: SQLite, second: PostgreSQL):" : ""}`,
    ...differences.lines,
  );
}
const growth = (kind: Kind) => (find(kind, LARGE)?.p95 ?? Number.NaN) / (find(kind, SMALL)?.p95 ?? Number.NaN);
const ratio = (find("postgres", LARGE)?.p95 ?? Number.NaN) / (find("sqlite", LARGE)?.p95 ?? Number.NaN);
process.stdout.write(
  [
    `bench:brief (node ${process.version}; stories made from ${docs.length} BBC articles, ${ARTICLES_PER_DAY.toLocaleString("en")} articles a day, ${FEEDS} feeds, ${TOPICS.length} topics x ${REPEATS}, default 7-day window, 5 stories; ${await serverDescription()}, pool of ${STORE_OPTIONS.poolSize}, ${checkpointNote})`,
    "",
    "| articles | store | briefs | p50 ms | p95 ms | max ms | stories/card | load time |",
    "|---:|---|---:|---:|---:|---:|---:|---:|",
    ...results.map(row),
    "",
    ...lines,
    ...results.map(
      (m) =>
        `${m.total.toLocaleString("en")} ${m.kind}: CPU per brief (this process) p50 ${m.cpuP50.toFixed(1)} / p95 ${m.cpuP95.toFixed(1)} ms; briefs at or above p95, by topic: ${m.tail}`,
    ),
    `peak memory of this process (max RSS, both stores): ${peak.toFixed(0)} MB; p95 growth ${SMALL.toLocaleString("en")} -> ${LARGE.toLocaleString("en")}: SQLite ${growth("sqlite").toFixed(2)}x, PostgreSQL ${growth("postgres").toFixed(2)}x`,
    ...windowLines,
    ...versus,
    ...abLines,
    "targets (issue 16): SQLite p95 <= 50 ms at 100,000 articles and <= 100 ms at 1,000,000; p95 growth 10,000 -> 1,000,000 <= 1.5x; PostgreSQL p95 <= 1.5x SQLite's at each size",
    `PostgreSQL p95 / SQLite p95 at ${LARGE.toLocaleString("en")} articles: ${ratio.toFixed(2)}x`,
    "",
  ].join("\n"),
);
