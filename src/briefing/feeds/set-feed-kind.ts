// `/feed kind <id> opinion|news|auto`: label every article of a feed, or classify each one, both
// the articles it brings from then on and, in the same command, those it already stored.
import { UserError } from "../errors.js";
import type { Feed, FeedKind } from "../feed.js";
import type { ArticleStore, FeedStore } from "../ports.js";
import { resolveFeedRef } from "./feed-ref.js";
import { type RelabelCount, relabelFeedArticles } from "./relabel-feed-articles.js";

/**
 * Sets the feed's kind first, then relabels its stored articles: an ingest running meanwhile
 * already labels by the new setting, and the relabelling never overwrites a label written after it
 * read the row (ArticleKindUpdate). An admin marking a feed as opinion expects this week's cards
 * to stop quoting its columns as fact now, not once new articles arrive.
 */
export async function setFeedKind(
  deps: { feeds: FeedStore; articles: Pick<ArticleStore, "feedArticleLabels" | "writeArticleKinds"> },
  ref: string,
  kind: FeedKind,
): Promise<{ feed: Feed; relabel: RelabelCount }> {
  const feed = await resolveFeedRef(deps.feeds, ref);
  const updated = await deps.feeds.updateFeed(feed.id, { kind });
  if (!updated) throw new UserError("feed_not_found", `Feed #${feed.id} was removed meanwhile. Use \`/feed list\`.`);
  return { feed: updated, relabel: await relabelFeedArticles(deps.articles, updated) };
}

/** The setting in words, for /feed status and replies. */
export function feedKindLine(kind: FeedKind): string {
  if (kind === "opinion") return "opinion (every article is listed as opinion, never quoted as fact beside news)";
  if (kind === "news") return "news (every article counts as a news report)";
  return "auto (each article is classified as news, opinion or other)";
}

const articles = (n: number) => `${n} stored article${n === 1 ? "" : "s"}`;

/**
 * What setting the kind did to the articles already stored, said in the reply: how many changed
 * label, so an admin knows at once whether this week's cards change.
 */
export function feedKindScope(kind: FeedKind, count: RelabelCount): string {
  if (count.stored === 0) return "The feed has no stored articles yet; those it brings take this label.";
  if (kind !== "auto") {
    const already = count.stored - count.relabelled;
    return `Relabelled ${count.relabelled} of the feed's ${articles(count.stored)} as ${kind}${
      already > 0 ? ` (${already} already were)` : ""
    }; articles it brings from now on take this label too.`;
  }
  const kept =
    count.keptByCategory > 0
      ? ` ${count.keptByCategory} labelled by their item's category keep that label (categories are not stored).`
      : "";
  return `Classified the feed's ${articles(count.stored)} again: ${count.relabelled} changed label.${kept} Articles it brings from now on are classified too.`;
}
