// A story's card lines: corroborated news first with each quote's own link and supporters,
// opinion listed apart and never quoted beside news, and the bad inputs of issue 15.
import { describe, expect, it } from "vitest";
import type { Article, ScoredArticle } from "../../../src/briefing/article.js";
import { sentenceCredit } from "../../../src/briefing/digest-card.js";
import { buildStory } from "../../../src/briefing/stories/build-story.js";

let nextId = 1;
function article(feedId: number, title: string, text: string, url?: string): ScoredArticle {
  const id = nextId++;
  const a: Article = {
    id,
    feedId,
    url: url ?? `https://outlet${feedId}.example/2026/01/12/story-${id}`,
    guid: null,
    title,
    author: null,
    publishedAt: Date.UTC(2026, 0, 12, id),
    publishedAtEstimated: false,
    fetchedAt: Date.UTC(2026, 0, 12, id),
    summary: null,
    text,
    contentHash: `h${id}`,
    language: "en",
    backlog: false,
    byline: null,
    imageUrl: null,
    canonicalUrl: null,
    extractionStatus: "none",
    extractionAttempts: 0,
    extractionNextAt: null,
    extractionError: null,
    duplicateOf: null,
    // Never classified (no reason): the card classifies it when it reads it.
    kind: "news",
    kindReason: null,
  };
  return { article: a, relevance: 1 };
}
const NAMES: Record<number, string> = { 1: "Harbor Wire", 2: "Daily Ledger", 3: "Coast Times", 4: "Ledger Syndicate" };
const name = (feedId: number) => NAMES[feedId] ?? `feed ${feedId}`;

const WIRE = `SANTIAGO (Harbor Wire) - Chileans voted on Sunday in a presidential runoff between Jeannette Jara and José Antonio Kast, the electoral service said.
Polls closed at 6 p.m. and the electoral service said results would be published on Sunday night.
The winner takes office on March 11, the service said.`;
const LEDGER = `Chileans voted on Sunday in a presidential runoff between Jeannette Jara and José Antonio Kast, officials said.
In a stunning and dramatic showdown, Kast successfully crushed the hopes of the left in a crucial vote.
Results would be published on Sunday night, the electoral service said.`;
const COAST = `Voters in Chile chose on Sunday between Jeannette Jara and José Antonio Kast in a presidential runoff, the electoral service said.
The winner takes office on March 11.`;
const COLUMN = `I have spent twenty years writing about ports, and I have never seen workers treated with such contempt.
You should ask yourself why Chileans voted the way they did on Sunday. Who benefits when we look away?
I think the answer is obvious, and frankly it is shameful. We must do better, and you know it.`;

describe("buildStory", () => {
  it("quotes corroborated plain sentences with their own links and supporting outlets; strips datelines", () => {
    const members = [
      article(2, "Kast CRUSHES the left in STUNNING runoff!", LEDGER),
      article(1, "Chileans vote in presidential runoff", WIRE),
      article(3, "Chile holds presidential runoff between Jara and Kast", COAST),
    ];
    const story = buildStory(members, name, []);
    expect(story.headline).not.toMatch(/CRUSHES|STUNNING|!/);
    const texts = story.sentences.map((s) => s.text);
    expect(texts.join(" ")).not.toMatch(/stunning|successfully|SANTIAGO \(Harbor Wire\)/);
    expect(texts).toContain(
      "Chileans voted on Sunday in a presidential runoff between Jeannette Jara and José Antonio Kast, the electoral service said.",
    );
    const first = story.sentences[0];
    expect(first?.supportedBy?.length).toBeGreaterThan(0);
    for (const s of story.sentences) {
      const from = members.find((m) => m.article.id === s.articleId)?.article;
      expect(s.url).toBe(from?.url);
      expect(from?.text).toContain(s.text);
    }
    // Sources: the quoted articles first, each named with its outlet.
    expect(story.sources[0]?.url).toBe(first?.url);
    expect(story.sources.map((s) => s.name).sort()).toEqual(["Coast Times", "Daily Ledger", "Harbor Wire"]);
  });

  it("counts a syndicated copy as one origin, not as support", () => {
    const members = [article(1, "Chileans vote in presidential runoff", WIRE), article(4, "Chileans vote", WIRE)];
    const story = buildStory(members, name, []);
    for (const s of story.sentences) expect(s.supportedBy).toEqual([]);
    expect(story.sentences.every((s) => s.alone === false)).toBe(true);
  });

  it("lists an opinion piece as opinion and never quotes it beside news", () => {
    const column = article(3, "The ports", COLUMN, "https://outlet3.example/opinion/2026/ports");
    const members = [column, article(1, "Chileans vote in presidential runoff", WIRE)];
    const story = buildStory(members, name, []);
    expect(story.kind).toBe("news");
    expect(story.sentences.every((s) => s.articleId !== column.article.id)).toBe(true);
    expect(story.sources.find((s) => s.url === column.article.url)).toMatchObject({ kind: "opinion" });
    expect(story.headline).toBe("Chileans vote in presidential runoff");
  });

  it("lists every quoted article among the sources, two of one outlet both, each with its URL and title", () => {
    const results = `Kast won the presidential runoff with 58% of the vote, the electoral service said on Sunday night.
Jara conceded defeat in a speech in Santiago on Sunday night, her campaign said.
Kast takes office on March 11, the electoral service said.`;
    const story = buildStory(
      [
        article(1, "Chileans vote in presidential runoff", WIRE),
        article(1, "Kast wins Chile's presidential runoff", results),
        article(3, "Chile holds presidential runoff between Jara and Kast", COAST),
      ],
      name,
      [],
    );
    const quotedUrls = [...new Set(story.sentences.map((s) => s.url))];
    expect(quotedUrls.length).toBeGreaterThanOrEqual(2);
    for (const url of quotedUrls) {
      const source = story.sources.find((src) => src.url === url);
      expect(source, url ?? "").toBeDefined();
      expect(source?.title).toMatch(/Chile|Kast/);
    }
    // Harbor Wire's two quoted reports are two entries; the other outlet is still listed.
    expect(story.sources.filter((src) => src.name === "Harbor Wire").length).toBe(
      new Set(story.sentences.filter((s) => s.source === "Harbor Wire").map((s) => s.articleId)).size,
    );
    expect(story.sources.some((src) => src.name === "Coast Times")).toBe(true);
  });

  it("labels a story of opinion pieces only as opinion", () => {
    const story = buildStory(
      [
        article(3, "The ports", COLUMN, "https://outlet3.example/opinion/a"),
        article(2, "OPINION: Kast's Chile", LEDGER),
      ],
      name,
      [],
    );
    expect(story.kind).toBe("opinion");
    expect(story.sentences.length).toBeGreaterThan(0);
  });

  it("handles a story of one article: no supporters, and no 'only' mark", () => {
    const story = buildStory([article(1, "Chileans vote in presidential runoff", WIRE)], name, []);
    expect(story.sentences.length).toBeGreaterThan(0);
    for (const s of story.sentences) {
      expect(s.supportedBy).toEqual([]);
      expect(sentenceCredit(s)).toBe("Harbor Wire");
    }
  });

  it("quotes nothing from an article with no sentence over five words, and keeps the card valid", () => {
    const story = buildStory(
      [article(1, "Mexico cartel story", "Mexico cartel story. Big news. More soon.")],
      name,
      [],
    );
    expect(story.sentences).toEqual([]);
    expect(story.headline).toBe("Mexico cartel story");
    expect(story.sources).toHaveLength(1);
  });

  it("heads a story with its event's title, not a later follow-up report's (the ECB hike, not bank shares)", () => {
    const hike =
      "FRANKFURT (Harbor Wire) - The European Central Bank raised its deposit rate by 25 basis points to 2.25% on Thursday, its first increase since 2023, the bank said.\nECB President Christine Lagarde told reporters the decision was unanimous and that further moves would depend on data.\nThe next policy meeting is scheduled for March 5.";
    const ledger =
      "The European Central Bank raised its deposit rate by 25 basis points to 2.25% on Thursday, the first increase since 2023, as inflation stayed above target.\nPresident Christine Lagarde said the decision of the Governing Council was unanimous.\nThe next policy meeting is on March 5.";
    const followUp =
      "European bank shares rose on Friday, a day after the European Central Bank raised its deposit rate by 25 basis points to 2.25%, as investors bet on wider lending margins.\nThe STOXX index of euro zone banks gained 1.8% by midday.";
    // The follow-up is the newest member (ids, hence publication times, increase).
    const members = [
      article(1, "ECB raises interest rates by a quarter point", hike),
      article(2, "ECB lifts deposit rate to 2.25% in first hike since 2023", ledger),
      article(3, "European bank shares climb a day after ECB hike", followUp),
    ];
    const story = buildStory(members, name, []);
    expect(story.headline).not.toBe("European bank shares climb a day after ECB hike");
    expect(story.headline).toMatch(/^ECB (raises|lifts)/);
    expect(buildStory([...members].reverse(), name, []).headline).toBe(story.headline);
  });

  it("takes a title in capitals only when there is no other, and prefers a plain line to one long quotation", () => {
    const only = buildStory([article(1, "MEXICAN STANDOFF!", WIRE)], name, []);
    expect(only.headline).toBe("MEXICAN STANDOFF!");
    const quoteText = `“We will never accept foreign troops on our soil, not now and not ever, whatever anyone offers us,” the statement read in full.
“Chileans voted on Sunday in a presidential runoff and the whole region is watching what happens next in this campaign.”
Chileans voted on Sunday in a presidential runoff between Jeannette Jara and José Antonio Kast, officials said.`;
    const story = buildStory(
      [
        article(1, "Chile votes", quoteText),
        article(3, "Chile holds presidential runoff between Jara and Kast", COAST),
      ],
      name,
      [],
    );
    const lines = story.sentences.map((s) => s.text);
    const plain = lines.findIndex((l) => l.startsWith("Chileans voted on Sunday in a presidential runoff between"));
    const quotation = lines.findIndex((l) => l.startsWith("“Chileans voted"));
    expect(plain).toBeGreaterThanOrEqual(0);
    if (quotation >= 0) expect(plain).toBeLessThan(quotation);
  });
});
