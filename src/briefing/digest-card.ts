// The digest card: what /brief and scheduled digests answer with, platform-neutral. Renderers
// turn it into Block Kit, embeds, Markdown or terminal text; its sizes fit every one of them.
import { z } from "zod";
import { ArticleKindSchema } from "./article.js";

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
  /** Other independent outlets whose reports support the sentence (syndicated copies count once). */
  supportedBy: z.array(z.string().max(CARD_LIMITS.sourceName)).max(CARD_LIMITS.maxSourcesPerStory).optional(),
  /** Other independent reports are in the story and none supports it: this outlet's claim alone. */
  alone: z.boolean().optional(),
});
export type CardSentence = z.infer<typeof CardSentenceSchema>;

export const CardSourceSchema = z.object({
  name: z.string().max(CARD_LIMITS.sourceName),
  /** The article of this outlet the card quotes (else its most relevant one). */
  url: z.string().nullable(),
  publishedAt: z.number().int(),
  /** That article's title, so a reader sees which report a link opens. */
  title: z.string().max(CARD_LIMITS.title).optional(),
  /** `opinion` or `other` when the article is not a news report; absent for news. */
  kind: ArticleKindSchema.optional(),
});
export type CardSource = z.infer<typeof CardSourceSchema>;

export const CardStorySchema = z.object({
  headline: z.string().min(1).max(CARD_LIMITS.headline),
  /** Link for the headline: the article it was taken from. */
  url: z.string().nullable(),
  publishedAt: z.number().int(),
  sentences: z.array(CardSentenceSchema).max(CARD_LIMITS.maxSentencesPerStory),
  sources: z.array(CardSourceSchema).min(1).max(CARD_LIMITS.maxSourcesPerStory),
  /** `opinion` when the story holds opinion pieces only: nothing in it is reporting. */
  kind: z.enum(["news", "opinion"]).optional(),
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

/**
 * The compact credit a renderer prints after a quoted sentence: "Reuters, +2 sources" when other
 * independent outlets support it, "Reuters only" when the story's other outlets do not.
 */
export function sentenceCredit(sentence: Pick<CardSentence, "source" | "supportedBy" | "alone">): string {
  const others = sentence.supportedBy?.length ?? 0;
  if (others > 0) return `${sentence.source}, +${others} source${others === 1 ? "" : "s"}`;
  return sentence.alone ? `${sentence.source} only` : sentence.source;
}

/** " (opinion)" after a source that is not a news report; empty for news. */
export function sourceKindLabel(source: Pick<CardSource, "kind">): string {
  return source.kind ? ` (${source.kind})` : "";
}

/** "Opinion: " before the headline of a story that holds opinion pieces only. */
export function storyLabel(story: Pick<CardStory, "kind">): string {
  return story.kind === "opinion" ? "Opinion: " : "";
}

/** Characters of text a card carries (what renderers must fit). */
export function cardTextLength(card: DigestCard): number {
  let total = card.title.length + card.subtitle.length + (card.notice?.length ?? 0) + (card.emptyMessage?.length ?? 0);
  for (const story of card.stories) {
    total += story.headline.length + storyLabel(story).length;
    for (const sentence of story.sentences) total += sentence.text.length + sentenceCredit(sentence).length;
    for (const source of story.sources) total += source.name.length + (source.kind ? source.kind.length + 3 : 0);
  }
  return total;
}
