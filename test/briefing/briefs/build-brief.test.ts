// The /brief use case on a real store (SQLite and PostgreSQL alike): the sample feeds give one story with both sources
// led by reported facts; an empty window falls back to dated recent stories; two events on one
// topic stay apart; hostile topics are harmless; every card fits the renderers' budget.
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFeedFile } from "../../../src/adapters/feeds/file-feed-source.js";
import { normalizeArticle } from "../../../src/adapters/feeds/normalize-article.js";
import { buildBrief } from "../../../src/briefing/briefs/build-brief.js";
import { CARD_LIMITS, cardTextLength, DigestCardSchema } from "../../../src/briefing/digest-card.js";
import type { Store } from "../../../src/store/store.js";
import { HOSTILE_TOPICS } from "../../store/store-contract.js";
import { storeFactories } from "../../support/store-factories.js";

const EXAMPLES = resolve(import.meta.dirname, "../../../examples/feeds");
const DAY = 86_400_000;
const AS_OF = Date.UTC(2026, 0, 14, 2);

describe.each(storeFactories())("buildBrief on $name", (factory) => {
  let store: Store;
  const deps = () => ({ articles: store.articles, feeds: store.feeds, clock: { now: () => AS_OF } });

  async function addFeed(
    title: string,
    items: Array<{ title: string; text: string; publishedAt: number; link: string }>,
  ): Promise<void> {
    const feed = await store.feeds.addFeed({
      url: `https://${title.replace(/\W/g, "").toLowerCase()}.test/rss`,
      title,
      siteLink: null,
      origin: null,
      refreshMinutes: 15,
      createdAt: 0,
      nextFetchAt: 0,
    });
    const articles = items.map((item, i) =>
      normalizeArticle(
        {
          id: `${title}-${i}`,
          title: item.title,
          link: item.link,
          publishedAt: item.publishedAt,
          author: null,
          summary: null,
          text: item.text,
          language: "en",
        },
        item.publishedAt,
      ),
    );
    await store.articles.upsertArticles(feed.id, articles, { backlog: false });
  }

  async function addSamples(): Promise<void> {
    for (const file of ["news-one-mexico.xml", "news-two-mexico.xml"]) {
      const parsed = await readFeedFile(join(EXAMPLES, file));
      const feed = await store.feeds.addFeed({
        url: `file://${file}`,
        title: parsed.title,
        siteLink: parsed.link,
        origin: null,
        refreshMinutes: 15,
        createdAt: 0,
        nextFetchAt: 0,
      });
      await store.articles.upsertArticles(
        feed.id,
        parsed.items.map((item) => normalizeArticle(item, AS_OF)),
        { backlog: true },
      );
    }
  }

  beforeEach(async () => {
    store = await factory.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it("gives the sample call one story with both sources, quoted verbatim and led by reported facts", async () => {
    await addSamples();
    const card = DigestCardSchema.parse(await buildBrief(deps(), { topic: "mexico" }));
    expect(card.notice).toBeNull();
    expect(card.stories).toHaveLength(1);
    const [story] = card.stories;
    expect(story?.sources.map((s) => s.name).sort()).toEqual(["News One (sample outlet)", "News Two (sample outlet)"]);
    expect(story?.headline).not.toMatch(/STANDOFF/);
    expect(story?.sentences.length).toBeGreaterThanOrEqual(2);
    const texts = new Map((await store.articles.recentArticles({ limit: 10 })).map((a) => [a.id, a]));
    for (const sentence of story?.sentences ?? []) {
      const article = texts.get(sentence.articleId);
      expect(article?.text).toContain(sentence.text);
      expect(sentence.url).toBe(article?.url);
      expect(sentence.text).not.toMatch(
        /Republican|audiences|lesson|Story Highlights|Sources:|Magnifying glass|STANDOFF|successful diplomatic outcome/,
      );
    }
    // What happened on the call, with attribution.
    expect(story?.sentences.map((s) => s.text).join(" ")).toMatch(/Sheinbaum/);
    expect(card.subtitle).toMatch(/1 story · 2 articles · 2 sources · in the last 7 days · as of 2026-01-14 02:00 UTC/);
  });

  it("falls back to the most recent matching stories, dated, when the window is empty", async () => {
    await addSamples();
    const card = await buildBrief(deps(), { topic: "sheinbaum", asOf: Date.UTC(2026, 10, 21) });
    expect(card.notice).toMatch(/Nothing about "sheinbaum" in the last 7 days\. The most recent matching stories:/);
    expect(card.stories).toHaveLength(1);
    expect(card.stories[0]?.sources[0]?.publishedAt).toBeLessThan(Date.UTC(2026, 0, 14));
    // The header says the stories are older than the window, not "in the last 7 days".
    expect(card.subtitle).toMatch(
      /^1 story · 2 articles · 2 sources · none in the last 7 days, so the most recent · as of /,
    );
    expect(card.subtitle).not.toMatch(/· in the last 7 days/);
  });

  it("says what to do when nothing matches at all", async () => {
    const none = await buildBrief(deps(), { topic: "mexico" });
    expect(none.emptyMessage).toMatch(/No feeds are subscribed yet.*\/feed add/);
    await addSamples();
    const other = await buildBrief(deps(), { topic: "volcano" });
    expect(other).toMatchObject({
      stories: [],
      emptyMessage: expect.stringMatching(
        /Nothing about "volcano" in the last 7 days nor in the year before \(searched for volcano\)\. Try a broader topic/,
      ),
    });
    expect((await buildBrief(deps(), { topic: "*** :: --" })).emptyMessage).toMatch(/no words to search for/);
  });

  it("never breaks on hostile topics", async () => {
    await addSamples();
    for (const topic of HOSTILE_TOPICS) {
      const card = await buildBrief(deps(), { topic });
      expect(() => DigestCardSchema.parse(card)).not.toThrow();
    }
  });

  it("keeps two different events on one topic apart and ranks corroborated stories first", async () => {
    const call =
      "Mexico's President Claudia Sheinbaum said on Monday she spoke by phone with President Donald Trump for about 15 minutes about cartels and fentanyl, and rejected any U.S. military intervention.";
    const quake =
      "A magnitude 6.1 earthquake struck the Mexican state of Oaxaca on Saturday, damaging homes and cutting power to thousands, the national seismological service said.";
    await addFeed("Wire One", [
      {
        title: "Sheinbaum and Trump discuss cartels in phone call",
        text: call,
        publishedAt: AS_OF - DAY,
        link: "https://wire-one.test/call",
      },
      {
        title: "Earthquake shakes Oaxaca, Mexico",
        text: quake,
        publishedAt: AS_OF - 3 * DAY,
        link: "https://wire-one.test/quake",
      },
    ]);
    await addFeed("Wire Two", [
      {
        title: "Mexico's Sheinbaum tells Trump intervention is not needed",
        text: `${call.replace("said on Monday", "said Monday")} Talks will continue.`,
        publishedAt: AS_OF - DAY + 3_600_000,
        link: "https://wire-two.test/call",
      },
    ]);
    const card = await buildBrief(deps(), { topic: "mexico" });
    expect(card.stories).toHaveLength(2);
    expect(card.stories[0]?.sources).toHaveLength(2);
    expect(card.stories[1]?.headline).toMatch(/Earthquake/);
    expect(card.counts).toEqual({ stories: 2, articles: 3, sources: 2 });
  });

  it("fits the renderers' budget however long and numerous the stories are", async () => {
    const places = [
      "Lisbon",
      "Nairobi",
      "Hanoi",
      "Quito",
      "Oslo",
      "Tunis",
      "Manila",
      "Lima",
      "Accra",
      "Riga",
      "Doha",
      "Dhaka",
      "Sofia",
      "Minsk",
    ];
    const things = [
      "bridge",
      "railway",
      "hospital",
      "school",
      "harbour",
      "airport",
      "dam",
      "tunnel",
      "stadium",
      "library",
      "museum",
      "prison",
      "reactor",
      "canal",
    ];
    const long = (n: number) =>
      Array.from(
        { length: 12 },
        (_, i) =>
          `Officials in ${places[n]} said on Tuesday that stage ${i + 1} of the ${things[n]} plan would cost ${(i + 2) * 17} million dollars, according to a statement released by the ${things[n]} authority of ${places[n]}, which has long argued for it.`,
      ).join(" ");
    await addFeed(
      "Long Wire",
      Array.from({ length: 14 }, (_, n) => ({
        title: `${places[n]} unveils ${things[n]} plan ${"with many more details ".repeat(12)}`,
        text: long(n),
        publishedAt: AS_OF - n * 3_600_000,
        link: `https://long.test/${n}`,
      })),
    );
    const card = DigestCardSchema.parse(await buildBrief(deps(), { topic: "plan", maxStories: 10 }));
    expect(card.stories.length).toBeGreaterThan(3);
    expect(cardTextLength(card)).toBeLessThanOrEqual(CARD_LIMITS.textBudget);
    for (const story of card.stories) expect(story.headline.length).toBeLessThanOrEqual(CARD_LIMITS.headline);
  });
});
