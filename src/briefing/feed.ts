// A subscribed feed and its health, as the core sees it. Stores persist it; the poller and the
// feed commands read and update it through FeedStore.
import { z } from "zod";

export const PlatformSchema = z.enum(["cli", "console", "slack", "discord"]);
export type Platform = z.infer<typeof PlatformSchema>;

/** Who added a feed and where: the channel told when the feed is disabled. */
export const OriginSchema = z.object({
  platform: PlatformSchema,
  workspaceId: z.string().nullable(),
  channelId: z.string().nullable(),
  userId: z.string().nullable(),
});
export type Origin = z.infer<typeof OriginSchema>;

/**
 * Whether briefbot fetches an item's page for its full text: `auto` when the feed's text is a
 * teaser (see needs-full-text.ts), `always`, or `never` (a site that objects, or a full-text feed).
 */
export const FULLTEXT_MODES = ["auto", "always", "never"] as const;
export const FulltextModeSchema = z.enum(FULLTEXT_MODES);
export type FulltextMode = z.infer<typeof FulltextModeSchema>;

/** `/feed kind`: `auto` classifies each article; `opinion` or `news` labels every article of the feed. */
export const FEED_KINDS = ["auto", "news", "opinion"] as const;
export const FeedKindSchema = z.enum(FEED_KINDS);
export type FeedKind = z.infer<typeof FeedKindSchema>;

export const FeedSchema = z.object({
  id: z.number().int().positive(),
  url: z.string(),
  title: z.string().nullable(),
  siteLink: z.string().nullable(),
  origin: OriginSchema.nullable(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  /** All times are epoch milliseconds UTC. */
  createdAt: z.number().int(),
  lastAttemptAt: z.number().int().nullable(),
  lastSuccessAt: z.number().int().nullable(),
  lastError: z.string().nullable(),
  consecutiveFailures: z.number().int().nonnegative(),
  nextFetchAt: z.number().int(),
  refreshMinutes: z.number().int().positive(),
  disabledReason: z.string().nullable(),
  fulltext: FulltextModeSchema,
  /**
   * The last fetched document was not well-formed, and its items were recovered by the parser's
   * lenient fallback (shown in `feed status`).
   */
  lastParseLenient: z.boolean(),
  kind: FeedKindSchema,
});
export type Feed = z.infer<typeof FeedSchema>;

export type NewFeed = Pick<
  Feed,
  "url" | "title" | "siteLink" | "origin" | "refreshMinutes" | "nextFetchAt" | "createdAt"
> &
  Partial<Pick<Feed, "etag" | "lastModified" | "lastAttemptAt" | "lastSuccessAt" | "fulltext" | "kind">>;

/** Fields the poller and commands change; absent keys are left alone. */
export type FeedPatch = Partial<Omit<Feed, "id" | "url" | "createdAt">>;
