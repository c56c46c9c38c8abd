// The Discord renderers at Discord's limits: ten stories with the longest headlines, sentences,
// source names and URLs the card allows, full of markdown, mentions and zero-width characters.
// Pure: no client, no network.
import { describe, expect, it } from "vitest";
import { DISCORD_LIMITS } from "../../../src/adapters/discord/discord-limits.js";
import {
  cleanFeedText,
  escapeDiscordMarkdown,
  plainDiscordText,
  safeDiscordUrl,
} from "../../../src/adapters/discord/escape-discord-text.js";
import { embedsLength, renderDiscordCard } from "../../../src/adapters/discord/render-discord-card.js";
import { renderDiscordReply } from "../../../src/adapters/discord/render-discord-reply.js";
import { errorReply, notice } from "../../../src/briefing/commands/reply.js";
import { CARD_LIMITS, type DigestCard, DigestCardSchema } from "../../../src/briefing/digest-card.js";
import { checkDiscordLimits } from "./check-discord-limits.js";

const NASTY =
  "*_~`|[x](javascript:alert(1)) @everyone @here <@&123> <@!456> <#789> </brief:1> <t:0:R> ||s|| \u200b@\u200beveryone # > - 🎉 ";

/** `text` repeated and cut to exactly `length` characters. */
function fill(text: string, length: number): string {
  return text.repeat(Math.ceil(length / text.length)).slice(0, length);
}

function card(overrides: Partial<DigestCard> = {}, storyCount: number = CARD_LIMITS.maxStories): DigestCard {
  const longUrl = `https://news.example/${"a".repeat(1_500)}`;
  return DigestCardSchema.parse({
    title: fill(`Brief: ${NASTY}`, CARD_LIMITS.title),
    subtitle: fill(NASTY, CARD_LIMITS.subtitle),
    topic: "mexico",
    window: { since: 0, until: 1 },
    asOf: Date.UTC(2026, 0, 14),
    counts: { stories: storyCount, articles: 80, sources: 8 },
    stories: Array.from({ length: storyCount }, (_, i) => ({
      headline: fill(`${i} ${NASTY}`, CARD_LIMITS.headline),
      url: i % 2 === 0 ? longUrl : "javascript:alert(1)",
      publishedAt: Date.UTC(2026, 0, 13, i),
      articleCount: 8,
      sentences: Array.from({ length: CARD_LIMITS.maxSentencesPerStory }, (_, j) => ({
        text: fill(`${j} ${NASTY}`, CARD_LIMITS.sentence),
        articleId: j,
        url: `https://news.example/story/${i}/${j}?q=(x)`,
        source: fill(`Source ${NASTY}`, CARD_LIMITS.sourceName),
      })),
      sources: Array.from({ length: CARD_LIMITS.maxSourcesPerStory }, (_, k) => ({
        name: fill(`Outlet ${k} ${NASTY}`, CARD_LIMITS.sourceName),
        url: k === 0 ? "data:text/html,hi" : `https://outlet-${k}.example/${"p".repeat(200)}`,
        publishedAt: Date.UTC(2026, 0, 12, k),
      })),
    })),
    notice: fill(NASTY, 500),
    emptyMessage: null,
    ...overrides,
  });
}

/** Mention syntax that would still be live: an unescaped `<@`, `<#`, `</`, `<t:`, or a bare mass mention. */
function liveMentions(text: string): string[] {
  return [...text.matchAll(/(?<!\\)<[@#/t]|@(everyone|here)/g)].map((m) => m[0]);
}

function allText(message: ReturnType<typeof renderDiscordCard>): string {
  return [message.content ?? "", ...message.embeds.flatMap((e) => [e.title ?? "", e.description ?? ""])].join("\n");
}

describe("renderDiscordCard", () => {
  it("fits ten stories at every card maximum within every Discord limit", () => {
    const message = renderDiscordCard(card());
    expect(checkDiscordLimits(message)).toEqual([]);
    expect(message.embeds).toHaveLength(10);
    expect(embedsLength(message.embeds)).toBeLessThanOrEqual(DISCORD_LIMITS.embedsTotal);
    // Every story keeps at least one quoted sentence and its sources line.
    for (const embed of message.embeds) {
      expect(embed.description).toMatch(/^> /);
      expect(embed.description).toContain("Sources: ");
    }
  });

  it("leaves no live markdown link, mention or mass mention from feed text", () => {
    const text = allText(renderDiscordCard(card()));
    expect(liveMentions(text)).toEqual([]);
    // "javascript:" survives as text only: its brackets are escaped, so it is no link.
    expect(text).not.toMatch(/(?<!\\)\]\((javascript|data):/);
    // Only links we built: every "](" follows an escaped-or-ours label and opens an http(s) URL.
    for (const match of text.matchAll(/(?<!\\)\]\(([^)]*)\)/g)) expect(match[1]).toMatch(/^https?:\/\//);
  });

  it("links headlines and sources only from http(s) URLs", () => {
    const small = card({}, 2);
    for (const story of small.stories) {
      story.sentences = story.sentences.map((s) => ({ ...s, text: "A plain sentence.", source: "Outlet" }));
      story.sources = story.sources.map((s) => ({ ...s, name: "Outlet" }));
    }
    const message = renderDiscordCard(small);
    expect(message.embeds[0]?.url).toMatch(/^https:\/\/news\.example\//);
    expect(message.embeds[1]?.url).toBeUndefined();
    expect(message.embeds[0]?.description).toContain("[Outlet](https://news.example/story/0/0?q=%28x%29)");
    // The data: source is named, not linked; the others are links.
    expect(message.embeds[0]?.description).toMatch(/^Sources: Outlet \(2026-01-12\) · \[Outlet\]\(https:\/\/outlet-1/m);
  });

  it("keeps every detail when there is room: linked credits and dated sources", () => {
    const small = card({}, 1);
    const story = small.stories[0];
    if (!story) throw new Error("no story");
    story.sentences = story.sentences.slice(0, 1).map((s) => ({ ...s, text: "Short sentence.", source: "News One" }));
    story.sources = [{ name: "News One", url: "https://news-one.example/a", publishedAt: Date.UTC(2026, 0, 12) }];
    const [embed] = renderDiscordCard(small).embeds;
    expect(embed?.description).toBe(
      "> Short sentence. — [News One](https://news.example/story/0/0?q=%28x%29)\n\nSources: [News One](https://news-one.example/a) (2026-01-12)",
    );
  });

  it("keeps each quote's link on a five-story card of news-length quotes, naming linked sources once", () => {
    // What /brief answers by default on real coverage: before, these cards overflowed 6,000
    // characters with every link and lost the quotes' links first (issue 15, point 5).
    const T = Date.UTC(2026, 0, 13);
    const urlOf = (i: number, j: number) =>
      `https://www.outlet-${j}.example/news/politics/2026/01/13/story-${i}-${"slug-words-".repeat(5)}${j}`;
    const five = DigestCardSchema.parse({
      title: "Brief: latest",
      subtitle: "5 stories · 20 articles · 4 sources · in the last 7 days",
      topic: null,
      window: { since: 0, until: T },
      asOf: T,
      counts: { stories: 5, articles: 20, sources: 4 },
      notice: null,
      emptyMessage: null,
      stories: Array.from({ length: 5 }, (_, i) => ({
        headline: `Story ${i}: ${fill("a plain headline of a news event ", 90)}`,
        url: urlOf(i, 0),
        publishedAt: T,
        articleCount: 4,
        sentences: Array.from({ length: 3 }, (_, j) => ({
          text: `${i}.${j} ${fill("The minister said on Tuesday that the talks would resume next week in Geneva. ", 240)}`,
          articleId: i * 10 + j,
          url: urlOf(i, j),
          source: `Outlet ${j}`,
          supportedBy: j === 0 ? ["Outlet 1", "Outlet 2"] : [],
          alone: j === 2,
        })),
        sources: Array.from({ length: 4 }, (_, k) => ({
          name: `Outlet ${k}`,
          url: urlOf(i, k),
          publishedAt: T,
          title: `Report ${k}`,
        })),
      })),
    });
    const message = renderDiscordCard(five);
    expect(checkDiscordLimits(message)).toEqual([]);
    expect(embedsLength(message.embeds)).toBeLessThanOrEqual(DISCORD_LIMITS.embedsTotal);
    message.embeds.forEach((embed, i) => {
      const quotes = (embed.description ?? "").split("\n").filter((line) => line.startsWith("> "));
      expect(quotes).toHaveLength(3);
      expect(quotes.map((line, j) => line.endsWith(`](${urlOf(i, j)})`))).toEqual([true, true, true]);
      expect(quotes[0]).toContain("— [Outlet 0, +2 sources](");
      expect(quotes[2]).toContain("— [Outlet 2 only](");
      // The sources line still names every outlet; the quoted articles are linked once, from their quotes.
      const sources = (embed.description ?? "").split("\n").find((line) => line.startsWith("Sources: ")) ?? "";
      for (const k of [0, 1, 2, 3]) expect(sources).toContain(`Outlet ${k}`);
      expect(sources).not.toContain(`(${urlOf(i, 0)})`);
    });
  });

  it("never shows a quote without its article's link, even at the card maximum", () => {
    const message = renderDiscordCard(card());
    let quotes = 0;
    message.embeds.forEach((embed, i) => {
      for (const line of (embed.description ?? "").split("\n").filter((l) => l.startsWith("> "))) {
        quotes += 1;
        expect(line).toMatch(new RegExp(`\\]\\(https://news\\.example/story/${i}/\\d\\?q=%28x%29\\)$`));
      }
    });
    expect(quotes).toBeGreaterThanOrEqual(10);
  });

  it("marks a story that returns with new sources as updated", () => {
    const base = card({}, 1);
    const updated = { ...base, stories: base.stories.map((s) => ({ ...s, updated: true })) };
    expect(renderDiscordCard(updated).embeds?.[0]?.title).toMatch(/^1\. Updated: /);
    expect(renderDiscordCard(base).embeds?.[0]?.title).not.toMatch(/Updated:/);
  });

  it("renders the empty state as content only", () => {
    const message = renderDiscordCard(card({ stories: [], emptyMessage: 'Nothing about "volcano" yet. @everyone' }, 0));
    expect(message.embeds).toEqual([]);
    expect(message.content).toContain('Nothing about "volcano" yet. @\u200beveryone');
    expect(checkDiscordLimits(message)).toEqual([]);
  });
});

describe("renderDiscordReply", () => {
  it("marks sender-only replies ephemeral and channel replies not", () => {
    expect(renderDiscordReply(notice("Feed status", ["x"])).flags).toBe(64);
    expect(renderDiscordReply(notice("Feed added", ["x"], "channel")).flags).toBeUndefined();
    expect(renderDiscordReply({ kind: "card", card: card({}, 1), visibility: "channel" }).flags).toBeUndefined();
  });

  it("fits a very long notice (many feeds) in one embed and says how many lines were left out", () => {
    const lines = Array.from(
      { length: 200 },
      (_, i) => `#${i} ${fill(NASTY, 120)} — healthy — https://feeds.example/${i}`,
    );
    const message = renderDiscordReply(notice("200 feeds", lines));
    expect(checkDiscordLimits(message)).toEqual([]);
    expect(message.embeds[0]?.description).toMatch(/… and \d+ more$/);
    expect(liveMentions(message.embeds[0]?.description ?? "")).toEqual([]);
    expect(message.embeds[0]?.description).toContain("<https://feeds.example/0>");
  });

  it("shows errors with their message", () => {
    const message = renderDiscordReply(errorReply("not_admin", "Only admins can change feeds."));
    expect(message.embeds[0]).toMatchObject({
      title: "✗ Sorry, that did not work",
      description: "Only admins can change feeds.",
    });
  });
});

describe("escaping feed text", () => {
  it("escapes markdown, breaks mentions and strips invisible characters", () => {
    expect(escapeDiscordMarkdown("**bold** _it_ `code` ~~s~~ ||spoiler|| [a](b)")).toBe(
      "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~ \\|\\|spoiler\\|\\| \\[a\\](b)",
    );
    expect(escapeDiscordMarkdown("# Heading")).toBe("\\# Heading");
    expect(escapeDiscordMarkdown("@everyone and @here <@&1>")).toBe("@\u200beveryone and @\u200bhere \\<@&1>");
    expect(cleanFeedText("a\u200bb\u202ec\u0007d\n\ne")).toBe("abcd e");
    expect(plainDiscordText("@everyone **x**")).toBe("@\u200beveryone **x**");
  });

  it("clips to the limit without splitting an escape or an emoji", () => {
    const text = "🎉*".repeat(100);
    for (let max = 1; max < 60; max++) {
      const clipped = escapeDiscordMarkdown(text, max);
      expect(clipped.length).toBeLessThanOrEqual(max);
      expect(clipped).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
      expect(clipped.replace(/…$/, "")).not.toMatch(/(?<!\\)(\\\\)*\\$/);
    }
  });

  it("accepts only http(s) URLs and encodes what would end a markdown link", () => {
    expect(safeDiscordUrl("javascript:alert(1)")).toBeNull();
    expect(safeDiscordUrl("not a url")).toBeNull();
    expect(safeDiscordUrl("https://a.example/x (1)")).toBe("https://a.example/x%20%281%29");
    expect(safeDiscordUrl(`https://a.example/${"x".repeat(3_000)}`)).toBeNull();
  });
});
