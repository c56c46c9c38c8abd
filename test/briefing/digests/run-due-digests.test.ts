// runDueDigests in-process on a real SQLite file with a recording publisher: due slots post once,
// content is only what a channel has not seen (updated stories marked), quiet slots, downtime and
// the grace window, transient retries, crash recovery, pausing after 3 failed slots, shared pools.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NewArticle } from "../../../src/briefing/article.js";
import { type DigestRunDeps, runDueDigests } from "../../../src/briefing/digests/run-due-digests.js";
import type { NewSchedule } from "../../../src/briefing/schedule.js";
import type { Store } from "../../../src/store/store.js";
import { faultAfterClaim } from "../../support/fault-after-claim.js";
import { RecordingPublisher } from "../../support/recording-publisher.js";
import { storeFactories } from "../../support/store-factories.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 2026-01-14 07:30 in Berlin (CET, UTC+1). */
const SLOT = Date.UTC(2026, 0, 14, 6, 30);
const CHANNEL = { platform: "slack", workspaceId: "T1", channelId: "C1" } as const;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

let serial = 0;
function article(title: string, text: string, at: number): NewArticle {
  serial += 1;
  return {
    url: `https://news.example/${serial}`,
    guid: `g${serial}`,
    title,
    author: null,
    publishedAt: at,
    publishedAtEstimated: false,
    fetchedAt: at,
    summary: null,
    text,
    contentHash: `h${serial}`,
    language: "en",
  };
}

const VOLCANO = [
  "Popocatepetl volcano erupts near Mexico City, ash cancels flights",
  "The Popocatepetl volcano erupted on Tuesday, sending an ash column over Mexico City. Airport officials cancelled dozens of flights as ash fell on the capital. Residents were told to stay indoors.",
] as const;
const TRAIN = [
  "Mexico opens Maya Train extension to Merida travellers",
  "The Maya Train extension to Merida opened to travellers on Tuesday. Officials said tickets sold out within hours. The line links Cancun with the Yucatan capital.",
] as const;

const DAILY_NEWS: Array<[string, string]> = [
  ["Mexico central bank cuts interest rates", "The Bank of Mexico cut its benchmark interest rate by a quarter point."],
  ["Mexico football team wins friendly in Monterrey", "The national football team beat Chile two to nil in Monterrey."],
  ["Mexico opens new cultural museum in Oaxaca", "A museum of textiles and pottery opened its doors in Oaxaca city."],
];

describe.each(storeFactories())("runDueDigests on $name", (factory) => {
  let store: Store;
  let publisher: RecordingPublisher;
  let now: number;
  let feeds: number[];
  let tokens = 0;

  const deps = (overrides: Partial<DigestRunDeps> = {}): DigestRunDeps => ({
    articles: store.articles,
    feeds: store.feeds,
    events: store.events,
    schedules: store.schedules,
    deliveries: store.deliveries,
    publisher,
    clock: { now: () => now },
    logger: silent,
    newClaimToken: () => `token-${++tokens}`,
    wait: async () => {},
    ...overrides,
  });
  const run = (overrides: Partial<DigestRunDeps> = {}) => runDueDigests(deps(overrides));
  const schedule = (overrides: Partial<NewSchedule> = {}) =>
    store.schedules.addSchedule({
      target: CHANNEL,
      createdBy: "U1",
      minuteOfDay: 7 * 60 + 30,
      days: [0, 1, 2, 3, 4, 5, 6],
      timeZone: "Europe/Berlin",
      topic: "mexico",
      maxStories: 5,
      quiet: true,
      createdAt: SLOT - DAY,
      activeFrom: SLOT - DAY,
      ...overrides,
    });
  const store3 = async (feedIndex: number, articles: NewArticle[], backlog = false) =>
    store.articles.upsertArticles(feeds[feedIndex] ?? 0, articles, { backlog });

  beforeEach(async () => {
    store = await factory.open();
    publisher = new RecordingPublisher();
    now = SLOT;
    feeds = [];
    for (const name of ["Outlet A", "Outlet B", "Outlet C"]) {
      const feed = await store.feeds.addFeed({
        url: `https://${name.replace(" ", "-").toLowerCase()}.example/rss`,
        title: name,
        siteLink: null,
        origin: null,
        refreshMinutes: 15,
        nextFetchAt: 0,
        createdAt: 0,
      });
      feeds.push(feed.id);
    }
  });
  afterEach(async () => {
    await store.close();
  });

  it("leases each claim from when it is made: a slot claimed late in a long run is not another's to post", async () => {
    await store3(0, [article(...VOLCANO, SLOT - 3 * HOUR), article(...TRAIN, SLOT - 2 * HOUR)]);
    const first = await schedule();
    const second = await schedule({ target: { ...CHANNEL, channelId: "C2" } });
    const takenOver: boolean[] = [];
    const slow = {
      publish: async (...args: Parameters<RecordingPublisher["publish"]>) => {
        if (publisher.posts.length === 0)
          now += 2 * MINUTE; // the first post outlasts a whole lease
        else
          takenOver.push(
            await store.deliveries.claimSlot({
              scheduleId: second.id,
              slotAt: SLOT,
              token: "another-instance",
              now,
              leaseUntil: now + MINUTE,
            }),
          );
        return publisher.publish(...args);
      },
      announce: publisher.announce.bind(publisher),
    };
    now = SLOT + 20_000;
    const report = await run({ publisher: slow, options: { concurrency: 1, leaseMs: MINUTE } });
    expect(report).toMatchObject({ due: 2, posted: 2 });
    expect(publisher.posts.map((p) => p.target.channelId)).toEqual(["C1", "C2"]);
    expect(takenOver).toEqual([false]);
    expect(first.id).toBeLessThan(second.id);
  });

  it("posts a due slot once, to its channel, with the stories on its topic", async () => {
    await store3(0, [article(...VOLCANO, SLOT - 3 * HOUR), article(...TRAIN, SLOT - 2 * HOUR)]);
    const s = await schedule();
    now = SLOT + 20_000;
    expect(await run()).toMatchObject({ due: 1, posted: 1, pools: 1 });
    expect(publisher.posts).toHaveLength(1);
    const [post] = publisher.posts;
    expect(post?.target).toEqual(CHANNEL);
    expect(post?.delivery).toEqual({ scheduleId: s.id, slotAt: SLOT });
    expect(post?.card.title).toBe("Digest: mexico");
    expect(post?.card.stories.map((x) => x.headline)).toHaveLength(2);
    expect(await run()).toMatchObject({ due: 0, posted: 0 });
    now = SLOT + 10 * MINUTE;
    expect(await run()).toMatchObject({ due: 0 });
    expect((await store.deliveries.listSlots(s.id, 5))[0]).toMatchObject({ status: "posted", messageId: "m1" });
  });

  it("does not post before the slot, nor slots from before the schedule existed", async () => {
    await store3(0, [article(...VOLCANO, SLOT - HOUR)]);
    await schedule({ activeFrom: SLOT - HOUR, createdAt: SLOT - HOUR });
    now = SLOT - MINUTE;
    expect(await run()).toMatchObject({ due: 0, skipped: 0 });
    now = SLOT;
    expect(await run()).toMatchObject({ due: 1, posted: 1 });
  });

  it("never repeats a channel's stories, brings back a story with a new source marked updated", async () => {
    await store3(0, [article(...VOLCANO, SLOT - 3 * HOUR), article(...TRAIN, SLOT - 2 * HOUR)]);
    await schedule();
    await run();
    expect(publisher.posts[0]?.card.stories).toHaveLength(2);

    // The next day: the same outlet repeats itself (not news), another outlet reports the volcano.
    await store3(0, [article(`${TRAIN[0]} as crowds gather`, TRAIN[1], SLOT + 3 * HOUR)]);
    await store3(1, [
      article(
        "Popocatepetl volcano ash cancels more Mexico City flights",
        "Ash from the Popocatepetl volcano cancelled more flights at Mexico City airport, officials said. The volcano erupted on Tuesday and ash fell on the capital.",
        SLOT + 4 * HOUR,
      ),
    ]);
    now = SLOT + DAY;
    expect(await run()).toMatchObject({ posted: 1 });
    const second = publisher.posts[1]?.card;
    expect(second?.stories).toHaveLength(1);
    expect(second?.stories[0]).toMatchObject({ updated: true });
    expect(second?.stories[0]?.headline).toMatch(/volcano/i);
    expect(second?.subtitle).toMatch(/1 story \(1 updated\)/);

    // The day after: nothing new at all → quiet, nothing posted.
    now = SLOT + 2 * DAY;
    expect(await run()).toMatchObject({ quiet: 1, posted: 0 });
    expect(publisher.posts).toHaveLength(2);
  });

  it("keeps channels apart: a story posted in one channel is still new in another", async () => {
    await store3(0, [article(...VOLCANO, SLOT - HOUR)]);
    await schedule();
    await schedule({ target: { ...CHANNEL, channelId: "C2" } });
    expect(await run()).toMatchObject({ posted: 2, pools: 1 });
    // Same pool, same selection: one card object shared by both posts.
    expect(publisher.posts[0]?.card).toBe(publisher.posts[1]?.card);
  });

  it("never puts backlog articles in a digest", async () => {
    await store3(0, [article(...VOLCANO, SLOT - HOUR)], true);
    await store3(1, [article(...TRAIN, SLOT - HOUR)]);
    await schedule();
    await run();
    const headlines = publisher.posts[0]?.card.stories.map((s) => s.headline) ?? [];
    expect(headlines).toHaveLength(1);
    expect(headlines[0]).toMatch(/Maya Train/);
  });

  it("stays quiet when nothing is new, or says so in one line when asked", async () => {
    const quiet = await schedule();
    const talkative = await schedule({ target: { ...CHANNEL, channelId: "C2" }, quiet: false, topic: null });
    expect(await run()).toMatchObject({ due: 2, quiet: 1, posted: 1 });
    expect((await store.deliveries.listSlots(quiet.id, 1))[0]?.status).toBe("quiet");
    expect(publisher.posts).toHaveLength(1);
    expect(publisher.posts[0]).toMatchObject({
      target: { channelId: "C2" },
      card: { stories: [], emptyMessage: "Nothing new since the last digest." },
    });
    expect((await store.deliveries.listSlots(talkative.id, 1))[0]?.status).toBe("posted");
  });

  it("posts a slot missed by 90 minutes of downtime, and skips one missed by 5 hours", async () => {
    await store3(0, [article(...VOLCANO, SLOT - HOUR)]);
    const s = await schedule();
    now = SLOT + 90 * MINUTE;
    expect(await run()).toMatchObject({ posted: 1, skipped: 0 });
    now = SLOT + DAY + 5 * HOUR;
    expect(await run()).toMatchObject({ due: 0, posted: 0, skipped: 1 });
    const [skipped] = await store.deliveries.listSlots(s.id, 1);
    expect(skipped).toMatchObject({ slotAt: SLOT + DAY, status: "skipped" });
    expect(skipped?.reason).toMatch(/missed: .*300 minutes late is beyond the 120-minute grace window/);
    expect(await run()).toMatchObject({ skipped: 0 });
  });

  it("after days of downtime records the old slots as skipped and posts only the latest in grace", async () => {
    await store3(0, [article(...VOLCANO, SLOT + 2 * DAY)]);
    const s = await schedule();
    now = SLOT + 3 * DAY + 30 * MINUTE;
    expect(await run({ options: { graceMs: 26 * HOUR } })).toMatchObject({ posted: 1, skipped: 3 });
    const slots = await store.deliveries.listSlots(s.id, 10);
    expect(slots.map((x) => x.status)).toEqual(["posted", "skipped", "skipped", "skipped"]);
    expect(slots[1]?.reason).toMatch(/superseded by the later slot/);
  });

  it("retries a slot whose process crashed after the claim, once its lease ends", async () => {
    await store3(0, [article(...VOLCANO, SLOT - HOUR)]);
    const s = await schedule();
    await expect(run({ deliveries: faultAfterClaim(store.deliveries, "throw") })).rejects.toThrow(/simulated crash/);
    expect(publisher.posts).toHaveLength(0);
    now = SLOT + 2 * MINUTE;
    expect(await run()).toMatchObject({ due: 0, posted: 0 }); // another process may still be posting
    now = SLOT + 5 * MINUTE;
    expect(await run()).toMatchObject({ due: 1, posted: 1 });
    expect((await store.deliveries.listSlots(s.id, 1))[0]).toMatchObject({ status: "posted", attempts: 2 });
    expect(publisher.posts).toHaveLength(1);
  });

  it("skips a crashed claim once it is beyond the grace window, saying why", async () => {
    const s = await schedule();
    await expect(run({ deliveries: faultAfterClaim(store.deliveries, "throw") })).rejects.toThrow();
    now = SLOT + 3 * HOUR;
    expect(await run()).toMatchObject({ skipped: 1 });
    expect((await store.deliveries.listSlots(s.id, 1))[0]?.reason).toMatch(
      /not posted within the grace window: the process posting it stopped/,
    );
  });

  it("retries a rate-limited post later, within the grace window", async () => {
    await store3(0, [article(...VOLCANO, SLOT - HOUR)]);
    await schedule();
    publisher.failures.set("C1", { ok: false, reason: "rate_limited", detail: "retry after 30 s" });
    expect(await run()).toMatchObject({ retrying: 1, failed: 0 });
    publisher.failures.delete("C1");
    now = SLOT + MINUTE;
    expect(await run()).toMatchObject({ due: 0 });
    now = SLOT + 2 * MINUTE;
    expect(await run()).toMatchObject({ due: 1, posted: 1 });
  });

  it("pauses a schedule after 3 failed slots in a row, tells its creator, and never stops others", async () => {
    await store3(0, [article(...VOLCANO, SLOT - HOUR)]);
    const broken = await schedule({ target: { ...CHANNEL, channelId: "GONE" } });
    await schedule();
    publisher.failures.set("GONE", { ok: false, reason: "channel_not_found", detail: "Slack says channel_not_found" });
    for (let day = 0; day < 3; day += 1) {
      now = SLOT + day * DAY;
      const [title, text] = DAILY_NEWS[day] ?? ["", ""];
      await store3(0, [article(title, text, now - HOUR)]);
      const report = await run();
      expect(report).toMatchObject({ failed: 1, posted: 1, paused: day === 2 ? 1 : 0 });
    }
    const paused = await store.schedules.getSchedule(broken.id);
    expect(paused).toMatchObject({ consecutiveFailures: 3, pausedAt: SLOT + 2 * DAY });
    expect(paused?.pausedReason).toMatch(/3 digests in a row could not be posted.*channel_not_found/);
    const [event] = await store.events.pendingEvents(10);
    expect(event).toMatchObject({
      kind: "schedule_paused",
      feedId: null,
      origin: { platform: "slack", workspaceId: "T1", channelId: "GONE", userId: "U1" },
    });
    expect(event?.message).toMatch(
      new RegExp(`Digest #${broken.id} .* was paused.*channel_not_found.*/digest resume ${broken.id}`),
    );
    now = SLOT + 3 * DAY;
    expect(await run()).toMatchObject({ due: 1, failed: 0 }); // the paused one is no longer due
    expect(publisher.posts.every((p) => p.target.channelId === "C1")).toBe(true);
  });

  it("resets the failure count after a successful post", async () => {
    await store3(0, [article(...VOLCANO, SLOT - HOUR)]);
    const s = await schedule();
    publisher.failures.set("C1", { ok: false, reason: "forbidden", detail: "missing permissions" });
    expect(await run()).toMatchObject({ failed: 1 });
    expect((await store.schedules.getSchedule(s.id))?.consecutiveFailures).toBe(1);
    publisher.failures.delete("C1");
    now = SLOT + DAY;
    await store3(0, [article(...TRAIN, now - HOUR)]);
    expect(await run()).toMatchObject({ posted: 1 });
    expect((await store.schedules.getSchedule(s.id))?.consecutiveFailures).toBe(0);
  });

  it("builds one story pool per topic, shared by every schedule on it", async () => {
    await store3(0, [article(...VOLCANO, SLOT - HOUR), article(...TRAIN, SLOT - HOUR)]);
    for (let i = 0; i < 6; i += 1) {
      await schedule({ target: { ...CHANNEL, channelId: `C${i}` }, topic: i % 2 === 0 ? "mexico" : "volcano" });
    }
    expect(await run()).toMatchObject({ due: 6, posted: 6, pools: 2 });
  });
});
