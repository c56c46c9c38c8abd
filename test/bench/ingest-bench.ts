// `npm run bench:ingest`: 200 synthetic feeds x 500 items served from a child process on
// loopback, ingested end to end (fetch, decode, parse, normalize, dedup, store, index) by the
// real `briefbot ingest` (compiled, in its own process, so the figures are the product's own):
//   - SQLite: one process into a fresh file, then a second pass over the unchanged feeds (all 304);
//   - PostgreSQL, one instance: one process into a fresh database (and its second pass);
//   - PostgreSQL, three instances: three processes started at once on another fresh database,
//     sharing the feeds through their leases; checked at the feed server (each feed requested
//     once) and in the database (every item stored once).
// Prints the figures. The scratch databases (briefbot_bench_<random>) are dropped at the end.
// Knobs for before/after work: BENCH_VS=<other dist dir> runs only SQLite first passes, this build
// and that one in turn (BENCH_ROUNDS pairs after a warm-up pair; each build adds the feeds to its
// own fresh file with its own store code, so builds with different migrations compare), and
// prints each pair's ratio;
// BENCH_SQLITE_ONLY=1 stops after the SQLite passes and the parse rate; BENCH_NODE_ARGS adds node
// flags to every ingest process (say "--cpu-prof --cpu-prof-dir=/tmp/p").
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { type BenchDatabase, sampleLockWaits, serverDescription, withBenchDatabase } from "./bench-postgres.js";
import { compiled } from "./compiled.js";
import { cpuTimes, describeCpuSplit } from "./cpu-split.js";
import type { FeedServerStats } from "./feed-server.js";

type Module<T> = Promise<T>;
const { openStore } = await (compiled("store/open-store") as Module<typeof import("../../src/store/open-store.js")>);
const { parseFeedDocument } = await (compiled("adapters/feeds/parse-feed-document") as Module<
  typeof import("../../src/adapters/feeds/parse-feed-document.js")
>);

const FEEDS = Number(process.env.BENCH_FEEDS ?? 200);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 500);
const INSTANCES = 3;
/** BENCH_DIST=<dir>: another build's briefbot (say, the main branch's), for a before/after pair. */
const MAIN = process.env.BENCH_DIST
  ? resolve(process.env.BENCH_DIST, "main.js")
  : resolve(import.meta.dirname, "../../dist/main.js");
const VS = process.env.BENCH_VS ? resolve(process.env.BENCH_VS, "main.js") : null;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const SQLITE_ONLY = process.env.BENCH_SQLITE_ONLY === "1";
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter((arg) => arg !== "");
const tty = process.stderr.isTTY === true;
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const STORE_OPTIONS = { logger: silent, poolSize: 4, statementTimeoutMs: 0, connectWaitMs: 5_000 };

interface FeedServer {
  bases: string[];
  pid: number | undefined;
  /** Requests per feed since the last call with `reset`; `reset` then starts a new count. */
  stats(reset?: boolean): Promise<FeedServerStats>;
  stop(): void;
}

async function startServer(): Promise<FeedServer> {
  if (tty) process.stderr.write("generating feeds...\n");
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
  const bases = JSON.parse(first) as string[];
  return {
    bases,
    pid: child.pid,
    async stats(reset = false) {
      const response = await fetch(`${bases[0]}/_stats`, { method: reset ? "POST" : "GET" });
      return (await response.json()) as FeedServerStats;
    },
    stop: () => child.kill(),
  };
}

/** Share of both cores' time spent busy (user, nice, sys, irq) between two snapshots. */
function cpuSnapshot(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    busy += all - times.idle;
    total += all;
  }
  return { busy, total };
}

interface PassFigures {
  /** ingest's own figures: items, seconds and items/s of its polling pass (after start-up). */
  items: number;
  seconds: number;
  itemsPerSecond: number;
  peakMb: number;
  /** Feeds this process leased and fetched. */
  due: number;
  summary: string;
  /** CPU seconds of the main thread and of the busiest other thread (the parser worker), sampled from /proc. */
  threads: { main: number; busiest: number };
}

/** CPU seconds so far of each thread of `pid` (Linux /proc; empty elsewhere or once it has exited). */
function threadTimes(pid: number): Map<number, number> {
  const times = new Map<number, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
      times.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / 100);
    }
  } catch {
    // The process or a thread ended between listing and reading: keep what was read.
  }
  return times;
}

interface RunFigures {
  passes: PassFigures[];
  /** From the first process's start to the last one's exit, start-up and migration check included. */
  wallSeconds: number;
  /** Machine-wide CPU busy share over the run (2 cores = 100%). */
  cpuBusy: number;
  /** CPU seconds by ingest processes, PostgreSQL and the feed server; lock waits on PostgreSQL. */
  split: string;
}

/** One `briefbot ingest` process; resolves with its summary figures when it exits. */
function ingestProcess(database: string, main = MAIN): Promise<PassFigures> {
  return new Promise((resolvePass, reject) => {
    const child = spawn(process.execPath, [...NODE_ARGS, main, "ingest"], {
      cwd: tmpdir(),
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH,
        BRIEFBOT_DATABASE: database,
        BRIEFBOT_ALLOW_PRIVATE_FEEDS: "true",
        BRIEFBOT_LOG_LEVEL: "error",
      },
    });
    // Sampled every 100 ms: a thread's last figure before it ends is kept (at most 100 ms short).
    const perThread = new Map<number, number>();
    const sampler = setInterval(() => {
      for (const [tid, seconds] of threadTimes(child.pid ?? 0)) perThread.set(tid, seconds);
    }, 100);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.once("error", reject);
    child.once("close", (status) => {
      clearInterval(sampler);
      const main = perThread.get(child.pid ?? 0) ?? Number.NaN;
      perThread.delete(child.pid ?? 0);
      const figures = /(\d+) items in ([\d.]+) s \((\d+) items\/s\); peak memory (\d+) MB/.exec(stdout);
      const due = /^(\d+) feeds due/m.exec(stdout);
      if (status !== 0 || !figures || !due) {
        reject(new Error(`briefbot ingest failed (${status}): ${stdout}${stderr}`));
        return;
      }
      resolvePass({
        items: Number(figures[1]),
        seconds: Number(figures[2]),
        itemsPerSecond: Number(figures[3]),
        peakMb: Number(figures[4]),
        due: Number(due[1]),
        summary: stdout.split("\n")[0] ?? "",
        threads: { main, busiest: perThread.size > 0 ? Math.max(...perThread.values()) : Number.NaN },
      });
    });
  });
}

/** `processes` ingest processes started at once on one database (a file path or a bench database). */
async function ingestRun(
  database: string | BenchDatabase,
  processes: number,
  label: string,
  feedServerPid: number | undefined,
): Promise<RunFigures> {
  if (tty) process.stderr.write(`${label}...\n`);
  const url = typeof database === "string" ? database : database.url;
  const sampler = typeof database === "string" ? null : await sampleLockWaits(database);
  const split0 = cpuTimes(feedServerPid);
  const cpu0 = cpuSnapshot();
  const t0 = performance.now();
  const passes = await Promise.all(Array.from({ length: processes }, () => ingestProcess(url)));
  const wallSeconds = (performance.now() - t0) / 1000;
  const cpu1 = cpuSnapshot();
  const split = [describeCpuSplit(split0, cpuTimes(feedServerPid)), ...(sampler ? [await sampler.stop()] : [])];
  return {
    passes,
    wallSeconds,
    cpuBusy: (cpu1.busy - cpu0.busy) / Math.max(1, cpu1.total - cpu0.total),
    split: `${label}: ${split.join("; ")}`,
  };
}

/**
 * briefbot's own decode-and-parse rate on the bench's feeds, in this process on one thread (what
 * the parser worker does per document), so ingest's end-to-end rate reads as a share of it.
 */
async function parseRate(bases: string[]): Promise<{ itemsPerSecond: number; msPerFeed: number }> {
  const sample = Math.min(FEEDS, 10);
  const bodies: Uint8Array[] = [];
  for (let i = 0; i < sample; i++) {
    const response = await fetch(`${bases[i % bases.length]}/feeds/${i}.xml`);
    bodies.push(new Uint8Array(await response.arrayBuffer()));
  }
  const parseAll = () => {
    let items = 0;
    for (const bytes of bodies) {
      const result = parseFeedDocument({
        bytes,
        contentType: "application/rss+xml; charset=utf-8",
        url: "http://bench/",
      });
      items += result.kind === "feed" ? result.feed.items.length : 0;
    }
    return items;
  };
  parseAll(); // warm-up
  const t0 = performance.now();
  let items = 0;
  for (let round = 0; round < 3; round++) items += parseAll();
  const ms = performance.now() - t0;
  return { itemsPerSecond: (items / ms) * 1000, msPerFeed: ms / (3 * sample) };
}

type OpenStore = typeof openStore;

/**
 * The openStore of the build whose briefbot is `main` (its dist/store/open-store.js): BENCH_VS
 * gives each build a file made and migrated by its own code, since a build refuses a file that a
 * build with more migrations wrote (schema_newer), and one with more would migrate the other's
 * file inside its timed pass.
 */
async function openStoreOf(main: string): Promise<OpenStore> {
  const module = (await import(pathToFileURL(resolve(dirname(main), "store/open-store.js")).href)) as {
    openStore: OpenStore;
  };
  return module.openStore;
}

async function addFeeds(database: string, bases: string[], open: OpenStore = openStore): Promise<void> {
  const store = await open(database, STORE_OPTIONS);
  try {
    for (let i = 0; i < FEEDS; i++) {
      const base = bases[i % bases.length];
      await store.feeds.addFeed({
        url: `${base}/feeds/${i}.xml`,
        title: null,
        siteLink: null,
        origin: null,
        refreshMinutes: 15,
        createdAt: 0,
        nextFetchAt: 0,
      });
    }
  } finally {
    await store.close();
  }
}

/** Makes every feed due again (its ETag kept), and counts the stored articles. */
async function dueAgain(database: string): Promise<number> {
  const store = await openStore(database, STORE_OPTIONS);
  try {
    for (const feed of await store.feeds.listFeeds()) await store.feeds.updateFeed(feed.id, { nextFetchAt: 0 });
    return await store.articles.countArticles();
  } finally {
    await store.close();
  }
}

/** "each of 200 feeds requested once", or what went wrong. */
function describeRequests(stats: FeedServerStats): string {
  const counts = Object.values(stats.requests);
  const once = counts.filter((c) => c === 1).length;
  const twice = counts.filter((c) => c > 1).length;
  const missing = FEEDS - counts.length;
  return once === FEEDS
    ? `each of ${FEEDS} feeds requested exactly once (${stats.full} full, ${stats.notModified} not modified)`
    : `NOT once each: ${once} feeds once, ${twice} more than once (max ${Math.max(0, ...counts)}), ${missing} never`;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en");

function runRow(name: string, run: RunFigures): string {
  const items = run.passes.reduce((sum, p) => sum + p.items, 0);
  const own = run.passes.map((p) => fmt(p.itemsPerSecond)).join(" + ");
  const peak = run.passes.map((p) => p.peakMb).join(" / ");
  const wallRate = items === 0 ? "–" : fmt(items / run.wallSeconds);
  const ownRate = items === 0 ? `${run.passes.map((p) => p.seconds.toFixed(3)).join(" + ")} s pass` : own;
  return `| ${name} | ${fmt(items)} | ${run.wallSeconds.toFixed(2)} s | ${wallRate} | ${ownRate} | ${peak} MB | ${(run.cpuBusy * 100).toFixed(0)}% |`;
}

/** BENCH_VS: fresh SQLite files, this build (A) and the other (B) in turn; each pair's ratio A/B. */
async function compare(other: string, server: FeedServer, dir: string): Promise<void> {
  const builds = [
    { name: "A", main: MAIN, open: await openStoreOf(MAIN) },
    { name: "B", main: other, open: await openStoreOf(other) },
  ];
  type Run = { rate: number; wall: number; cpu: number; peakMb: number; main: number; worker: number };
  const runs: Record<string, Run[]> = { A: [], B: [] };
  for (let round = 0; round <= ROUNDS; round++) {
    // The warm-up pair (round 0) is run and printed, not counted; the order swaps each round.
    const order = round % 2 === 0 ? builds : [...builds].reverse();
    for (const build of order) {
      const file = join(dir, `vs-${round}-${build.name}.db`);
      await addFeeds(file, server.bases, build.open);
      const cpu0 = cpuTimes(server.pid);
      const t0 = performance.now();
      const pass = await ingestProcess(file, build.main);
      const wall = (performance.now() - t0) / 1000;
      const cpu1 = cpuTimes(server.pid);
      const run = {
        rate: pass.itemsPerSecond,
        wall,
        cpu: cpu0 && cpu1 ? cpu1.ingest - cpu0.ingest : Number.NaN,
        peakMb: pass.peakMb,
        main: pass.threads.main,
        worker: pass.threads.busiest,
      };
      if (round > 0) runs[build.name]?.push(run);
      rmSync(file, { force: true });
      rmSync(`${file}-wal`, { force: true });
      rmSync(`${file}-shm`, { force: true });
      process.stderr.write(
        `${round === 0 ? "warm-up" : `round ${round}`} ${build.name}: ${fmt(pass.items)} items, ${fmt(run.rate)} items/s (own), ${wall.toFixed(2)} s wall, CPU ${run.cpu.toFixed(1)} s (main thread ${run.main.toFixed(1)} s, busiest other ${run.worker.toFixed(1)} s), peak ${run.peakMb} MB\n`,
      );
    }
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((x, y) => x - y);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  };
  const a = runs.A ?? [];
  const b = runs.B ?? [];
  const row = (label: string, pick: (run: Run) => number, digits: number) => {
    const ratios = a.map((run, i) => pick(run) / pick(b[i] ?? run));
    const show = (values: number[]) => values.map((v) => v.toFixed(digits)).join(", ");
    return `| ${label} | ${show(a.map(pick))} | ${show(b.map(pick))} | ${median(ratios).toFixed(2)}x (${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}) |`;
  };
  const out = [
    "",
    `bench:ingest BENCH_VS (node ${process.version}, ${FEEDS} feeds x ${ITEMS} items, SQLite first pass, ${ROUNDS} alternating pairs after a warm-up pair)`,
    `A: ${MAIN}`,
    `B: ${other}`,
    "",
    "| figure | A | B | A/B, median (range) |",
    "|---|---|---|---:|",
    row("items/s (ingest's own)", (run) => run.rate, 0),
    row("wall s (process)", (run) => run.wall, 2),
    row("CPU s (process)", (run) => run.cpu, 1),
    row("CPU s (main thread)", (run) => run.main, 1),
    row("CPU s (busiest other thread: the parser worker)", (run) => run.worker, 1),
    row("peak MB", (run) => run.peakMb, 0),
    "",
  ];
  process.stdout.write(out.join("\n"));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "briefbot-bench-"));
  const server = await startServer();
  const total = FEEDS * ITEMS;
  const notes: string[] = [];
  if (VS !== null) {
    try {
      await compare(VS, server, dir);
    } finally {
      server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  try {
    // SQLite: one process, then the unchanged feeds again.
    const sqlite = join(dir, "bench.db");
    await addFeeds(sqlite, server.bases);
    await server.stats(true);
    const sqliteFirst = await ingestRun(sqlite, 1, "SQLite, first pass", server.pid);
    notes.push(`SQLite first pass: ${describeRequests(await server.stats(true))}`);
    // After the request count, which the sample's own fetches must not enter.
    const parse = await parseRate(server.bases);
    const sqliteStored = await dueAgain(sqlite);
    const sqliteSecond = await ingestRun(sqlite, 1, "SQLite, second pass (unchanged feeds)", server.pid);
    // Printed now as well: under load PostgreSQL's part can hit its statement timeout and end the run.
    process.stderr.write(
      `${runRow("SQLite, 1 process", sqliteFirst)}\n${runRow("SQLite, second pass (all 304)", sqliteSecond)}\n`,
    );

    const parseLine = `briefbot's own decode and parse, one thread, right after the SQLite first pass: ${fmt(parse.itemsPerSecond)} items/s (${parse.msPerFeed.toFixed(1)} ms per ${ITEMS}-item feed); SQLite ingest (own) / parse: ${((sqliteFirst.passes[0]?.itemsPerSecond ?? Number.NaN) / parse.itemsPerSecond).toFixed(2)}x`;
    if (SQLITE_ONLY) {
      process.stdout.write(
        `\n${notes.join("\n")}\n${sqliteFirst.split}\n${parseLine}\nSQLite: ${fmt(sqliteStored)} stored articles\n`,
      );
      return;
    }

    // PostgreSQL, one instance (and its second pass).
    const [pgOne, pgOneStored, pgOneSecond] = await withBenchDatabase(async (db) => {
      await addFeeds(db.url, server.bases);
      await server.stats(true);
      const first = await ingestRun(db, 1, "PostgreSQL, one instance", server.pid);
      notes.push(`PostgreSQL, one instance: ${describeRequests(await server.stats(true))}`);
      const stored = await dueAgain(db.url);
      const second = await ingestRun(db, 1, "PostgreSQL, one instance, second pass (unchanged feeds)", server.pid);
      return [first, stored, second] as const;
    });

    // PostgreSQL, three instances started at once on one database.
    const [pgThree, pgThreeStored, threeRequests] = await withBenchDatabase(async (db) => {
      await addFeeds(db.url, server.bases);
      await server.stats(true);
      const run = await ingestRun(db, INSTANCES, `PostgreSQL, ${INSTANCES} instances at once`, server.pid);
      const stats = await server.stats(true);
      const stored = await dueAgain(db.url);
      return [run, stored, stats] as const;
    });
    notes.push(`PostgreSQL, ${INSTANCES} instances: ${describeRequests(threeRequests)}`);
    notes.push(
      `PostgreSQL, ${INSTANCES} instances: feeds leased per instance ${pgThree.passes.map((p) => p.due).join(" / ")}; items per instance ${pgThree.passes.map((p) => fmt(p.items)).join(" / ")}`,
    );

    const storedCheck = (name: string, stored: number) =>
      `${name}: ${fmt(stored)} stored articles ${stored === total ? "(= feeds x items)" : `(EXPECTED ${fmt(total)})`}`;
    notes.push(
      storedCheck("SQLite", sqliteStored),
      storedCheck("PostgreSQL one", pgOneStored),
      storedCheck(`PostgreSQL ${INSTANCES}`, pgThreeStored),
    );

    const oneRate = pgOne.passes.reduce((s, p) => s + p.items, 0) / pgOne.wallSeconds;
    const threeRate = pgThree.passes.reduce((s, p) => s + p.items, 0) / pgThree.wallSeconds;
    const ratio = threeRate / oneRate;
    const ownOne = pgOne.passes[0]?.itemsPerSecond ?? Number.NaN;
    const out = [
      "",
      `bench:ingest (node ${process.version}, briefbot ingest from dist/, ${FEEDS} feeds x ${ITEMS} items = ${fmt(total)} on ${server.bases.length} loopback hosts; ${cpus().length} cores; ${await serverDescription()})`,
      "",
      "| run | items | wall time | items/s (wall) | items/s (ingest's own) | peak memory | CPU busy |",
      "|---|---:|---:|---:|---:|---:|---:|",
      runRow("SQLite, 1 process", sqliteFirst),
      runRow("PostgreSQL, 1 instance", pgOne),
      runRow(`PostgreSQL, ${INSTANCES} instances at once`, pgThree),
      runRow("SQLite, second pass (all 304)", sqliteSecond),
      runRow("PostgreSQL, second pass (all 304)", pgOneSecond),
      "",
      "wall time: from the first process's start to the last one's exit (start-up included); ingest's own: its polling pass, per process",
      ...notes.map((n) => `  ${n}`),
      ...[sqliteFirst, pgOne, pgThree].map((run) => `  ${run.split}`),
      "",
      `PostgreSQL ${INSTANCES} instances / 1 instance (items/s, wall): ${ratio.toFixed(2)}x (target >= 1.5x: ${ratio >= 1.5 ? "met" : "MISSED"})`,
      parseLine,
      `PostgreSQL 1 instance / SQLite (ingest's own items/s): ${(ownOne / (sqliteFirst.passes[0]?.itemsPerSecond ?? Number.NaN)).toFixed(2)}x`,
      "SQLite targets: >= 8,000 items/s, <= 250 MB, second pass < 1 s",
      "",
    ];
    process.stdout.write(out.join("\n"));
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
