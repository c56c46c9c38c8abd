// DigestCard to Block Kit: pure, within SLACK_LIMITS. Feed text is escaped (no mentions, no links of
// its own); links come only from parsed http(s) URLs; a plain-text fallback always goes along.

import { storyRef } from "../../briefing/briefs/story-action.js";
import {
  type CardStory,
  type DigestCard,
  sentenceCredit,
  sourceKindLabel,
  storyLabel,
} from "../../briefing/digest-card.js";
import { formatDay } from "../../briefing/digests/time-format.js";
import { sanitizeFeedText } from "../render/sanitize-feed-text.js";
import { clipEscaped, slackLink } from "./escape-slack-text.js";
import { storyActionsBlock } from "./render-slack-buttons.js";
import { SLACK_BUDGETS, SLACK_LIMITS } from "./slack-limits.js";
import type { Mrkdwn, SlackBlock, SlackMessage } from "./slack-message.js";

const mrkdwn = (text: string): Mrkdwn => ({ type: "mrkdwn", text, verbatim: true });

/** Header text is plain_text: Slack shows it literally (no mentions or links), so it is clipped, not escaped. */
export function headerBlock(title: string): SlackBlock {
  const flat = sanitizeFeedText(title).replace(/\s+/g, " ").trim() || "briefbot";
  const chars = Array.from(flat);
  const text =
    chars.length <= SLACK_LIMITS.headerText ? flat : `${chars.slice(0, SLACK_LIMITS.headerText - 1).join("")}…`;
  return { type: "header", text: { type: "plain_text", text, emoji: false } };
}

/** One story's headline and quotes; `index` numbers it in a card of several (null: a story alone, as alerts post it). */
export function storySection(story: CardStory, index: number | null): SlackBlock {
  // "Updated:" marks a story a channel's earlier digest carried, back with new sources.
  const head = `*${index === null ? "" : `${index}. `}${story.updated ? "Updated: " : ""}${storyLabel(story)}${slackLink(story.headline, story.url, SLACK_BUDGETS.headlineLabel, SLACK_BUDGETS.headlineUrl)}*`;
  const tails = story.sentences.map(
    (s) => `” — ${slackLink(sentenceCredit(s), s.url, SLACK_BUDGETS.sourceLabel, SLACK_BUDGETS.sourceUrl)}`,
  );
  const prefix = "> “";
  // Headline and attributions are bounded by the budgets; the quotes share what is left equally.
  const fixed = head.length + tails.reduce((sum, tail) => sum + 1 + prefix.length + tail.length, 0);
  const perQuote = Math.max(1, Math.floor((SLACK_LIMITS.sectionText - fixed) / Math.max(1, tails.length)));
  const quotes = story.sentences.map((s, k) => `${prefix}${clipEscaped(s.text, perQuote)}${tails[k] ?? ""}`);
  return { type: "section", text: mrkdwn([head, ...quotes].join("\n")) };
}

export function sourcesContext(story: CardStory): SlackBlock {
  const count = story.articleCount === 1 ? "1 article" : `${story.articleCount} articles`;
  const sources = story.sources
    .slice(0, SLACK_LIMITS.contextElements - 1)
    .map((src) =>
      mrkdwn(
        `${slackLink(src.name || "source", src.url, SLACK_BUDGETS.sourceLabel, SLACK_BUDGETS.sourceUrl)}${sourceKindLabel(src)} (${formatDay(src.publishedAt)})`,
      ),
    );
  return { type: "context", elements: [mrkdwn(`${count} · sources:`), ...sources] };
}

function fallbackText(card: DigestCard): string {
  const parts = [card.title];
  if (card.emptyMessage) parts.push(card.emptyMessage);
  if (card.notice) parts.push(card.notice);
  card.stories.forEach((story, i) => {
    parts.push(`${i + 1}. ${story.headline}`);
  });
  // A title of nothing but invisible characters sanitizes to nothing; Slack refuses an empty text.
  return clipEscaped(parts.join(" — "), SLACK_BUDGETS.fallbackText) || "briefbot";
}

export interface SlackCardOptions {
  /** Buttons under each story (/brief answers); digests go without. */
  buttons?: boolean;
}

export function renderSlackCard(card: DigestCard, options: SlackCardOptions = {}): SlackMessage {
  const blocks: SlackBlock[] = [headerBlock(card.title)];
  // Text that sanitizes to nothing (only invisible characters) gets no block: Slack refuses empty text.
  const subtitle = clipEscaped(card.subtitle, SLACK_LIMITS.contextText);
  const empty = clipEscaped(card.emptyMessage ?? "", SLACK_LIMITS.sectionText);
  const notice = clipEscaped(card.notice ?? "", SLACK_LIMITS.contextText);
  if (subtitle !== "") blocks.push({ type: "context", elements: [mrkdwn(subtitle)] });
  if (empty !== "") blocks.push({ type: "section", text: mrkdwn(empty) });
  if (notice !== "") blocks.push({ type: "context", elements: [mrkdwn(notice)] });
  // Three blocks a story (four with buttons); a card never has more than CARD_LIMITS.maxStories, but
  // a story that would cross the 50-block limit is left out rather than sending a message Slack refuses.
  card.stories.forEach((story, i) => {
    const actions = options.buttons ? storyActionsBlock(storyRef(story, card.topic)) : null;
    const own: SlackBlock[] = [{ type: "divider" }, storySection(story, i + 1), sourcesContext(story)];
    if (actions) own.push(actions);
    if (blocks.length + own.length > SLACK_LIMITS.blocks) return;
    blocks.push(...own);
  });
  return { text: fallbackText(card), blocks };
}
