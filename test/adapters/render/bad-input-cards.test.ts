// Issue 15's bad input through the whole product: feed files ingested into a real SQLite file
// (labels decided at ingest), `/brief` built from the store, and the card rendered as text,
// Markdown, JSON, Slack and Discord. Each case holds in every renderer, within Slack's and
// Discord's limits: a story of one article, of opinion pieces only, an article with no sentence
// over five words, a feed with no categories, a title in capitals, one long quotation.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderDiscordCard } from "../../../src/adapters/discord/render-discord-card.js";
import { renderMarkdownCard } from "../../../src/adapters/render/render-markdown-card.js";
import { renderTextCard } from "../../../src/adapters/render/render-text-card.js";
import { renderSlackCard } from "../../../src/adapters/slack/render-slack-card.js";
import { buildBrief } from "../../../src/briefing/briefs/build-brief.js";
import { type DigestCard, DigestCardSchema } from "../../../src/briefing/digest-card.js";
import { ingestFile } from "../../../src/cli/ingest-file.js";
import { type App, composeApp } from "../../../src/compose-app.js";
import { parseConfig } from "../../../src/config.js";
import { silentLogger } from "../../support/store-factories.js";
import { checkDiscordLimits } from "../discord/check-discord-limits.js";
import { checkSlackLimits } from "../slack/check-slack-limits.js";

const AS_OF = Date.UTC(2026, 0, 14, 12);

interface Item {
  title: string;
  link: string;
  at: string;
  paragraphs: string[];
  categories?: string[];
}

function rss(outlet: string, items: Item[]): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const body = items
    .map(
      (i) =>
        `<item><title>${esc(i.title)}</title><link>${i.link}</link><guid>${i.link}</guid><pubDate>${new Date(i.at).toUTCString()}</pubDate>${(i.categories ?? []).map((c) => `<category>${esc(c)}</category>`).join("")}<description>${esc(i.paragraphs.map((p) => `<p>${p}</p>`).join(""))}</description></item>`,
    )
    .join("\n");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${esc(outlet)}</title><link>https://${outlet.toLowerCase().replace(/\W+/g, "")}.example/</link>${body}</channel></rss>`;
}

/** Every rendering of one card, each checked against its platform's limits. */
function renderAll(card: DigestCard) {
  const slack = renderSlackCard(card, { buttons: true });
  const discord = renderDiscordCard(card, { buttons: true });
  expect(checkSlackLimits(slack)).toEqual([]);
  expect(checkDiscordLimits(discord)).toEqual([]);
  expect(DigestCardSchema.parse(JSON.parse(JSON.stringify(card)))).toEqual(card);
  return {
    text: renderTextCard(card, { width: 400 }),
    markdown: renderMarkdownCard(card),
    slack: JSON.stringify(slack.blocks),
    discord: discord.embeds.map((e) => `${e.title}\n${e.description}`).join("\n"),
  };
}

const CHILE_WIRE: Item = {
  title: "Chileans vote in presidential runoff",
  link: "https://harborwire.example/world/2026/01/11/chile-runoff",
  at: "2026-01-11T20:00:00Z",
  categories: ["World"],
  paragraphs: [
    "SANTIAGO (Harbor Wire) - Chileans voted on Sunday in a presidential runoff between Jeannette Jara and José Antonio Kast, the Servel electoral service said.",
    "About 15.7 million people were registered to vote in the runoff, in which voting is compulsory, Servel said.",
    "Results are expected late on Sunday, and the winner will take office on March 11.",
  ],
};

const COLUMN_ONE: Item = {
  title: "The ports scandal nobody wants to talk about",
  link: "https://dailyledger.example/2026/01/12/ports-scandal",
  at: "2026-01-12T15:00:00Z",
  paragraphs: [
    "I have spent twenty years writing about ports, and I have never seen workers treated with such contempt.",
    "The dockworkers at Valparaiso walked off the job on Monday, and who can blame them? Temporary contracts have become a scandal.",
    "We should ask ourselves why the port authority keeps pretending this is normal. It is a disgrace.",
  ],
};

const COLUMN_TWO: Item = {
  title: "Why I stand with the Valparaiso dockworkers",
  link: "https://coasttimes.example/2026/01/12/stand-with-dockworkers",
  at: "2026-01-12T16:00:00Z",
  paragraphs: [
    "I stood on the Valparaiso docks on Monday, and I will tell you what I saw: dockworkers who have had enough of temporary contracts.",
    "Who among us would accept a contract renewed week by week? We would not, and neither should they.",
    "I believe the port authority owes these workers an answer, and I think it knows it.",
  ],
};

describe("bad input, from feed file to every renderer", () => {
  let dir: string;
  let app: App;
  const feed = async (outlet: string, items: Item[]) => {
    const file = join(dir, `${outlet.replace(/\W+/g, "-")}.xml`);
    writeFileSync(file, rss(outlet, items));
    await ingestFile(app.deps, file);
  };
  const brief = (topic: string | null) =>
    buildBrief({ articles: app.store.articles, feeds: app.store.feeds, clock: app.deps.clock }, { topic, asOf: AS_OF });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "briefbot-bad-input-"));
    app = await composeApp(parseConfig({ BRIEFBOT_LOG_LEVEL: "silent" }), silentLogger, {
      database: join(dir, "bad.db"),
    });
    app.deps.clock = { now: () => AS_OF };
  });
  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a story of one article: its outlet alone as the credit, no '+N' or 'only', dateline stripped", async () => {
    await feed("Harbor Wire", [CHILE_WIRE]);
    const card = await brief("chile");
    expect(card.stories).toHaveLength(1);
    const [story] = card.stories;
    expect(story?.sentences.length).toBeGreaterThan(0);
    expect(story?.sentences[0]?.text).toMatch(/^Chileans voted on Sunday/);
    const out = renderAll(card);
    expect(out.text).toContain("” — Harbor Wire\n");
    expect(out.text).not.toMatch(/Harbor Wire only|\+\d source|SANTIAGO/);
    expect(out.markdown).toContain(`([Harbor Wire](${CHILE_WIRE.link}))`);
    expect(out.slack).toContain(`” — <${CHILE_WIRE.link}|Harbor Wire>`);
    expect(out.discord).toContain(`— [Harbor Wire](${CHILE_WIRE.link})`);
  });

  it("a story of opinion pieces only, from feeds with no categories: labelled opinion everywhere", async () => {
    await feed("Daily Ledger", [COLUMN_ONE]);
    await feed("Coast Times", [COLUMN_TWO]);
    const card = await brief("dockworkers");
    expect(card.stories.length).toBeGreaterThan(0);
    for (const story of card.stories) expect(story.kind).toBe("opinion");
    const out = renderAll(card);
    expect(out.text).toMatch(/^1\. Opinion: /m);
    expect(out.markdown).toMatch(/^### 1\. Opinion: /m);
    expect(out.slack).toContain("*1. Opinion: <");
    expect(out.discord).toMatch(/^1\. Opinion: /m);
    expect(out.text).toContain("(opinion)");
  });

  it("a column in a feed with no categories is told by its prose and never quoted beside the news", async () => {
    await feed("Harbor Wire", [
      {
        title: "Dockworkers strike at Valparaiso port over contracts",
        link: "https://harborwire.example/world/2026/01/12/valparaiso-strike",
        at: "2026-01-12T09:00:00Z",
        paragraphs: [
          "VALPARAISO, Chile (Harbor Wire) - Dockworkers at the port of Valparaiso walked off the job on Monday in a dispute over temporary contracts, the port workers' union said.",
          "About 1,200 workers joined the strike, which halted container loading at two terminals, union leader Pedro Soto told reporters.",
          "The port authority said talks with the union would resume on Wednesday.",
        ],
      },
    ]);
    await feed("Daily Ledger", [COLUMN_ONE]);
    const [column] = await app.store.articles
      .recentArticles({ limit: 10 })
      .then((all) => all.filter((a) => a.url === COLUMN_ONE.link));
    expect(column).toMatchObject({ kind: "opinion", kindReason: expect.stringMatching(/^prose reads as opinion/) });
    const card = await brief("valparaiso dockworkers");
    const quotedFrom = (kind: string) =>
      card.stories.filter((s) => s.kind === kind).flatMap((s) => s.sentences.map((q) => q.articleId));
    expect(quotedFrom("news")).not.toContain(column?.id);
    const out = renderAll(card);
    expect(out.text).not.toMatch(/I have spent twenty years[^\n]*” — Daily Ledger, \+/);
  });

  it("an article with no sentence over five words: a valid card with its headline and source, no quote", async () => {
    await feed("Metro Times", [
      {
        title: "Mexico cartel story",
        link: "https://metrotimes.example/brief/mexico-cartel",
        at: "2026-01-13T08:00:00Z",
        paragraphs: ["Mexico cartel story. Big news. More soon."],
      },
    ]);
    const card = await brief("mexico");
    expect(card.stories).toHaveLength(1);
    expect(card.stories[0]?.sentences).toEqual([]);
    const out = renderAll(card);
    expect(out.text).toContain("1. Mexico cartel story");
    expect(out.text).toContain("Sources: Metro Times (2026-01-13)");
    expect(out.discord).toContain("Sources: [Metro Times](https://metrotimes.example/brief/mexico-cartel)");
    expect(out.text).not.toContain("“");
  });

  it("a title in capitals loses the headline to another report's plain title, in every renderer", async () => {
    const call = [
      "Mexican President Claudia Sheinbaum spoke with U.S. President Donald Trump by phone on Monday, January 12, in a call that lasted about 15 minutes, her office said.",
      "Sheinbaum said the two leaders had a very good conversation and that Mexico rejected any U.S. military action on its territory.",
      "Security officials from both countries will meet on January 22 and 23, the Mexican foreign ministry said.",
    ];
    await feed("Metro Times", [
      {
        title: "MEXICAN STANDOFF! SHEINBAUM SLAMS TRUMP IN FURIOUS CALL",
        link: "https://metrotimes.example/2026/01/13/mexican-standoff",
        at: "2026-01-13T09:00:00Z",
        paragraphs: call,
      },
    ]);
    await feed("Harbor Wire", [
      {
        title: "Sheinbaum and Trump discuss cartels in 15-minute call",
        link: "https://harborwire.example/2026/01/12/sheinbaum-trump-call",
        at: "2026-01-12T22:00:00Z",
        paragraphs: [
          "MEXICO CITY (Harbor Wire) - Mexican President Claudia Sheinbaum and U.S. President Donald Trump spoke by phone on Monday, January 12, for about 15 minutes, her office said.",
          "Sheinbaum said Mexico rejected U.S. military action against cartels on its territory, and that security officials would meet on January 22 and 23.",
        ],
      },
    ]);
    const card = await brief("mexico");
    expect(card.stories[0]?.headline).toBe("Sheinbaum and Trump discuss cartels in 15-minute call");
    const out = renderAll(card);
    for (const rendered of Object.values(out)) expect(rendered).not.toContain("STANDOFF");
  });

  it("a sentence that is one long quotation loses to a plain one stating the fact", async () => {
    await feed("Coast Times", [
      {
        title: "Chile holds presidential runoff",
        link: "https://coasttimes.example/2026/01/11/chile-runoff",
        at: "2026-01-11T21:00:00Z",
        paragraphs: [
          "“Chileans voted on Sunday in a presidential runoff and the whole region is watching what happens next in this long and bitter campaign between two very different visions of the country.”",
          "Chileans voted on Sunday in a presidential runoff between Jeannette Jara and José Antonio Kast, officials said.",
          "About 15.7 million people were registered to vote, the Servel electoral service said.",
        ],
      },
    ]);
    await feed("Harbor Wire", [CHILE_WIRE]);
    const card = await brief("chile");
    const lines = card.stories[0]?.sentences.map((s) => s.text) ?? [];
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).not.toMatch(/^“/);
    const out = renderAll(card);
    expect(out.text).toMatch(/^1\. [^\n]*\n {3}“(?!“)/m);
    expect(out.text).toContain("“Chileans voted on Sunday in a presidential runoff between");
  });
});
