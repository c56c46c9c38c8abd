// renderSlackCard and renderSlackReply: pure, inside every Slack limit at the card's extremes, and
// feed text that tries to mention, notify or link renders as inert, escaped text.
import { describe, expect, it } from "vitest";
import { escapeSlackText, safeSlackUrl, slackLink } from "../../../src/adapters/slack/escape-slack-text.js";
import { renderSlackCard } from "../../../src/adapters/slack/render-slack-card.js";
import { renderSlackReply } from "../../../src/adapters/slack/render-slack-reply.js";
import { errorReply, notice } from "../../../src/briefing/commands/reply.js";
import type { CardStory, DigestCard } from "../../../src/briefing/digest-card.js";
import { checkSlackLimits, controlSequences, mrkdwnStrings } from "./check-slack-limits.js";

const DAY = Date.UTC(2026, 0, 13);

function story(overrides: Partial<CardStory> = {}): CardStory {
  return {
    headline: "Mexico's president meets governors",
    url: "https://news-one.example/a/1",
    publishedAt: DAY,
    sentences: [
      {
        text: "The meeting lasted three hours.",
        articleId: 1,
        url: "https://news-one.example/a/1",
        source: "News One",
      },
    ],
    sources: [{ name: "News One", url: "https://news-one.example/a/1", publishedAt: DAY }],
    articleCount: 1,
    ...overrides,
  };
}

function card(stories: CardStory[], overrides: Partial<DigestCard> = {}): DigestCard {
  return {
    title: "Briefing: mexico",
    subtitle: "2 stories from 3 articles, 2 sources, in the last 7 days",
    topic: "mexico",
    window: { since: DAY - 7 * 86_400_000, until: DAY },
    asOf: DAY,
    counts: { stories: stories.length, articles: 3, sources: 2 },
    stories,
    notice: null,
    emptyMessage: null,
    ...overrides,
  };
}

const HOSTILE = "Alert <!channel> <!here> <@U123> & friends <https://evil.example|click> <#C999>";

describe("renderSlackCard", () => {
  it("renders feed text that tries to mention, notify or link as inert, escaped text", () => {
    const hostile = story({
      headline: HOSTILE,
      url: "javascript:alert(1)",
      sentences: [{ text: HOSTILE, articleId: 1, url: "https://ok.example/a?x=1&y=<2>|3", source: "Src | <@U123>" }],
      sources: [{ name: HOSTILE, url: "https://ok.example/s|x", publishedAt: DAY }],
    });
    const message = renderSlackCard(card([hostile], { notice: HOSTILE, subtitle: HOSTILE }));
    expect(checkSlackLimits(message)).toEqual([]);
    const json = JSON.stringify(message);
    for (const raw of ["<!channel>", "<!here>", "<@U123>", "<https://evil.example|click>", "<#C999>", "javascript:"])
      expect(json).not.toContain(raw);
    expect(json).toContain("&lt;!channel&gt;");
    expect(json).toContain("&lt;@U123&gt;");
    expect(json).toContain("&amp; friends");
    // The only control sequences left are links we built, to parsed http(s) URLs, with one `|`.
    for (const text of mrkdwnStrings(message)) {
      for (const sequence of controlSequences(text)) {
        expect(sequence).toMatch(/^<https?:\/\/[^<>|\s]+\|[^<>|]+>$/);
      }
    }
    const links = mrkdwnStrings(message).flatMap(controlSequences);
    expect(links).toContain("<https://ok.example/a?x=1&amp;y=%3C2%3E%7C3|Src ∣ &lt;@U123&gt;>");
    expect(links.some((l) => l.startsWith("<https://ok.example/s%7Cx|"))).toBe(true);
  });

  it("holds every limit at the extremes: 10 stories, 256-character headlines, 3,000-character texts", () => {
    const long = (c: string, n: number) => c.repeat(n);
    const url = `https://news.example/${long("p", 250)}`;
    const stories = Array.from({ length: 10 }, (_, i) =>
      story({
        headline: long("&", 256),
        url,
        sentences: Array.from({ length: 3 }, (_, k) => ({
          text: long(k === 0 ? "<" : "w", 3_000),
          articleId: i * 10 + k,
          url,
          source: long(">", 200),
        })),
        sources: Array.from({ length: 12 }, (_, k) => ({ name: long("s", 200), url, publishedAt: DAY - k })),
        articleCount: 12,
      }),
    );
    const message = renderSlackCard(
      card(stories, { title: long("T", 400), subtitle: long("&", 3_000), notice: long("n", 3_000) }),
    );
    expect(checkSlackLimits(message)).toEqual([]);
    expect(message.text.length).toBeGreaterThan(0);
    expect(message.blocks.filter((b) => b.type === "section")).toHaveLength(10);
    // Clipped, not dropped: every story keeps its three quotes, and entities are never cut in half.
    for (const text of mrkdwnStrings(message)) expect(text).not.toMatch(/&(?:a|am|l|g|lt|gt|amp)?(?![a-z;])/);
  });

  it("marks a story that returns with new sources as updated", () => {
    const message = renderSlackCard(card([story({ updated: true })]));
    expect(JSON.stringify(message.blocks)).toContain("1. Updated: ");
    expect(JSON.stringify(renderSlackCard(card([story()])).blocks)).not.toContain("Updated: ");
  });

  it("answers an empty card with its message, and always sends a fallback text", () => {
    const empty = card([], { emptyMessage: "Nothing about volcano yet. Try /brief without a topic." });
    const message = renderSlackCard(empty);
    expect(checkSlackLimits(message)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain("Nothing about volcano yet");
    expect(message.text).toContain("Nothing about volcano yet");
  });
});

describe("renderSlackReply", () => {
  it("sends cards for the channel in_channel, and the sender's answers ephemeral", () => {
    expect(renderSlackReply({ kind: "card", card: card([story()]), visibility: "channel" }).response_type).toBe(
      "in_channel",
    );
    expect(renderSlackReply({ kind: "card", card: card([]), visibility: "sender" }).response_type).toBe("ephemeral");
    const refused = renderSlackReply(errorReply("not_admin", "Only admins can change feeds."));
    expect(refused.response_type).toBe("ephemeral");
    expect(refused.text).toContain("Only admins can change feeds.");
  });

  it("escapes notice lines and splits long lists into sections within the limits", () => {
    const lines = Array.from({ length: 1_200 }, (_, i) => `#${i} <!channel> feed — ${"x".repeat(150)}`);
    const reply = renderSlackReply(notice("1200 feeds", lines, "sender"));
    expect(checkSlackLimits(reply)).toEqual([]);
    const json = JSON.stringify(reply);
    expect(json.includes("<!channel>")).toBe(false);
    expect(json.includes("&lt;!channel&gt;")).toBe(true);
    expect(reply.blocks).toHaveLength(50);
    expect(json.includes("left out to fit one message")).toBe(true);
  });
});

describe("Slack text helpers", () => {
  it("escapes only &, < and >, folding newlines", () => {
    expect(escapeSlackText("a & b < c > d\n> quote")).toBe("a &amp; b &lt; c &gt; d &gt; quote");
  });
  it("links only parsed http(s) URLs", () => {
    expect(safeSlackUrl("ftp://x.example/", 100)).toBeNull();
    expect(safeSlackUrl("not a url", 100)).toBeNull();
    expect(slackLink("label", "mailto:a@b.example", 100, 100)).toBe("label");
    expect(slackLink("a|b", "https://x.example/", 100, 100)).toBe("<https://x.example/|a∣b>");
  });
});
