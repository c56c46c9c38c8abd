// `npm run bench:digests`: 5,000 schedules due in the same minute over 50 topics, posting to an
// in-process publisher that answers instantly. Measures one tick of runDueDigests (the compiled
// product) from its start to the last post, with each topic's story pool built once and shared,
// and the process's peak memory. Articles: the BBC News Summary set re-dated over the last 10 days.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { NewArticle } from "../../src/briefing/article.js";
import type { DigestCard } from "../../src/briefing/digest-card.js";
import type { Publisher, PublishResult } from "../../src/briefing/ports.js";
import { loadBbc } from "../eval/summarization-eval.js";
import { addBenchFeeds, editionArticle } from "./bbc-editions.js";
import { TOPICS } from "./bench-topics.js";
import { compiled } from "./compiled.js";

type Module<T> = Promise<T>;
const { runDueDigests } = await (compiled("briefing/digests/run-due-digests") as Module<
  typeof import("../../src/briefing/digests/run-due-digests.js")
>);
const { openSqliteStore } = await (compiled("store/sqlite/open-sqlite-store") as Module<
  typeof import("../../src/store/sqlite/open-sqlite-store.js")
>);

const EVAL_DIR = process.env.BRIEFBOT_EVAL_DIR ?? resolve(import.meta.dirname, "../../../shared/eval");
const SCHEDULES = 5_000;
const FEEDS = 200;
const ARTICLES = 20_000;
const SPAN_DAYS = 10;
const DAY = 86_400_000;
/** 07:30 UTC: every schedule's slot; the tick comes 5 s later. */
const SLOT = Date.UTC(2026, 10, 20, 7, 30);
const TICK = SLOT + 5_000;

const docs = loadBbc(EVAL_DIR);
const dir = mkdtempSync(join(tmpdir(), "briefbot-bench-digests-"));
const store = openSqliteStore(join(dir, "digests.db"));
try {
  const feedIds = await addBenchFeeds(store.feeds, FEEDS);
  const plan = { docs, total: ARTICLES, feeds: FEEDS, endsAt: SLOT, spanDays: SPAN_DAYS };
  const byFeed = new Map<number, NewArticle[]>();
  for (let n = 0; n < ARTICLES; n++) {
    const feedId = feedIds[n % FEEDS] ?? 1;
    const list = byFeed.get(feedId) ?? [];
    list.push(editionArticle(plan, n));
    byFeed.set(feedId, list);
  }
  for (const [feedId, batch] of byFeed) await store.articles.upsertArticles(feedId, batch, { backlog: false });

  for (let i = 0; i < SCHEDULES; i++) {
    await store.schedules.addSchedule({
      target: { platform: "slack", workspaceId: `T${i % 100}`, channelId: `C${i}` },
      createdBy: null,
      minuteOfDay: 7 * 60 + 30,
      days: [0, 1, 2, 3, 4, 5, 6],
      timeZone: "UTC",
      topic: TOPICS[i % TOPICS.length] ?? null,
      maxStories: 5,
      quiet: true,
      createdAt: SLOT - DAY,
      activeFrom: SLOT - DAY,
    });
  }

  let posts = 0;
  let lastPostAt = 0;
  const started = performance.now();
  const publisher: Publisher = {
    async publish(_target, _card: DigestCard): Promise<PublishResult> {
      posts += 1;
      lastPostAt = performance.now();
      return { ok: true, messageId: String(posts) };
    },
    async announce(): Promise<PublishResult> {
      return { ok: true, messageId: "a" };
    },
  };
  let token = 0;
  const report = await runDueDigests({
    articles: store.articles,
    feeds: store.feeds,
    events: store.events,
    schedules: store.schedules,
    deliveries: store.deliveries,
    publisher,
    clock: { now: () => TICK },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    newClaimToken: () => `t${++token}`,
    wait: async () => {},
  });
  const finished = performance.now();
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(
    [
      `bench:digests — ${SCHEDULES.toLocaleString("en")} schedules due at the same minute over ${TOPICS.length} topics, ${ARTICLES.toLocaleString("en")} articles in ${FEEDS} feeds`,
      `report: ${JSON.stringify(report)}`,
      `tick to last post: ${((lastPostAt - started) / 1000).toFixed(2)} s (${posts.toLocaleString("en")} posts; whole pass ${((finished - started) / 1000).toFixed(2)} s)`,
      `story pools built: ${report.pools} (one per topic, shared)`,
      `peak memory (max RSS): ${peakMb} MB`,
      `target: under 10 s — ${(lastPostAt - started) / 1000 < 10 ? "met" : "MISSED"}`,
    ].join("\n"),
  );
} finally {
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
