// Source names on a real store: every feed by default, or only the feeds a brief's candidates
// come from (one query, not a list of every feed); a feed not read is still named, by its id.
import { afterEach, describe, expect, it } from "vitest";
import { sourceNamer } from "../../../src/briefing/stories/source-namer.js";
import type { Store } from "../../../src/store/store.js";
import { storeFactories } from "../../support/store-factories.js";
import { plainFeed } from "../../support/test-records.js";

const factory = storeFactories()[0];

describe("sourceNamer", () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
  });

  it("names every feed, or only the feeds asked for", async () => {
    if (!factory) throw new Error("no store factory");
    store = await factory.open();
    const titled = await store.feeds.addFeed(plainFeed("https://a.example/rss", { title: " Alpha News " }));
    const untitled = await store.feeds.addFeed(
      plainFeed("https://b.example/rss", { title: null, siteLink: "https://www.b.example/" }),
    );
    const all = await sourceNamer(store.feeds);
    expect([all(titled.id), all(untitled.id)]).toEqual(["Alpha News", "www.b.example"]);

    const some = await sourceNamer(store.feeds, [untitled.id, untitled.id]);
    expect([some(untitled.id), some(titled.id)]).toEqual(["www.b.example", `feed #${titled.id}`]);
  });
});
