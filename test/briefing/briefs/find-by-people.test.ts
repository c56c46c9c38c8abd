// Issue 15's finding target on a set written for this test: news items that name a people
// ("Belgian", "Thai") but never its country, each found by `/brief <country>` on both stores, and
// `/brief chile` / `/brief chile election` finding "Chileans vote in presidential runoff".
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildBrief } from "../../../src/briefing/briefs/build-brief.js";
import type { Store } from "../../../src/store/store.js";
import { storeFactories } from "../../support/store-factories.js";

const AS_OF = Date.UTC(2026, 2, 10, 12);
const HOUR = 3_600_000;

/** [country typed by the reader, title, text]: the text names the people only. */
const PEOPLE_ONLY_ITEMS: Array<[string, string, string]> = [
  [
    "belgium",
    "Belgian rail workers strike over pensions",
    "Belgian unions said trains would stop for two days as workers protest a pension reform.",
  ],
  [
    "thailand",
    "Thai court suspends prime minister",
    "A Thai court suspended the prime minister pending a ruling on an ethics complaint, officials said.",
  ],
  [
    "chile",
    "Chileans vote in presidential runoff",
    "Chileans went to the polls on Sunday to choose between two candidates with opposing plans.",
  ],
  [
    "kenya",
    "Kenyan runners sweep marathon podium",
    "Kenyan athletes took the first three places in the race, the organisers said on Sunday.",
  ],
  [
    "peru",
    "Peruvian lawmakers reject cabinet",
    "Peruvian legislators voted against the new cabinet in a late-night session on Tuesday.",
  ],
  [
    "norway",
    "Norwegian fund sells stake in miner",
    "The Norwegian sovereign wealth fund said it sold its holding over environmental concerns.",
  ],
  [
    "vietnam",
    "Vietnamese exports rise in February",
    "Vietnamese shipments of electronics grew for a fifth month, customs data showed.",
  ],
  [
    "netherlands",
    "Dutch government collapses over asylum",
    "The Dutch coalition fell apart after parties failed to agree on asylum rules, the premier said.",
  ],
  [
    "philippines",
    "Filipino fishermen report coast guard clash",
    "Filipino fishermen said a foreign coast guard vessel fired water cannon near a disputed shoal.",
  ],
  [
    "poland",
    "Polish farmers block border crossings",
    "Polish farmers blocked three crossings with tractors to protest cheap grain imports.",
  ],
  [
    "greece",
    "Greek ferry workers walk out",
    "Greek seamen began a 24-hour strike that halted ferries to the islands, the union said.",
  ],
  [
    "switzerland",
    "Swiss voters back pension increase",
    "Swiss voters approved a thirteenth monthly pension payment in a referendum on Sunday.",
  ],
  [
    "turkey",
    "Turkish central bank holds rates",
    "The Turkish central bank kept its main rate unchanged, citing slowing inflation.",
  ],
  [
    "egypt",
    "Egyptian pound weakens after float",
    "The Egyptian pound fell sharply after the central bank let the currency trade freely.",
  ],
  [
    "argentina",
    "Argentine inflation slows for third month",
    "Argentine consumer prices rose less than forecast in February, the statistics office said.",
  ],
  [
    "japan",
    "Japanese automaker recalls a million cars",
    "A Japanese carmaker is recalling about one million vehicles over a faulty airbag sensor.",
  ],
  [
    "ireland",
    "Irish voters reject constitutional changes",
    "Irish voters rejected two proposed amendments on family and care in a referendum.",
  ],
  [
    "portugal",
    "Portuguese snap election ends in stalemate",
    "Portuguese parties were left without a majority after Sunday's snap vote, results showed.",
  ],
  [
    "nigeria",
    "Nigerian naira hits record low",
    "The Nigerian currency fell to a record low against the dollar on the official market.",
  ],
  [
    "indonesia",
    "Indonesian volcano erupts, villages evacuated",
    "Indonesian authorities evacuated villages after a volcano on Java erupted on Monday.",
  ],
  [
    "south africa",
    "South African miners end wage strike",
    "South African platinum workers returned to the shafts after a five-month walkout.",
  ],
  ["saudi arabia", "Saudi oil output steady", "Saudi officials kept crude production unchanged for a third month."],
  [
    "maldives",
    "Maldivian president sworn in",
    "The new Maldivian leader took the oath in the capital, Male, on Friday.",
  ],
  [
    "united states",
    "Americans rush to book summer flights",
    "Americans booked a record number of summer flights, airlines said on Monday.",
  ],
];

/** Unrelated items the topic must not bring in first. */
const OTHER_ITEMS: Array<[string, string]> = [
  ["City council approves new budget", "The council approved spending on roads and schools after a long debate."],
  [
    "Storm knocks out power in the north",
    "Thousands of homes lost power as strong winds brought down lines overnight.",
  ],
  ["Tech company unveils new phone", "The company showed a phone with a larger screen and a longer battery life."],
  ["United fans travel south", "Supporters from several states travelled south for the cup final, united in hope."],
];

describe.each(storeFactories())("finding a country by its people on $name", (factory) => {
  let store: Store;
  const deps = () => ({ articles: store.articles, feeds: store.feeds, clock: { now: () => AS_OF } });

  beforeEach(async () => {
    store = await factory.open();
    const items = [...PEOPLE_ONLY_ITEMS.map(([, title, text]) => [title, text]), ...OTHER_ITEMS];
    for (const [i, [title, text]] of items.entries()) {
      const feed = await store.feeds.addFeed({
        url: `https://outlet${i}.test/rss`,
        title: `Outlet ${i}`,
        siteLink: null,
        origin: null,
        refreshMinutes: 15,
        createdAt: 0,
        nextFetchAt: 0,
      });
      const at = AS_OF - (i + 1) * HOUR;
      await store.articles.upsertArticles(
        feed.id,
        [
          {
            url: `https://outlet${i}.test/a/${i}`,
            guid: `item-${i}`,
            title: title as string,
            author: null,
            publishedAt: at,
            publishedAtEstimated: false,
            fetchedAt: at,
            summary: null,
            text: text as string,
            contentHash: `hash-${i}`,
            language: "en",
          },
        ],
        { backlog: false },
      );
    }
  });
  afterEach(async () => {
    await store.close();
  });

  it("finds every item that names only the people, by the country's name", async () => {
    const missed: string[] = [];
    for (const [i, [country]] of PEOPLE_ONLY_ITEMS.entries()) {
      const card = await buildBrief(deps(), { topic: country, sinceMs: 2 * 86_400_000 });
      const url = `https://outlet${i}.test/a/${i}`;
      const found = card.stories.some((s) => s.url === url || s.sources.some((source) => source.url === url));
      if (!found) missed.push(country);
    }
    // Target (issue 15): at least 80%; this set is found whole.
    expect(missed).toEqual([]);
  });

  it("finds the country's item by its people's name too, and a two-word topic by its best match", async () => {
    const chilean = await buildBrief(deps(), { topic: "chileans", sinceMs: 2 * 86_400_000 });
    expect(chilean.stories[0]?.headline).toMatch(/Chileans vote/);
    const election = await buildBrief(deps(), { topic: "chile election", sinceMs: 2 * 86_400_000 });
    expect(election.emptyMessage).toBeNull();
    expect(election.stories[0]?.headline).toMatch(/Chileans vote/);
    const portugal = await buildBrief(deps(), { topic: "portugal election", sinceMs: 2 * 86_400_000 });
    expect(portugal.stories[0]?.headline).toMatch(/Portuguese snap election/);
  });

  it("reads words typed apart that name a country as its name, not as any of the words", async () => {
    const card = await buildBrief(deps(), { topic: "united states", sinceMs: 2 * 86_400_000 });
    expect(card.stories.map((s) => s.headline)).toEqual(["Americans rush to book summer flights"]);
  });

  it("says what was searched and the window when nothing is found, never 'yet' with articles stored", async () => {
    const card = await buildBrief(deps(), { topic: "chile volcano", sinceMs: 86_400_000 });
    expect(card.stories[0]?.headline ?? "").not.toMatch(/Indonesian/);
    const none = await buildBrief(deps(), { topic: "finland", sinceMs: 86_400_000 });
    expect(none.emptyMessage).toMatch(
      /Nothing about "finland" in the last day nor in the year before \(searched for finland, finnish\)/,
    );
    expect(none.emptyMessage).not.toMatch(/\byet\b/);
  });
});
