// Idle memory of `briefbot serve` (`npm run build`, then `npx tsx test/bench/idle-memory-bench.ts`):
// the compiled build on a fresh SQLite file (no feeds) with no chat platform, Slack only (HTTP
// mode), Discord only (gateway connected) and both, against the loopback fakes the tests use.
// Each serve is left idle BENCH_IDLE_S seconds (20) after it says it is serving; then its VmRSS,
// RssAnon, RssFile and VmHWM are read from /proc, and it is stopped with SIGTERM.
// BENCH_BUILDS="before=/path/to/dist;after=dist --some-node-flag" compares builds (or node flags)
// side by side, over BENCH_ROUNDS rounds (3). BENCH_SHOW_STDERR=1 prints each serve's output.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startFakeDiscord } from "../support/fake-discord.js";
import { startFakeSlackApi } from "../support/fake-slack-api.js";

const ROOT = resolve(import.meta.dirname, "../..");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const IDLE_MS = Number(process.env.BENCH_IDLE_S ?? 20) * 1000;
const CONFIGS = (process.env.BENCH_CONFIGS ?? "none,slack,discord,both").split(",");
/** BENCH_LATE_S: a second VmRSS reading, this long after serving (after V8's memory reducer has run). */
const LATE_MS = Number(process.env.BENCH_LATE_S ?? 0) * 1000;

interface Build {
  name: string;
  main: string;
  nodeArgs: string[];
}

/** "name=dir [node args]" separated by ";"; by default this worktree's dist/. */
function parseBuilds(spec: string | undefined): Build[] {
  if (!spec) return [{ name: "dist", main: join(ROOT, "dist/main.js"), nodeArgs: [] }];
  return spec
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [head = "", ...nodeArgs] = part.split(/\s+/);
      const [name = "", dir = ""] = head.split("=");
      if (!name || !dir) throw new Error(`BENCH_BUILDS: "${part}" is not name=dir [node args]`);
      return { name, main: resolve(ROOT, dir, "main.js"), nodeArgs };
    });
}

interface Resident {
  rss: number;
  anon: number;
  file: number;
  /** VmHWM: the largest VmRSS so far, start-up included. */
  peak: number;
}

interface Sample extends Resident {
  /** From spawn to "serving" (every configured platform started). */
  startMs: number;
  /** VmRSS at BENCH_LATE_S, when asked for. */
  lateRss: number;
}

/** VmRSS, RssAnon, RssFile and VmHWM of a live process, in MB. */
function residentOf(pid: number): Resident {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  return { rss: kb("VmRSS") / 1024, anon: kb("RssAnon") / 1024, file: kb("RssFile") / 1024, peak: kb("VmHWM") / 1024 };
}

const handedOut = new Set<number>();

/** A port free right now and not handed to another serve of this run (they start side by side). */
async function freePort(): Promise<number> {
  for (;;) {
    const server = createServer();
    await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
    const address = server.address();
    await new Promise((closed) => server.close(closed));
    if (address === null || typeof address === "string") throw new Error("no port");
    if (handedOut.has(address.port)) continue;
    handedOut.add(address.port);
    return address.port;
  }
}

const slack = await startFakeSlackApi();
const discord = await startFakeDiscord();

async function envFor(config: string): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  if (config === "slack" || config === "both") {
    Object.assign(env, {
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_SIGNING_SECRET: "bench-secret",
      SLACK_API_URL: slack.apiUrl,
      PORT: String(await freePort()),
    });
  }
  if (config === "discord" || config === "both") {
    Object.assign(env, {
      DISCORD_TOKEN: "bench-bot-token",
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
    });
  }
  return env;
}

/** What serve prints once every configured platform has started. */
const SERVING = /Polling feeds|No chat platform is configured/;

async function measure(build: Build, config: string): Promise<Sample> {
  const dir = mkdtempSync(join(tmpdir(), "briefbot-idle-"));
  const child = spawn(process.execPath, [...build.nodeArgs, build.main, "serve"], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? "",
      BRIEFBOT_DATABASE: join(dir, "idle.db"),
      BRIEFBOT_LOG_LEVEL: "warn",
      ...(await envFor(config)),
    },
    stdio: ["ignore", process.env.BENCH_SHOW_STDERR ? "pipe" : "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const spawned = performance.now();
  try {
    for (let i = 0; !SERVING.test(stderr); i++) {
      if (child.exitCode !== null || i > 1200) throw new Error(`serve (${config}) did not start:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    if (config === "discord" || config === "both") {
      if (!/on Discord \(gateway connected/.test(stderr)) throw new Error(`Discord not connected:\n${stderr}`);
    }
    const startMs = performance.now() - spawned;
    await new Promise((r) => setTimeout(r, IDLE_MS));
    if (child.exitCode !== null) throw new Error(`serve (${config}) exited while idle:\n${stderr}`);
    const resident = residentOf(child.pid ?? 0);
    let lateRss = Number.NaN;
    if (LATE_MS > IDLE_MS) {
      await new Promise((r) => setTimeout(r, LATE_MS - IDLE_MS));
      lateRss = residentOf(child.pid ?? 0).rss;
    }
    // A probe loaded through node args (--import) can print its own figures; they are shown.
    if (process.env.BENCH_SHOW_STDERR) process.stderr.write(stderr);
    return { ...resident, startMs, lateRss };
  } finally {
    child.kill("SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

const builds = parseBuilds(process.env.BENCH_BUILDS);
const results = new Map<string, Sample[]>();
const key = (build: Build, config: string) => `${config}\t${build.name}`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
process.stderr.write(
  `idle serve, ${ROUNDS} rounds, ${IDLE_MS / 1000} s idle, node ${process.version}; load average ${load()}\n`,
);
for (let round = 1; round <= ROUNDS; round++) {
  for (const config of CONFIGS) {
    // The builds of one configuration run side by side, started in turn (the order alternating
    // by round), so they share the machine's state of the moment.
    const order = round % 2 === 1 ? builds : [...builds].reverse();
    const samples = await Promise.all(
      order.map(async (build, i) => {
        await new Promise((r) => setTimeout(r, i * 200));
        // Another program on this shared machine may take Slack's port first: one more try.
        return measure(build, config).catch((error: unknown) => {
          if (!String(error).includes("EADDRINUSE")) throw error;
          return measure(build, config);
        });
      }),
    );
    order.forEach((build, i) => {
      const sample = samples[i] as Sample;
      const list = results.get(key(build, config)) ?? [];
      list.push(sample);
      results.set(key(build, config), list);
      process.stderr.write(
        `round ${round} ${config.padEnd(7)} ${build.name.padEnd(10)} VmRSS ${sample.rss.toFixed(1)} MB (anon ${sample.anon.toFixed(1)}, file ${sample.file.toFixed(1)}, peak ${sample.peak.toFixed(1)}${LATE_MS ? `, at ${LATE_MS / 1000} s ${sample.lateRss.toFixed(1)}` : ""}), serving after ${sample.startMs.toFixed(0)} ms; load ${load()}\n`,
      );
    });
  }
}
await slack.close();
await discord.close();

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
/** The median of one figure over a configuration's samples. */
function of(samples: Sample[], field: keyof Sample, digits = 1): string {
  return median(samples.map((sample) => sample[field])).toFixed(digits);
}
console.log(
  `| config | build | VmRSS at ${IDLE_MS / 1000} s, median (min-max), MB | RssAnon | RssFile | VmHWM | VmRSS at ${LATE_MS / 1000} s | start-up ms |`,
);
console.log(`|---|---|---:|---:|---:|---:|---:|---:|`);
for (const config of CONFIGS) {
  for (const build of builds) {
    const samples = results.get(key(build, config)) ?? [];
    const rss = samples.map((s) => s.rss);
    console.log(
      `| ${config} | ${build.name} | ${median(rss).toFixed(1)} (${Math.min(...rss).toFixed(1)}-${Math.max(...rss).toFixed(1)}) | ${of(samples, "anon")} | ${of(samples, "file")} | ${of(samples, "peak")} | ${of(samples, "lateRss")} | ${of(samples, "startMs", 0)} |`,
    );
  }
}
console.log(`load average at the end: ${load()}`);
