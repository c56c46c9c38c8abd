// The digest card: what /brief and scheduled digests answer with, platform-neutral. Renderers
// turn it into Block Kit, embeds, Markdown or terminal text; its sizes fit every one of them.
import { z } from "zod";

/**
 * Size budget. Discord's 6,000 characters across all embeds of a message is the strictest limit
 * any renderer has; the card's own text stays under CARD_TEXT_BUDGET so that renderer chrome
 * (labels, links' markup, footers) still fits.
 */
export const CARD_LIMITS = {
  maxStories: 10,
  maxSentencesPerStory: 3,
  maxSourcesPerStory: 8,
  headline: 200,
  sentence: 400,
  sourceName: 80,
  title: 200,
  subtitle: 300,
  textBudget: 4_800,
} as const;

export const CardSentenceSchema = z.object({
  text: z.string().min(1).max(CARD_LIMITS.sentence),
  articleId: z.number().int(),
  /** The article the sentence is quoted from; null when the feed gave no link. */
  url: z.string().nullable(),
  source: z.string().max(CARD_LIMITS.sourceName),
});
export type CardSentence = z.infer<typeof CardSentenceSchema>;

export const CardSourceSchema = z.object({
  name: z.string().max(CARD_LIMITS.sourceName),
  url: z.string().nullable(),
  publishedAt: z.number().int(),
});
export type CardSource = z.infer<typeof CardSourceSchema>;

export const CardStorySchema = z.object({
  headline: z.string().min(1).max(CARD_LIMITS.headline),
  /** Link for the headline: the article it was taken from. */
  url: z.string().nullable(),
  publishedAt: z.number().int(),
  sentences: z.array(CardSentenceSchema).max(CARD_LIMITS.maxSentencesPerStory),
  sources: z.array(CardSourceSchema).min(1).max(CARD_LIMITS.maxSourcesPerStory),
  /** How many articles the story groups (sources may list fewer when trimmed). */
  articleCount: z.number().int().positive(),
  /**
   * Scheduled digests only: true when the channel saw this story in an earlier digest and it
   * returns because new sources reported it. Absent everywhere else.
   */
  updated: z.boolean().optional(),
});
export type CardStory = z.infer<typeof CardStorySchema>;

export const DigestCardSchema = z.object({
  title: z.string().min(1).max(CARD_LIMITS.title),
  subtitle: z.string().max(CARD_LIMITS.subtitle),
  topic: z.string().nullable(),
  window: z.object({ since: z.number().int(), until: z.number().int() }),
  asOf: z.number().int(),
  counts: z.object({ stories: z.number().int(), articles: z.number().int(), sources: z.number().int() }),
  stories: z.array(CardStorySchema).max(CARD_LIMITS.maxStories),
  /** Set when the stories are not from the requested window (nothing matched there). */
  notice: z.string().nullable(),
  /** Set when there is nothing to show at all; says what to try instead. */
  emptyMessage: z.string().nullable(),
});
export type DigestCard = z.infer<typeof DigestCardSchema>;

/** Characters of text a card carries (what renderers must fit). */
export function cardTextLength(card: DigestCard): number {
  let total = card.title.length + card.subtitle.length + (card.notice?.length ?? 0) + (card.emptyMessage?.length ?? 0);
  for (const story of card.stories) {
    total += story.headline.length;
    for (const sentence of story.sentences) total += sentence.text.length + sentence.source.length;
    for (const source of story.sources) total += source.name.length;
  }
  return total;
}
