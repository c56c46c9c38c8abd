// `npm run bench:ingest`: 200 synthetic feeds x 500 items served from a child process on
// loopback, ingested end to end (fetch, decode, parse, normalize, dedup, store, index) by the
// real `briefbot ingest` (compiled, in its own process, so the figures are the product's own);
// then a second pass over the unchanged feeds (all 304). Prints the figures.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { compiled } from "./compiled.js";

type Module<T> = Promise<T>;
const { openSqliteStore } = await (compiled("store/sqlite/open-sqlite-store") as Module<
  typeof import("../../src/store/sqlite/open-sqlite-store.js")
>);

const FEEDS = Number(process.env.BENCH_FEEDS ?? 200);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 500);
const MAIN = resolve(import.meta.dirname, "../../dist/main.js");
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

interface PassFigures {
  seconds: number;
  items: number;
  itemsPerSecond: number;
  peakMb: number;
  summary: string;
}

/** One `briefbot ingest` run in a fresh process; its own summary line carries the figures. */
function ingestPass(database: string, label: string): PassFigures {
  if (tty) process.stderr.write(`${label}...\n`);
  const result = spawnSync(process.execPath, [MAIN, "ingest"], {
    encoding: "utf8",
    cwd: tmpdir(),
    env: {
      PATH: process.env.PATH,
      BRIEFBOT_DATABASE: database,
      BRIEFBOT_ALLOW_PRIVATE_FEEDS: "true",
      BRIEFBOT_LOG_LEVEL: "error",
    },
  });
  const figures = /(\d+) items in ([\d.]+) s \((\d+) items\/s\); peak memory (\d+) MB/.exec(result.stdout);
  if (result.status !== 0 || !figures)
    throw new Error(`briefbot ingest failed (${result.status}): ${result.stdout}${result.stderr}`);
  return {
    items: Number(figures[1]),
    seconds: Number(figures[2]),
    itemsPerSecond: Number(figures[3]),
    peakMb: Number(figures[4]),
    summary: result.stdout.split("\n")[0] ?? "",
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "briefbot-bench-"));
  const database = join(dir, "bench.db");
  const server = await startServer();
  try {
    const store = openSqliteStore(database);
    for (let i = 0; i < FEEDS; i++) {
      const base = server.bases[i % server.bases.length];
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
    store.close();
    const first = ingestPass(database, "first pass");
    const again = openSqliteStore(database);
    for (const feed of await again.feeds.listFeeds()) await again.feeds.updateFeed(feed.id, { nextFetchAt: 0 });
    const stored = await again.articles.countArticles();
    again.close();
    const second = ingestPass(database, "second pass (unchanged feeds)");
    const rows = [
      ["feeds x items", `${FEEDS} x ${ITEMS} = ${(FEEDS * ITEMS).toLocaleString("en")}`],
      ["stored articles", stored.toLocaleString("en")],
      [
        "first pass",
        `${first.seconds.toFixed(2)} s, ${first.itemsPerSecond.toLocaleString("en")} items/s (${first.summary})`,
      ],
      ["peak memory (max RSS)", `${first.peakMb} MB`],
      ["second pass", `${second.seconds.toFixed(3)} s, peak ${second.peakMb} MB (${second.summary})`],
      ["targets", ">= 5,000 items/s, < 250 MB, second pass < 1 s"],
    ];
    process.stdout.write(
      `\nbench:ingest (node ${process.version}, briefbot ingest from dist/, ${FEEDS} feeds on ${server.bases.length} loopback hosts)\n`,
    );
    for (const [k, v] of rows) process.stdout.write(`  ${(k ?? "").padEnd(24)}${v}\n`);
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
