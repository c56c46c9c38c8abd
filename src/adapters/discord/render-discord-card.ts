// DigestCard to a Discord message, pure: a short header as content, one embed per story
// (headline linking to its article, quoted sentences, sources as links). Every limit in
// DISCORD_LIMITS holds for any valid card; when the 6,000-character total would not, the
// renderer drops the costliest chrome first, then shares the room out fairly among stories.
import type { APIEmbed } from "discord.js";
import { storyRef } from "../../briefing/briefs/story-action.js";
import {
  type CardSource,
  type CardStory,
  type DigestCard,
  sentenceCredit,
  sourceKindLabel,
  storyLabel,
} from "../../briefing/digest-card.js";
import { formatDay } from "../../briefing/digests/time-format.js";
import { DISCORD_LIMITS } from "./discord-limits.js";
import { type DiscordMessage, noMentions } from "./discord-message.js";
import { escapeDiscordMarkdown, safeDiscordUrl } from "./escape-discord-text.js";
import { storyButtonRow } from "./render-discord-buttons.js";

/** Embed accent colour (a calm blue; Discord shows it as the embed's left bar). */
export const CARD_COLOUR = 0x2b6cb0;
/** Link targets longer than this are left out of descriptions: they would eat the shared 6,000. */
const MAX_INLINE_URL = 300;
/** A quoted sentence squeezed below this many characters says nothing; it is dropped instead. */
const MIN_SENTENCE = 40;

/**
 * How much chrome a story's description carries; each level gives up what a reader misses least.
 * Every level links each quote's credit to the article it was quoted from (issue 15: a reader can
 * check every line); when even that overflows, the quotes are shortened or left out, not unlinked.
 * 0: every source also links its article, with dates.
 * 1: a source whose article a quote already links is named without a second link.
 * 2: sources without dates.
 * 3: sources are names only (the articles no quote cites lose their link; the headline's keeps the title's).
 */
type Detail = 0 | 1 | 2 | 3;
const DETAILS: readonly Detail[] = [0, 1, 2, 3];
const LEAST_DETAIL: Detail = 3;

export interface DiscordCardOptions {
  /** A row of buttons for each of the first five stories (/brief answers); digests go without. */
  buttons?: boolean;
}

export function renderDiscordCard(card: DigestCard, options: DiscordCardOptions = {}): DiscordMessage {
  const message = renderCardBody(card);
  if (!options.buttons) return message;
  // Discord allows five rows: a card of more stories has buttons under its first five. It refuses a
  // message whose custom_ids repeat, so a story referring to an article another already does goes without.
  const seen = new Set<string>();
  const rows = card.stories.slice(0, DISCORD_LIMITS.actionRows).flatMap((story, i) => {
    const row = storyButtonRow(storyRef(story, card.topic), card.stories.length > 1 ? i + 1 : null);
    if (!row || row.components.some((b) => seen.has(b.custom_id))) return [];
    for (const button of row.components) seen.add(button.custom_id);
    return [row];
  });
  return rows.length > 0 ? { ...message, components: rows } : message;
}

function renderCardBody(card: DigestCard): DiscordMessage {
  const content = renderHeader(card);
  if (card.stories.length === 0) return { content, embeds: [], allowed_mentions: noMentions() };
  const stories = card.stories.slice(0, DISCORD_LIMITS.embedsPerMessage);
  for (const detail of DETAILS) {
    const embeds = stories.map((story, i) => storyEmbed(story, i, detail, DISCORD_LIMITS.embedDescription));
    if (embedsLength(embeds) <= DISCORD_LIMITS.embedsTotal) return { content, embeds, allowed_mentions: noMentions() };
  }
  const budgets = shareDescriptionBudget(stories);
  const embeds = stories.map((story, i) => storyEmbed(story, i, LEAST_DETAIL, budgets[i] ?? 0));
  return { content, embeds, allowed_mentions: noMentions() };
}

/** Title, subtitle and any notice or empty-state message, within the content limit. */
function renderHeader(card: DigestCard): string {
  const lines = [`**${escapeDiscordMarkdown(card.title, 400)}**`];
  if (card.subtitle) lines.push(escapeDiscordMarkdown(card.subtitle, 600));
  if (card.notice) lines.push(`_${escapeDiscordMarkdown(card.notice, 450)}_`);
  if (card.emptyMessage) lines.push(escapeDiscordMarkdown(card.emptyMessage, 450));
  return lines.join("\n").slice(0, DISCORD_LIMITS.content);
}

/** `index` numbers the story in a card of several; null for a story alone (an alert). */
function storyTitle(story: CardStory, index: number | null): string {
  // "Updated:" marks a story a channel's earlier digest carried, back with new sources.
  const prefix = `${index === null ? "" : `${index + 1}. `}${story.updated ? "Updated: " : ""}${storyLabel(story)}`;
  return prefix + escapeDiscordMarkdown(story.headline, DISCORD_LIMITS.embedTitle - prefix.length);
}

export function storyEmbed(
  story: CardStory,
  index: number | null,
  detail: Detail = 0,
  descriptionBudget: number = DISCORD_LIMITS.embedDescription,
): APIEmbed {
  const embed: APIEmbed = {
    title: storyTitle(story, index),
    description: storyDescription(story, detail, Math.min(descriptionBudget, DISCORD_LIMITS.embedDescription)),
    color: CARD_COLOUR,
    timestamp: new Date(story.publishedAt).toISOString(),
  };
  const url = safeDiscordUrl(story.url);
  if (url) embed.url = url;
  return embed;
}

function sourceLabel(name: string): string {
  return escapeDiscordMarkdown(name, 100) || "source";
}

function link(label: string, url: string | null): string {
  const href = safeDiscordUrl(url, MAX_INLINE_URL);
  return href ? `[${label}](${href})` : label;
}

function sourcesLine(sources: CardSource[], detail: Detail, max: number, quotedUrls: ReadonlySet<string>): string {
  const prefix = "Sources: ";
  let line = "";
  let shown = 0;
  for (const source of sources) {
    const date = detail < 2 ? ` (${formatDay(source.publishedAt)})` : "";
    // From level 1 a quote's credit is the link to its article; the source names that outlet plainly.
    const linkedByQuote = source.url !== null && quotedUrls.has(source.url);
    const plain = detail === 3 || (detail >= 1 && linkedByQuote);
    const label = sourceLabel(source.name);
    const item = `${plain ? label : link(label, source.url)}${sourceKindLabel(source)}${date}`;
    const next = line ? `${line} · ${item}` : item;
    // Keep room for a "+N more" tail when sources remain.
    if (prefix.length + next.length + 12 > max) break;
    line = next;
    shown += 1;
  }
  const more = sources.length - shown;
  if (shown === 0) {
    // Not even one link fits: the names alone, clipped.
    return escapeDiscordMarkdown(`Sources: ${sources.map((s) => s.name).join(", ")}`, max);
  }
  return `${prefix}${line}${more > 0 ? ` · +${more} more` : ""}`;
}

/** Quoted sentences, then the sources line; never longer than `max`. */
function storyDescription(story: CardStory, detail: Detail, max: number): string {
  const quotedUrls = new Set(
    story.sentences.flatMap((s) => (s.url !== null && safeDiscordUrl(s.url, MAX_INLINE_URL) ? [s.url] : [])),
  );
  const sources = sourcesLine(story.sources, detail, Math.min(max, Math.max(60, Math.floor(max / 2))), quotedUrls);
  if (sources.length >= max) return sources.slice(0, max);
  let room = max - sources.length;
  const quotes: string[] = [];
  for (const sentence of story.sentences) {
    const label = sourceLabel(sentenceCredit(sentence));
    const credit = link(label, sentence.url);
    // "> " + text + " — " + credit, a newline before the next line, and the blank line before sources.
    const overhead = 2 + 3 + credit.length + 1 + 2;
    const textRoom = room - overhead;
    if (textRoom < MIN_SENTENCE) break;
    const quote = `> ${escapeDiscordMarkdown(sentence.text, textRoom)} — ${credit}`;
    quotes.push(quote);
    room -= quote.length + 1;
  }
  return quotes.length > 0 ? `${quotes.join("\n")}\n\n${sources}` : sources;
}

/** Characters Discord counts toward the 6,000 total of a message's embeds. */
export function embedsLength(embeds: readonly APIEmbed[]): number {
  let total = 0;
  for (const embed of embeds) {
    total += (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
    total += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
    for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  }
  return total;
}

/**
 * Water-filling: each story asks for its full description; short ones get what they need, and
 * what they leave is shared among the longer ones, so the total stays within the limit.
 */
function shareDescriptionBudget(stories: CardStory[]): number[] {
  const titles = stories.reduce((sum, story, i) => sum + storyTitle(story, i).length, 0);
  let left = DISCORD_LIMITS.embedsTotal - titles;
  const needs = stories.map((story) => storyDescription(story, LEAST_DETAIL, DISCORD_LIMITS.embedDescription).length);
  const order = needs.map((need, i) => ({ need, i })).sort((a, b) => a.need - b.need);
  const budgets = new Array<number>(stories.length).fill(0);
  order.forEach(({ need, i }, position) => {
    const share = Math.floor(left / (order.length - position));
    const budget = Math.max(0, Math.min(need, share));
    budgets[i] = budget;
    left -= budget;
  });
  return budgets;
}
