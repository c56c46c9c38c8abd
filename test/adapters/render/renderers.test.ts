// Text and Markdown renderers: every card field shown, hostile feed text inert, links only from
// parsed http(s) URLs.
import { describe, expect, it } from "vitest";
import { escapeMarkdown, renderMarkdownCard, safeLinkUrl } from "../../../src/adapters/render/render-markdown-card.js";
import { renderTextCard } from "../../../src/adapters/render/render-text-card.js";
import { type DigestCard, DigestCardSchema } from "../../../src/briefing/digest-card.js";

const T = Date.UTC(2026, 0, 13, 14);

function card(overrides: Partial<DigestCard> = {}): DigestCard {
  return DigestCardSchema.parse({
    title: "Brief: mexico",
    subtitle: "1 story · 2 articles · 2 sources",
    topic: "mexico",
    window: { since: T - 7 * 86_400_000, until: T },
    asOf: T,
    counts: { stories: 1, articles: 2, sources: 2 },
    notice: null,
    emptyMessage: null,
    stories: [
      {
        headline: "Sheinbaum and Trump speak [click](javascript:alert(1)) <b>@everyone</b>",
        url: "https://news-one.example/a?x=(1)",
        publishedAt: T,
        articleCount: 2,
        sentences: [
          {
            text: "The call lasted about 15 minutes, *officials* said. \u001b[31mred",
            articleId: 1,
            url: "https://news-one.example/a",
            source: "News One",
          },
        ],
        sources: [
          { name: "News One", url: "https://news-one.example/a", publishedAt: T },
          { name: "Evil _Two_", url: "javascript:alert(1)", publishedAt: T - 86_400_000 },
        ],
      },
    ],
    ...overrides,
  });
}

describe("renderers", () => {
  it("renders every part of a card as text, without terminal escapes from feeds", () => {
    const text = renderTextCard(card());
    expect(text).toContain("Brief: mexico");
    expect(text).toContain("1. Sheinbaum and Trump speak");
    expect(text).toContain("“The call lasted about 15 minutes, *officials* said. [31mred” — News One");
    expect(text).toContain("Sources: News One (2026-01-13), Evil _Two_ (2026-01-12)");
    expect(text).not.toContain("\u001b");
    expect(renderTextCard(card(), { colour: true })).toContain("\u001b[1m");
  });

  it("escapes feed text in Markdown and links only http(s) URLs", () => {
    const md = renderMarkdownCard(card());
    expect(md).toContain(
      "### 1. [Sheinbaum and Trump speak \\[click\\]\\(javascript:alert\\(1\\)\\) \\<b\\>@everyone\\</b\\>](https://news-one.example/a?x=%281%29)",
    );
    expect(md).toContain("> The call lasted about 15 minutes, \\*officials\\* said\\.");
    expect(md).toContain("Evil \\_Two\\_ (2026-01-12)");
    expect(md).not.toMatch(/\]\(javascript:/);
    expect(safeLinkUrl("javascript:alert(1)")).toBeNull();
    expect(safeLinkUrl("not a url")).toBeNull();
    expect(escapeMarkdown("a*b_c`d")).toBe("a\\*b\\_c\\`d");
  });

  it("marks a story that returns with new sources as updated", () => {
    const base = card();
    const updated = { ...base, stories: base.stories.map((story) => ({ ...story, updated: true })) };
    expect(renderTextCard(updated)).toContain("1. Updated: Sheinbaum and Trump speak");
    expect(renderMarkdownCard(updated)).toContain("### 1. Updated: [Sheinbaum");
    expect(renderTextCard(base)).not.toContain("Updated:");
  });

  it("shows the empty state and the notice", () => {
    expect(renderTextCard(card({ stories: [], emptyMessage: 'Nothing about "x" yet.' }))).toContain(
      'Nothing about "x" yet.',
    );
    expect(renderMarkdownCard(card({ notice: "Nothing in the last 7 days. The most recent stories:" }))).toContain(
      "Nothing in the last 7 days\\. The most recent stories:",
    );
  });
});
