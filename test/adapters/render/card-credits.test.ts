// Every renderer (text, Markdown, JSON, Slack, Discord) prints each quoted sentence with its own
// article's link and its compact credit ("Harbor Wire, +2 sources", "Daily Ledger only"), and
// lists the sources with the articles' links, so a reader can check every line (issue 15).
import { describe, expect, it } from "vitest";
import { renderDiscordCard } from "../../../src/adapters/discord/render-discord-card.js";
import { renderMarkdownCard } from "../../../src/adapters/render/render-markdown-card.js";
import { renderTextCard } from "../../../src/adapters/render/render-text-card.js";
import { renderSlackCard } from "../../../src/adapters/slack/render-slack-card.js";
import { type DigestCard, DigestCardSchema } from "../../../src/briefing/digest-card.js";

const T = Date.UTC(2026, 0, 13, 14);
const WIRE_URL = "https://harbor.example/2026/01/12/chile-runoff";
const LEDGER_URL = "https://ledger.example/2026/01/12/kast-wins";
const COAST_URL = "https://coast.example/2026/01/12/chile-votes";
const COLUMN_URL = "https://ledger.example/opinion/2026/01/12/chile";

const CARD: DigestCard = DigestCardSchema.parse({
  title: "Brief: chile",
  subtitle: "1 story · 4 articles · 3 sources",
  topic: "chile",
  window: { since: T - 86_400_000, until: T },
  asOf: T,
  counts: { stories: 1, articles: 4, sources: 3 },
  notice: null,
  emptyMessage: null,
  stories: [
    {
      headline: "Chileans vote in presidential runoff",
      url: WIRE_URL,
      publishedAt: T,
      articleCount: 4,
      kind: "news",
      sentences: [
        {
          text: "Chileans voted on Sunday in a presidential runoff between Jeannette Jara and José Antonio Kast.",
          articleId: 1,
          url: WIRE_URL,
          source: "Harbor Wire",
          supportedBy: ["Daily Ledger", "Coast Times"],
          alone: false,
        },
        {
          text: "Kast won with 58% of the vote, the electoral service said on Sunday night.",
          articleId: 2,
          url: LEDGER_URL,
          source: "Daily Ledger",
          supportedBy: [],
          alone: true,
        },
      ],
      sources: [
        { name: "Harbor Wire", url: WIRE_URL, publishedAt: T, title: "Chileans vote in presidential runoff" },
        { name: "Daily Ledger", url: LEDGER_URL, publishedAt: T, title: "Kast wins Chile's runoff" },
        { name: "Coast Times", url: COAST_URL, publishedAt: T, title: "Chile votes" },
        { name: "Daily Ledger", url: COLUMN_URL, publishedAt: T, title: "What Chile chose", kind: "opinion" },
      ],
    },
  ],
});

describe("quote credits and sources in every renderer", () => {
  it("text: each quote, its credit, then its own link; sources by outlet with the other links", () => {
    const text = renderTextCard(CARD, { width: 400 });
    expect(text).toMatch(
      /Kast\.” — Harbor Wire, \+2 sources\n {5}https:\/\/harbor\.example\/2026\/01\/12\/chile-runoff/,
    );
    expect(text).toMatch(/Sunday night\.” — Daily Ledger only\n {5}https:\/\/ledger\.example\/2026\/01\/12\/kast-wins/);
    expect(text).toMatch(
      /Sources: Harbor Wire \(2026-01-13\), Daily Ledger \(2026-01-13\), Coast Times \(2026-01-13\), Daily Ledger \(opinion\)/,
    );
    expect(text).toContain(`   ${COAST_URL}`);
    expect(text).toContain(`   ${COLUMN_URL}`);
  });

  it("Markdown: each credit links the quote's article; each source links its article", () => {
    const md = renderMarkdownCard(CARD);
    expect(md).toContain(`Kast\\. ([Harbor Wire, \\+2 sources](${WIRE_URL}))`);
    expect(md).toContain(`([Daily Ledger only](${LEDGER_URL}))`);
    for (const url of [WIRE_URL, LEDGER_URL, COAST_URL, COLUMN_URL]) expect(md).toContain(`](${url})`);
    expect(md).toContain(`[Daily Ledger](${COLUMN_URL}) \\(opinion\\)`);
  });

  it("JSON: each sentence carries its article's URL and supporting outlets; each source its article", () => {
    const json = JSON.parse(JSON.stringify(CARD));
    expect(DigestCardSchema.parse(json)).toEqual(CARD);
    expect(json.stories[0].sentences[0]).toMatchObject({ url: WIRE_URL, supportedBy: ["Daily Ledger", "Coast Times"] });
    expect(json.stories[0].sources.map((s: { title: string }) => s.title)).toContain("Kast wins Chile's runoff");
  });

  it("Slack: each credit is a link to the quote's article; the sources context links every article", () => {
    const message = renderSlackCard(CARD);
    const blocks = JSON.stringify(message.blocks);
    expect(blocks).toContain(`” — <${WIRE_URL}|Harbor Wire, +2 sources>`);
    expect(blocks).toContain(`” — <${LEDGER_URL}|Daily Ledger only>`);
    for (const url of [COAST_URL, COLUMN_URL]) expect(blocks).toContain(`<${url}|`);
    expect(blocks).toContain(`<${COLUMN_URL}|Daily Ledger> (opinion)`);
  });

  it("Discord: each credit is a link to the quote's article; the sources line links every article", () => {
    const [embed] = renderDiscordCard(CARD).embeds;
    const description = embed?.description ?? "";
    expect(description).toContain(`— [Harbor Wire, +2 sources](${WIRE_URL})`);
    expect(description).toContain(`— [Daily Ledger only](${LEDGER_URL})`);
    for (const url of [COAST_URL, COLUMN_URL]) expect(description).toContain(`](${url})`);
    expect(description).toContain(`(${COLUMN_URL}) (opinion)`);
  });
});
