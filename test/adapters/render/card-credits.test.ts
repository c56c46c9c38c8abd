// Every renderer shows a quote's corroboration compactly ("News One, +2 sources", "News One only"),
// links the quote to its own article, and marks opinion sources and opinion-only stories.
import { describe, expect, it } from "vitest";
import { renderDiscordCard } from "../../../src/adapters/discord/render-discord-card.js";
import { renderMarkdownCard } from "../../../src/adapters/render/render-markdown-card.js";
import { renderTextCard } from "../../../src/adapters/render/render-text-card.js";
import { renderSlackCard } from "../../../src/adapters/slack/render-slack-card.js";
import { type DigestCard, DigestCardSchema, sentenceCredit } from "../../../src/briefing/digest-card.js";

const T = Date.UTC(2026, 0, 13, 14);
const card: DigestCard = DigestCardSchema.parse({
  title: "Brief: chile",
  subtitle: "2 stories",
  topic: "chile",
  window: { since: T - 86_400_000, until: T },
  asOf: T,
  counts: { stories: 2, articles: 4, sources: 3 },
  notice: null,
  emptyMessage: null,
  stories: [
    {
      headline: "Chileans vote in presidential runoff",
      url: "https://wire.example/runoff",
      publishedAt: T,
      articleCount: 3,
      kind: "news",
      sentences: [
        {
          text: "Chileans voted on Sunday in a presidential runoff, the electoral service said.",
          articleId: 1,
          url: "https://wire.example/runoff",
          source: "Harbor Wire",
          supportedBy: ["Daily Ledger", "Coast Times"],
          alone: false,
        },
        {
          text: "The winner takes office on March 11, the service said.",
          articleId: 2,
          url: "https://ledger.example/march",
          source: "Daily Ledger",
          supportedBy: [],
          alone: true,
        },
      ],
      sources: [
        { name: "Harbor Wire", url: "https://wire.example/runoff", publishedAt: T, title: "Chileans vote" },
        { name: "Daily Ledger", url: "https://ledger.example/march", publishedAt: T },
        { name: "Coast Times", url: "https://coast.example/opinion/c", publishedAt: T, kind: "opinion" },
      ],
    },
    {
      headline: "What Chile's vote means",
      url: "https://coast.example/opinion/d",
      publishedAt: T,
      articleCount: 1,
      kind: "opinion",
      sentences: [],
      sources: [{ name: "Coast Times", url: "https://coast.example/opinion/d", publishedAt: T, kind: "opinion" }],
    },
  ],
});

describe("card credits", () => {
  it("words the credit", () => {
    expect(sentenceCredit({ source: "Reuters", supportedBy: ["AP", "BBC"] })).toBe("Reuters, +2 sources");
    expect(sentenceCredit({ source: "Reuters", supportedBy: ["AP"] })).toBe("Reuters, +1 source");
    expect(sentenceCredit({ source: "Reuters", supportedBy: [], alone: true })).toBe("Reuters only");
    expect(sentenceCredit({ source: "Reuters" })).toBe("Reuters");
  });

  it("shows credits, each quote's link, opinion sources and opinion stories in text and Markdown", () => {
    const text = renderTextCard(card, { width: 200 });
    expect(text).toContain("— Harbor Wire, +2 sources");
    expect(text).toContain("— Daily Ledger only");
    expect(text).toMatch(/Daily Ledger only\n\s+https:\/\/ledger\.example\/march/);
    expect(text).toContain("Coast Times (opinion)");
    expect(text).toContain("2. Opinion: What Chile's vote means");
    const md = renderMarkdownCard(card);
    expect(md).toContain("([Harbor Wire, \\+2 sources](https://wire.example/runoff))");
    expect(md).toContain("([Daily Ledger only](https://ledger.example/march))");
    expect(md).toContain("Coast Times](https://coast.example/opinion/c) \\(opinion\\)");
  });

  it("shows them in Slack and Discord", () => {
    const slack = JSON.stringify(renderSlackCard(card).blocks);
    expect(slack).toContain("<https://wire.example/runoff|Harbor Wire, +2 sources>");
    expect(slack).toContain("<https://ledger.example/march|Daily Ledger only>");
    expect(slack).toContain("(opinion)");
    const discord = renderDiscordCard(card);
    const description = discord.embeds.map((e) => `${e.title}\n${e.description}`).join("\n");
    expect(description).toContain("[Harbor Wire, +2 sources](https://wire.example/runoff)");
    expect(description).toContain("[Daily Ledger only](https://ledger.example/march)");
    expect(description).toContain("Opinion: What Chile");
    expect(description).toContain("[Coast Times](https://coast.example/opinion/c) (opinion)");
  });
});
