// `npm run bench:alerts`: (1) alert latency, from an article appearing at a loopback feed to its post
// at the fake Slack, with feeds refreshed every 2 minutes on a simulated clock (the scheduling delay)
// and the poll + pass measured in wall time (the processing); (2) the work of one alert pass with
// 2,000 feeds and 500 watches on SQLite and PostgreSQL (ALERTS_BENCH_POSTGRES=0 skips it): wall
// time and rows the store ports return.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { runAlertPass } from "../../src/briefing/alerts/run-alert-pass.js";
import type { NewWatch } from "../../src/briefing/alerts/watch.js";
import type { NewArticle } from "../../src/briefing/article.js";
import { parseCommand } from "../../src/briefing/commands/command.js";
import { handleCommand } from "../../src/briefing/commands/handle-command.js";
import type { Origin } from "../../src/briefing/feed.js";
import { openStore } from "../../src/store/open-store.js";
import { FeedHost, openAlertWorld, routing, slackAlertPublisher } from "../support/alert-e2e-world.js";
import { startFakeSlackApi } from "../support/fake-slack-api.js";
import { RecordingAlertPublisher } from "../support/recording-alert-publisher.js";
import { seeded } from "../support/seeded-random.js";
import { silentLogger, TEST_STORE_OPTIONS } from "../support/store-factories.js";
import { unclusteredWord } from "../support/unclustered-word.js";
import { withBenchDatabase } from "./bench-postgres.js";

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);
const REFRESH_MINUTES = 2;
/** serve's feed poller checks the due list this often (its grain). */
const POLLER_TICK_MS = 15_000;
const LATENCY_FEEDS = Number(process.env.ALERTS_BENCH_LATENCY_FEEDS ?? 20);
const LATENCY_ARTICLES = Number(process.env.ALERTS_BENCH_ARTICLES ?? 60);
const PASS_FEEDS = Number(process.env.ALERTS_BENCH_FEEDS ?? 2_000);
const PASS_WATCHES = Number(process.env.ALERTS_BENCH_WATCHES ?? 500);
const PASS_REPEATS = Number(process.env.ALERTS_BENCH_REPEATS ?? 3);

const progress = (line: string) => {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${line}`);
};
const done = () => {
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
};

/** A made-up word per story and slot: stories that share no word never cluster. */
const word = unclusteredWord;

function storyText(i: number, topic: string): { title: string; text: string } {
  const w = [0, 1, 2, 3, 4].map((s) => word(i, s));
  return {
    title: `${topic} ${w[0]} ${w[1]} ${w[2]}`,
    text: `${topic} ${w.join(" ")} reported on Tuesday. ${w[3]} ${w[4]} ${w[0]} ${topic} officials said.`,
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function latency(dir: string) {
  const slack = await startFakeSlackApi();
  const feeds = await FeedHost.start();
  const w = await openAlertWorld(join(dir, "latency.db"), silentLogger, T0);
  const random = seeded(17);
  const origin: Origin = { platform: "slack", workspaceId: "T1", channelId: "CBENCH", userId: "UADMIN" };
  try {
    for (let f = 0; f < LATENCY_FEEDS; f += 1) {
      const url = feeds.serve(`f${f}`, `Outlet ${f}`);
      // Feeds are out of phase with each other, as feeds added at different times are.
      await w.app.store.feeds.addFeed({
        url,
        title: `Outlet ${f}`,
        siteLink: null,
        origin,
        refreshMinutes: REFRESH_MINUTES,
        nextFetchAt: T0 + Math.floor(random() * REFRESH_MINUTES * MINUTE),
        createdAt: T0,
      });
    }
    for (const line of ["/watch add", "/watch limits 30/min 1000/day quiet off"])
      await handleCommand(w.app.deps, parseCommand(line), { origin, isAdmin: true });
    // The first fetch of each feed is backlog: let every feed be fetched once, empty.
    w.clock.t = T0 + REFRESH_MINUTES * MINUTE;
    await w.poll();
    const start = w.clock.t + MINUTE;
    const span = LATENCY_ARTICLES * MINUTE;
    const articles = Array.from({ length: LATENCY_ARTICLES }, (_, i) => ({
      i,
      feed: Math.floor(random() * LATENCY_FEEDS),
      at: start + Math.floor(random() * span),
      ...storyText(i, word(i, 7)),
    })).sort((a, b) => a.at - b.at);
    const publisher = routing(slackAlertPublisher(slack.apiUrl, silentLogger));
    const scheduling: number[] = [];
    const processing: number[] = [];
    const seen = new Set<string>();
    let next = 0;
    while (scheduling.length < articles.length && w.clock.t < start + span + 30 * MINUTE) {
      w.clock.t += POLLER_TICK_MS;
      while (next < articles.length && (articles[next]?.at ?? Infinity) <= w.clock.t) {
        const a = articles[next] as (typeof articles)[number];
        feeds.publish(`f${a.feed}`, {
          guid: `a${a.i}`,
          title: a.title,
          link: `${feeds.server.origin}/news/a${a.i}`,
          text: a.text,
          publishedAt: a.at,
        });
        next += 1;
      }
      const began = performance.now();
      // As serve does: a poll that stored new articles runs an alert pass at once.
      if ((await w.poll()) > 0) await runAlertPass(w.deps(publisher));
      const wall = performance.now() - began;
      for (const m of slack.messages("CBENCH")) {
        if (m.threadTs !== null || seen.has(m.ts)) continue;
        seen.add(m.ts);
        const a = articles.find((x) => (m.text ?? "").includes(x.title.split(" ")[1] ?? "\u0000"));
        if (!a) continue;
        scheduling.push(w.clock.t - a.at);
        processing.push(wall);
      }
      progress(
        `latency: ${scheduling.length}/${articles.length} posted, simulated ${((w.clock.t - T0) / MINUTE).toFixed(1)} min`,
      );
    }
    done();
    return { posted: scheduling.length, of: articles.length, scheduling, processing };
  } finally {
    await w.close();
    await feeds.close();
    await slack.close();
  }
}

/** Wraps a port so every call's returned rows (array length, or 1 for an object) are counted. */
function counting<T extends object>(port: T, tally: { rows: number; calls: number }): T {
  return new Proxy(port, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        const result = await value.apply(target, args);
        tally.calls += 1;
        if (Array.isArray(result)) tally.rows += result.length;
        else if (result !== null && typeof result === "object") tally.rows += 1;
        return result;
      };
    },
  });
}

async function passWork(database: string) {
  const store = await openStore(database, TEST_STORE_OPTIONS);
  const random = seeded(29);
  const now = T0 + 30 * MINUTE;
  const topics = Array.from({ length: 100 }, (_, k) => word(k, 9));
  try {
    progress("pass: adding feeds and articles");
    for (let f = 0; f < PASS_FEEDS; f += 1) {
      const feed = await store.feeds.addFeed({
        url: `https://feed${f}.bench.localhost/rss`,
        title: `Outlet ${f}`,
        siteLink: null,
        origin: null,
        refreshMinutes: REFRESH_MINUTES,
        nextFetchAt: 0,
        createdAt: 0,
      });
      // One new article per feed in the last half hour: 2,000 candidates for the pass.
      const at = T0 + Math.floor(random() * 30 * MINUTE);
      const { title, text } = storyText(f, topics[f % topics.length] as string);
      const article: NewArticle = {
        url: `https://feed${f}.bench.localhost/a/${f}`,
        guid: `a${f}`,
        title,
        author: null,
        publishedAt: at,
        publishedAtEstimated: false,
        fetchedAt: at,
        summary: null,
        text,
        contentHash: `h${f}`,
        language: "en",
      };
      await store.articles.upsertArticles(feed.id, [article], { backlog: false });
      if (f % 100 === 0) progress(`pass: ${f}/${PASS_FEEDS} feeds`);
    }
    for (let j = 0; j < PASS_WATCHES; j += 1) {
      const watch: NewWatch = {
        channel: { platform: "slack", workspaceId: "T1", channelId: `C${j % 50}` },
        createdBy: "UADMIN",
        topic: topics[j % topics.length] as string,
        sources: [],
        minSources: 1,
        include: [],
        exclude: [],
        opinion: true,
        createdAt: 0,
      };
      await store.watches.addWatch(watch);
    }
    const runs: { label: string; wallMs: number; rows: number; calls: number; sent: number }[] = [];
    for (let r = 0; r < PASS_REPEATS; r += 1) {
      for (const label of ["first pass (posts)", "next pass (nothing new)"]) {
        const tally = { rows: 0, calls: 0 };
        const publisher = new RecordingAlertPublisher();
        const clock = { t: label.startsWith("first") ? now + r * 10 * MINUTE : now + r * 10 * MINUTE + MINUTE };
        progress(`pass: repeat ${r + 1}/${PASS_REPEATS}, ${label}`);
        const began = performance.now();
        await runAlertPass({
          watches: counting(store.watches, tally),
          alerts: counting(store.alerts, tally),
          articles: counting(store.articles, tally),
          feeds: counting(store.feeds, tally),
          events: store.events,
          publisher,
          clock: { now: () => clock.t },
          logger: silentLogger,
          newClaimToken: () => `t${r}-${label}-${Math.random()}`,
          wait: async () => {},
        });
        runs.push({
          label,
          wallMs: performance.now() - began,
          rows: tally.rows,
          calls: tally.calls,
          sent: publisher.sent.length,
        });
      }
    }
    done();
    return runs;
  } finally {
    await store.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), "briefbot-alerts-bench-"));
try {
  const l = await latency(dir);
  const s = (xs: number[]) =>
    `p50 ${(percentile(xs, 50) / 1000).toFixed(1)} s, p95 ${(percentile(xs, 95) / 1000).toFixed(1)} s`;
  const ms = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(0)} ms, p95 ${percentile(xs, 95).toFixed(0)} ms`;
  console.log(
    `alert latency (${LATENCY_FEEDS} loopback feeds refreshed every ${REFRESH_MINUTES} min, poller tick ${POLLER_TICK_MS / 1000} s, ${l.posted}/${l.of} articles posted):`,
  );
  console.log(`  scheduling delay (simulated clock, appearance -> the poll that posted it): ${s(l.scheduling)}`);
  console.log(`  processing (wall time of that poll + alert pass, to the fake Slack's answer): ${ms(l.processing)}`);
  const engines: [string, () => Promise<Awaited<ReturnType<typeof passWork>>>][] = [
    ["SQLite", () => passWork(join(dir, "pass.db"))],
  ];
  if (process.env.ALERTS_BENCH_POSTGRES !== "0")
    engines.push(["PostgreSQL", () => withBenchDatabase((db) => passWork(db.url))]);
  for (const [engine, measure] of engines) {
    const runs = await measure();
    console.log(
      `alert pass work (${engine}, ${PASS_FEEDS} feeds with one new article each, ${PASS_WATCHES} watches in ${Math.min(PASS_WATCHES, 50)} channels):`,
    );
    for (const label of ["first pass (posts)", "next pass (nothing new)"]) {
      const of = runs.filter((r) => r.label === label);
      const walls = of.map((r) => r.wallMs.toFixed(0)).join(", ");
      console.log(
        `  ${label}: wall ${walls} ms over ${of.length} repeats; rows returned by the store ports ${of.map((r) => r.rows).join(", ")} in ${of[0]?.calls} calls; ${of[0]?.sent} messages`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
