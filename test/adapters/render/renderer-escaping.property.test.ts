// Property tests of every renderer's escaping (fast-check): arbitrary feed strings inside a card
// (titles, sentences, source names, URLs) never form a mention, a link or markup the card did not
// make, never leave a bidi, zero-width or control character, and never break a platform limit.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeDiscordUrl } from "../../../src/adapters/discord/escape-discord-text.js";
import { renderDiscordCard } from "../../../src/adapters/discord/render-discord-card.js";
import { renderMarkdownCard, safeLinkUrl } from "../../../src/adapters/render/render-markdown-card.js";
import { renderTextCard } from "../../../src/adapters/render/render-text-card.js";
import { hasUnsafeCharacters } from "../../../src/adapters/render/sanitize-feed-text.js";
import { safeSlackUrl } from "../../../src/adapters/slack/escape-slack-text.js";
import { renderSlackCard } from "../../../src/adapters/slack/render-slack-card.js";
import { decodeStoryAction } from "../../../src/briefing/briefs/story-action.js";
import { CARD_LIMITS, type DigestCard, DigestCardSchema } from "../../../src/briefing/digest-card.js";
import { propertyRuns, propertyTimeout } from "../../support/property-runs.js";
import { checkDiscordLimits } from "../discord/check-discord-limits.js";
import { checkSlackLimits } from "../slack/check-slack-limits.js";

const runs = propertyRuns(100);

/** Pieces a hostile feed would try, mixed with arbitrary text. */
const HOSTILE = [
  "@everyone",
  "@here",
  "<!channel>",
  "<!here|x>",
  "<@U123>",
  "<@&1>",
  "<#123>",
  "</cmd:1>",
  "<t:1:R>",
  "https://evil.example/x",
  "http://evil.example",
  "steam://run/1",
  "[click](https://evil.example)",
  "<https://evil.example|x>",
  "www.evil.example",
  "\u202e",
  "\u2066",
  "\u200e",
  "\u061c",
  "\u200b",
  "\u200d",
  "\u2060",
  "\ufeff",
  "\u180e",
  "\u0000",
  "\u0007",
  "\u001b[31m",
  "\u007f",
  "\u0085",
  "\u009b",
  "&amp;",
  "&lt;",
  "&",
  "<",
  ">",
  "*",
  "_",
  "~",
  "`",
  "```",
  "|",
  "||",
  "\\",
  "#",
  "- ",
  "> ",
  "\n",
  "\r\n",
  "\t",
  "(",
  ")",
  "[",
  "]",
  ":",
  "//",
  "%",
  "😀",
  "👨‍👩‍👧",
];
const feedText = (max: number, min = 0) =>
  fc
    .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: "binary", maxLength: 20 })), { maxLength: 12 })
    .map((parts) => parts.join(""))
    .map((s) => s.slice(0, max))
    .filter((s) => s.length >= min && (min === 0 || s.trim() !== ""));
const feedUrl = fc.oneof(
  fc.constant(null),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom("javascript:alert(1)", "https://a.example/a|b<c>d (e) f&g", "not a url", "https://a.example/\u202e"),
);

const sentence = fc.record({
  text: feedText(CARD_LIMITS.sentence, 1),
  articleId: fc.nat(),
  url: feedUrl,
  source: feedText(CARD_LIMITS.sourceName),
});
const source = fc.record({ name: feedText(CARD_LIMITS.sourceName), url: feedUrl, publishedAt: fc.nat() });
const story = fc.record({
  headline: feedText(CARD_LIMITS.headline, 1),
  url: feedUrl,
  publishedAt: fc.integer({ min: 0, max: 4_000_000_000_000 }),
  sentences: fc.array(sentence, { maxLength: CARD_LIMITS.maxSentencesPerStory }),
  sources: fc.array(source, { minLength: 1, maxLength: CARD_LIMITS.maxSourcesPerStory }),
  articleCount: fc.integer({ min: 1, max: 50 }),
  updated: fc.option(fc.boolean(), { nil: undefined }),
});
const card: fc.Arbitrary<DigestCard> = fc
  .record({
    title: feedText(CARD_LIMITS.title, 1),
    subtitle: feedText(CARD_LIMITS.subtitle),
    topic: fc.option(feedText(50)),
    window: fc.constant({ since: 0, until: 1 }),
    asOf: fc.constant(1),
    counts: fc.constant({ stories: 1, articles: 1, sources: 1 }),
    stories: fc.array(story, { maxLength: CARD_LIMITS.maxStories }),
    notice: fc.option(feedText(200)),
    emptyMessage: fc.option(feedText(200)),
  })
  .map((c) => DigestCardSchema.parse(c));

/** Every URL the card itself carries: the only link targets a rendering may have. */
function cardUrls(c: DigestCard): (string | null)[] {
  return c.stories.flatMap((s) => [s.url, ...s.sentences.map((x) => x.url), ...s.sources.map((x) => x.url)]);
}

/** `[label](href)` links made by the renderer, with the text outside them. */
const MARKDOWN_LINK = /(?<!\\)\[((?:\\.|[^[\]\\])*)\]\(([^()\s]*)\)/g;

function withoutOwnLinks(text: string, allowed: Set<string | null>): string {
  return text.replace(MARKDOWN_LINK, (_whole, label: string, href: string) => {
    expect(allowed).toContain(href);
    return ` ${label} `;
  });
}

/** Text outside our links must hold no live markup: no unescaped `<`, `[`, `](`, and no bare `://`. */
function expectInertMarkdown(text: string): void {
  expect(text).not.toMatch(/(?<!\\)<|(?<!\\)\[|(?<!\\):\/\//);
}

/** The ANSI sequences renderTextCard adds itself. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching our own escape sequences
const OUR_COLOURS = /\u001b\[(1|2|22|36|39)m/g;

/**
 * A card's buttons: our own labels only, and values that decode to a story of the card with its
 * topic (sanitised, or left out when it did not fit), never carrying an invisible character.
 */
function expectButtonsOf(c: DigestCard, buttons: string[][]): void {
  const articleIds = new Set(c.stories.flatMap((s) => s.sentences.map((x) => x.articleId)));
  for (const [label, value] of buttons) {
    expect(label).toMatch(/^(\d+ · )?(More sources|Brief me)$/);
    expect(hasUnsafeCharacters(value ?? "")).toBe(false);
    const decoded = decodeStoryAction(value ?? "");
    expect(decoded).not.toBeNull();
    expect(articleIds).toContain(decoded?.story.articleId);
    expect(decoded?.story.storyKey).toBeNull();
    if (decoded?.story.topic) expect(c.topic).not.toBeNull();
  }
}

describe("renderer escaping (property)", () => {
  it(
    "Slack: links only to the card's URLs, no mention or markup of the feed's, nothing invisible, within limits",
    () => {
      fc.assert(
        fc.property(card, (c) => {
          const message = renderSlackCard(c, { buttons: true });
          expect(checkSlackLimits(message)).toEqual([]);
          expectButtonsOf(
            c,
            message.blocks.flatMap((b) => (b.type === "actions" ? b.elements : [])).map((e) => [e.text.text, e.value]),
          );
          const allowed = new Set(
            cardUrls(c)
              .map((u) => safeSlackUrl(u, 3_000))
              .filter((u) => u !== null),
          );
          const objects = message.blocks.flatMap((b) => [
            ...("text" in b && b.text ? [b.text] : []),
            ...(b.type === "context" ? b.elements : []),
          ]);
          // plain_text (the header) is shown literally: only invisible characters matter there.
          for (const plain of objects.filter((o) => o.type === "plain_text"))
            expect(hasUnsafeCharacters(plain.text)).toBe(false);
          const texts = [message.text, ...objects.filter((o) => o.type === "mrkdwn").map((o) => o.text)];
          for (const text of texts) {
            expect(hasUnsafeCharacters(text)).toBe(false);
            // The only `<…>` are our links: http(s) URL, `|`, label with no `<`, `>` or `|`.
            const rest = text.replace(/<([^<>|]*)\|([^<>|]*)>/g, (_w, href: string) => {
              expect(allowed).toContain(href);
              return "";
            });
            // Feed text has `&lt;`/`&gt;`; a raw `>` is only our quote marker at a line's start.
            expect(rest.replace(/^> /gm, "")).not.toMatch(/[<>]/);
          }
        }),
        { numRuns: runs },
      );
    },
    propertyTimeout(),
  );

  it(
    "Discord: no live mention, no link the card did not make, nothing invisible, within limits",
    () => {
      fc.assert(
        fc.property(card, (c) => {
          const message = renderDiscordCard(c, { buttons: true });
          expect(checkDiscordLimits(message)).toEqual([]);
          expectButtonsOf(
            c,
            (message.components ?? []).flatMap((row) => row.components).map((b) => [b.label ?? "", b.custom_id]),
          );
          expect(message.allowed_mentions).toEqual({ parse: [] });
          const allowed = new Set(cardUrls(c).map((u) => safeDiscordUrl(u, 300)));
          const embedUrls = new Set(cardUrls(c).map((u) => safeDiscordUrl(u)));
          for (const embed of message.embeds ?? []) if (embed.url) expect(embedUrls).toContain(embed.url);
          const texts = [
            message.content ?? "",
            ...(message.embeds ?? []).flatMap((e) => [e.title ?? "", e.description ?? ""]),
          ];
          for (const text of texts) {
            // The one invisible character we add ourselves: after @ in @everyone/@here.
            expect(hasUnsafeCharacters(text.replaceAll("@\u200b", "@"))).toBe(false);
            expect(text).not.toMatch(/@(everyone|here)/i);
            expectInertMarkdown(withoutOwnLinks(text, allowed));
          }
        }),
        { numRuns: runs },
      );
    },
    propertyTimeout(),
  );

  it(
    "Markdown: links only to the card's URLs, escaped text, nothing invisible",
    () => {
      fc.assert(
        fc.property(card, (c) => {
          const markdown = renderMarkdownCard(c);
          const allowed = new Set(cardUrls(c).map((u) => safeLinkUrl(u)));
          expect(hasUnsafeCharacters(markdown)).toBe(false);
          expectInertMarkdown(withoutOwnLinks(markdown, allowed));
        }),
        { numRuns: runs },
      );
    },
    propertyTimeout(),
  );

  it(
    "terminal text: no escape sequence, control, bidi or zero-width character from the feed",
    () => {
      fc.assert(
        fc.property(card, fc.boolean(), (c, colour) => {
          const text = renderTextCard(c, { colour });
          // Our own colours are the only escape sequences.
          const withoutOurs = text.replace(OUR_COLOURS, "");
          expect(hasUnsafeCharacters(withoutOurs)).toBe(false);
        }),
        { numRuns: runs },
      );
    },
    propertyTimeout(),
  );
});
