// Several `briefbot serve` processes on one PostgreSQL database, as real child processes: feeds
// counted at a loopback feed server, digests counted at the Slack fake (HTTP mode). One process is
// SIGKILLed while it holds a feed lease mid-fetch and has claimed every digest slot without
// posting: its feed and slots pass to the three others, and everything happens exactly once.
// Every wait is for an outcome in the database, and the counts are read after the fleet has
// stopped (a stop finishes the passes in flight), so a slow machine changes no count.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openPostgresStore, type PostgresStore } from "../../src/store/postgres/open-postgres-store.js";
import { type FakeSlackApi, startFakeSlackApi } from "../support/fake-slack-api.js";
import { type LocalHttpServer, startLocalHttpServer } from "../support/local-http-server.js";
import { postgresTestDatabase } from "../support/postgres-test-database.js";
import { TEST_STORE_OPTIONS } from "../support/store-factories.js";

const ROOT = resolve(import.meta.dirname, "../..");
const MAIN = join(ROOT, "src/main.ts");
/** The same app with each digest claim held unposted until the process is killed. */
const HANGING = join(ROOT, "test/support/briefbot-with-claim-fault.ts");
const TSX = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
const MINUTE = 60_000;
const QUICK_FEEDS = 5;
const LATER_FEEDS = 12;
const CHANNELS = ["C1", "C2", "C3", "C4"];

function rss(name: string, now: number): string {
  const item = (i: number) =>
    `<item><title>${name} story ${i} about the volcano</title><link>http://example.test/${name}/${i}</link>` +
    `<guid>${name}-${i}</guid><pubDate>${new Date(now - i * MINUTE).toUTCString()}</pubDate>` +
    `<description>The volcano near ${name} erupted again on ${i}. Ash fell on the town.</description></item>`;
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${name}</title><link>http://example.test/</link>${[1, 2].map(item).join("")}</channel></rss>`;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("several briefbot serve processes on one PostgreSQL database", () => {
  const database = postgresTestDatabase();
  let feeds: LocalHttpServer;
  let slow: LocalHttpServer;
  /** Answers the slow feed's first request: called once the process fetching it is dead. */
  let releaseSlow = () => {};
  let slack: FakeSlackApi;
  let store: PostgresStore;
  let dir: string;
  const children: Array<{ child: ChildProcess; log: () => string; exited: Promise<number | null> }> = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "briefbot-fleet-"));
    const now = Date.now();
    feeds = await startLocalHttpServer();
    for (let i = 0; i < QUICK_FEEDS + LATER_FEEDS; i += 1) {
      feeds.route(`/feed-${i}`, (_q, res) => {
        res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss(`f${i}`, now));
      });
    }
    // Another loopback address is another host: the fetcher's one-request-per-host queue does not
    // hold the quick feeds behind this one. Its first answer waits until its fetcher is killed.
    slow = await startLocalHttpServer({}, { host: "127.0.0.2" });
    const slowHeld = new Promise<void>((release) => {
      releaseSlow = release;
    });
    slow.route("/slow", async (_q, res) => {
      if (slow.hits("/slow") === 1) await slowHeld;
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss("slow", now));
    });
    slack = await startFakeSlackApi();
    store = await openPostgresStore(await database.url(), TEST_STORE_OPTIONS);
  });

  afterEach(() => {
    for (const c of children) if (c.child.exitCode === null) c.child.kill("SIGKILL");
  });

  afterAll(async () => {
    await store?.close();
    await feeds?.close();
    releaseSlow();
    await slow?.close();
    await slack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function serve(hangAfterClaim = false) {
    const script = hangAfterClaim ? [HANGING, "hang"] : [MAIN];
    const child = spawn(process.execPath, ["--import", TSX, ...script, "serve"], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? "",
        BRIEFBOT_DATABASE: await database.url(),
        BRIEFBOT_ALLOW_PRIVATE_FEEDS: "true",
        BRIEFBOT_LOG_LEVEL: "warn",
        SLACK_BOT_TOKEN: "xoxb-fleet",
        SLACK_SIGNING_SECRET: "fleet-secret",
        SLACK_API_URL: slack.apiUrl,
        PORT: String(await freePort()),
        BRIEFBOT_POLL_TICK_MS: "200",
        // Leases far longer than a tick, and feed leases renewed while a pass runs: only the killed
        // process's lease runs out. A lease that ran out mid-post would (rightly) let another post.
        BRIEFBOT_FEED_LEASE_MS: "8000",
        BRIEFBOT_DIGEST_TICK_MS: "300",
        BRIEFBOT_DIGEST_LEASE_MS: "8000",
      },
    });
    let log = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString("utf8");
    });
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    const entry = { child, log: () => log, exited };
    children.push(entry);
    return entry;
  }

  it("fetches each feed once per interval and posts each digest slot once, even after a SIGKILL", async () => {
    const now = Date.now();
    const feed = (url: string, nextFetchAt: number) =>
      store.feeds.addFeed({
        url,
        title: null,
        siteLink: null,
        origin: null,
        refreshMinutes: 15,
        nextFetchAt,
        createdAt: now - 60 * MINUTE,
      });
    // Due once the first process has done the rest (its fetch must not end before the kill).
    const slowFeed = await feed(slow.url("/slow"), now + 60 * MINUTE);
    for (let i = 0; i < QUICK_FEEDS; i += 1) await feed(feeds.url(`/feed-${i}`), now - MINUTE);
    const slotAt = Math.floor((now - 3 * MINUTE) / MINUTE) * MINUTE;
    const minuteOfDay = new Date(slotAt).getUTCHours() * 60 + new Date(slotAt).getUTCMinutes();
    for (const channelId of CHANNELS) {
      await store.schedules.addSchedule({
        target: { platform: "slack", workspaceId: "T1", channelId },
        createdBy: "U1",
        minuteOfDay,
        days: [0, 1, 2, 3, 4, 5, 6],
        timeZone: "UTC",
        topic: null,
        maxStories: 3,
        quiet: false,
        createdAt: now - 30 * MINUTE,
        activeFrom: now - 30 * MINUTE,
      });
    }
    const count = async (sql: string) => Number((await store.pool.query(sql)).rows[0]?.n ?? 0);

    // The victim: claims every slot and never posts, fetches the quick feeds, hangs on the slow one.
    const victim = await serve(true);
    await until(
      "the first process to claim every slot and fetch the quick feeds",
      async () =>
        (await count("SELECT count(*) AS n FROM digest_slots WHERE status = 'claimed'")) === CHANNELS.length &&
        (await count("SELECT count(*) AS n FROM feeds WHERE last_success_at IS NOT NULL")) === QUICK_FEEDS,
      // Start-up alone (tsx compiling the app) has taken 20 s on a loaded machine.
      120_000,
    );
    await store.feeds.updateFeed(slowFeed.id, { nextFetchAt: Date.now() });
    await until("the first process to start on the slow feed", () => slow.hits("/slow") === 1, 60_000);
    expect(await count("SELECT count(*) AS n FROM feeds WHERE url LIKE '%/slow' AND lease_until IS NOT NULL")).toBe(1);
    victim.child.kill("SIGKILL");
    expect(await victim.exited).toBeNull();
    releaseSlow();
    expect(slack.accepted("chat.postMessage")).toHaveLength(0);
    // Due only now that the first process is dead (added earlier with a due time, they went to it
    // whenever its start-up was slow): the other three split these.
    for (let i = QUICK_FEEDS; i < QUICK_FEEDS + LATER_FEEDS; i += 1) await feed(feeds.url(`/feed-${i}`), Date.now());

    const fleet = [await serve(), await serve(), await serve()];
    await until(
      "every slot posted and every feed stored",
      async () =>
        (await count("SELECT count(*) AS n FROM digest_slots WHERE status = 'posted'")) === CHANNELS.length &&
        (await count("SELECT count(*) AS n FROM feeds WHERE last_success_at IS NOT NULL")) ===
          1 + QUICK_FEEDS + LATER_FEEDS,
      120_000,
    );
    // Nothing is due or claimable any more; stopping finishes whatever is in flight, so a duplicate
    // fetch or post, if there were one, is counted below.
    for (const member of fleet) member.child.kill("SIGTERM");
    for (const member of fleet) expect(await member.exited, member.log()).toBe(0);

    const posts = slack.accepted("chat.postMessage").map((e) => String(e.body.channel));
    expect(posts.sort()).toEqual(CHANNELS);
    expect(await count("SELECT count(*) AS n FROM digest_slots WHERE status = 'posted' AND attempts = 2")).toBe(
      CHANNELS.length,
    );
    for (let i = 0; i < QUICK_FEEDS + LATER_FEEDS; i += 1) expect(feeds.hits(`/feed-${i}`), `feed ${i}`).toBe(1);
    // The killed fetch, then the one instance that took the expired lease over.
    expect(slow.hits("/slow")).toBe(2);
    expect(await count("SELECT count(*) AS n FROM articles WHERE url LIKE 'http://example.test/slow/%'")).toBe(2);
  }, 300_000);
});
