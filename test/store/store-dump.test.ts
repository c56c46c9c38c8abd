// Export and import on every store: one record of each kind, written into a fresh SQLite file and
// a fresh PostgreSQL database, reads back exactly as written (ids, origins, weekdays, posted ids,
// and a duplicate that points at a later article, linked once every article exists).
import { describe, expect, it } from "vitest";
import { parseTopicQuery } from "../../src/briefing/briefs/topic-query.js";
import type { Store } from "../../src/store/store.js";
import type { DumpRecord } from "../../src/store/store-dump.js";
import { DumpRecordSchema } from "../../src/store/store-dump.js";
import { storeFactories } from "../support/store-factories.js";
import { plainArticle, plainFeed, plainSchedule, TEST_CHANNEL } from "../support/test-records.js";

const ORIGIN = { platform: "slack", workspaceId: "T1", channelId: "C1", userId: "U1" } as const;
const CHANNEL = TEST_CHANNEL;

async function readAll(store: Store): Promise<DumpRecord[]> {
  const records: DumpRecord[] = [];
  for await (const record of store.dump.read()) records.push(record);
  return records;
}

/** A store holding one of each record, filled through the ports, as a team's history would be. */
async function history(store: Store): Promise<DumpRecord[]> {
  const feed = await store.feeds.addFeed({
    url: "https://dump.example/rss",
    title: "Dump News",
    siteLink: "https://dump.example/",
    origin: ORIGIN,
    refreshMinutes: 30,
    nextFetchAt: 5,
    createdAt: 1,
  });
  await store.feeds.subscribeChannel(feed.id, { platform: "discord", workspaceId: "G1", channelId: "C7" }, "U7", 2);
  await store.articles.upsertArticles(
    feed.id,
    [plainArticle("dump.example", "1", "First text."), plainArticle("dump.example", "2", "Second text.")],
    { backlog: true },
  );
  const schedule = await store.schedules.addSchedule(plainSchedule(2));
  await store.schedules.setWorkspaceTimeZone({ platform: "slack", workspaceId: "T1" }, "America/Mexico_City", 3);
  const [first, second] = (await store.articles.recentArticles({ limit: 5 })).map((a) => a.id).sort((a, b) => a - b);
  await store.deliveries.claimSlot({ scheduleId: schedule.id, slotAt: 60_000, token: "t", now: 4, leaseUntil: 9 });
  await store.deliveries.settleSlot(
    { scheduleId: schedule.id, slotAt: 60_000, token: "t", at: 5 },
    { status: "posted", messageId: "M1", channel: CHANNEL, articleIds: [second ?? 0, first ?? 0] },
  );
  await store.events.recordEvent({
    kind: "feed_disabled",
    feedId: feed.id,
    origin: ORIGIN,
    message: "gone",
    createdAt: 6,
  });
  const records = await readAll(store);
  // An earlier article marked as the duplicate of a later one: import must link it after both exist.
  return records.map((r) =>
    r.type === "article" && r.article.id === first
      ? { ...r, article: { ...r.article, duplicateOf: second ?? null } }
      : r,
  );
}

describe("store dump: every record kind imports and exports unchanged", () => {
  const factories = storeFactories();
  const sqlite = factories[0];
  if (sqlite === undefined) throw new Error("no SQLite factory");

  for (const target of factories) {
    it(`into ${target.name}`, async () => {
      const source = await sqlite.open();
      let records: DumpRecord[];
      try {
        records = await history(source);
      } finally {
        await source.close();
      }
      expect(new Set(records.map((r) => r.type))).toEqual(
        new Set(["feed", "subscriber", "article", "schedule", "workspace", "slot", "posted", "event"]),
      );
      for (const record of records) DumpRecordSchema.parse(record);

      const store = await target.open();
      try {
        await store.dump.write(records);
        await store.dump.finish();
        expect(await readAll(store)).toEqual(records);
        // Imported articles are searchable: the import indexes them as the ingest path does.
        const found = await store.articles.searchArticles(parseTopicQuery("second"), { limit: 5 });
        expect(found.map((f) => f.article.text)).toEqual(["Second text."]);
        // Ids continue after the imported ones.
        const next = await store.feeds.addFeed(plainFeed("https://dump.example/next"));
        expect(next.id).toBeGreaterThan(Math.max(...records.flatMap((r) => (r.type === "feed" ? [r.feed.id] : []))));
      } finally {
        await store.close();
      }
    });
  }
});
