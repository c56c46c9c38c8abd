// RSS 0.9x/2.0 and RSS 1.0 (RDF) as feedsmith returns them, normalized to the core's ParsedFeed.
// Link preference: <link>, then a permalink <guid>, then atom:link alternate, then rdf:about.
// Dates prefer publication (pubDate, dc:date, atom:published) over modification.
import type { FeedItem, ParsedFeed } from "../../briefing/parsed-feed.js";
import { absoluteHttpUrl } from "./discover-feed-links.js";
import {
  asArray,
  asString,
  buildItem,
  categoryList,
  type FeedContext,
  feedTitle,
  firstDate,
  firstString,
  get,
  htmlTextOrNull,
  lineOrNull,
  pickAtomLink,
  resolveBase,
  resolveLink,
  titleOrNull,
  type XmlFeedDefaults,
} from "./feed-values.js";

export function normalizeRssFeed(feed: unknown, format: "rss" | "rdf", defaults: XmlFeedDefaults): ParsedFeed {
  const language =
    asString(get(feed, "language")) ?? firstString(get(feed, "dc", "languages")) ?? defaults.language ?? null;
  const context: FeedContext = {
    base: defaults.base,
    language,
    author: lineOrNull(firstString(get(feed, "dc", "creators"))) ?? lineOrNull(get(feed, "itunes", "author")),
  };
  const items: FeedItem[] = asArray(get(feed, "items")).map((item) => normalizeRssItem(item, context));
  return {
    format,
    title: feedTitle(
      lineOrNull(get(feed, "title")) ?? lineOrNull(firstString(get(feed, "dc", "titles"))),
      defaults.feedUrl,
    ),
    link: resolveLink(get(feed, "link"), defaults.base) ?? pickAtomLink(get(feed, "atom", "links"), defaults.base),
    language,
    items,
  };
}

function normalizeRssItem(item: unknown, context: FeedContext): FeedItem {
  const base = resolveBase(get(item, "xml", "base"), context.base);
  const guid = get(item, "guid");
  const guidValue = asString(get(guid, "value")) ?? asString(guid);
  // A guid is a permalink unless it says isPermaLink="false". Without the attribute only an absolute
  // URL counts (many guids are bare ids such as "1516137394"); an explicit "true" may be relative.
  const isPermaLink = get(guid, "isPermaLink");
  const guidLink =
    guidValue === undefined || isPermaLink === false
      ? null
      : isPermaLink === true
        ? absoluteHttpUrl(guidValue, base)
        : absoluteHttpUrl(guidValue);
  const rdfAbout = asString(get(item, "rdf", "about"));
  const firstAuthor = asArray(get(item, "authors"))[0];
  return buildItem({
    id: guidValue ?? asString(get(item, "atom", "id")) ?? rdfAbout,
    title: titleOrNull(get(item, "title")) ?? titleOrNull(firstString(get(item, "dc", "titles"))),
    link:
      resolveLink(get(item, "link"), base) ??
      guidLink ??
      pickAtomLink(get(item, "atom", "links"), base) ??
      resolveLink(rdfAbout, base),
    publishedAt: firstDate(
      get(item, "pubDate"),
      get(item, "dc", "dates"),
      get(item, "atom", "published"),
      get(item, "dcterms", "issued"),
      get(item, "dcterms", "created"),
      get(item, "dcterms", "dates"),
      get(item, "atom", "updated"),
      get(item, "dcterms", "modified"),
    ),
    author:
      lineOrNull(firstString(get(item, "dc", "creators"))) ??
      lineOrNull(get(firstAuthor, "name")) ??
      lineOrNull(get(firstAuthor, "email")) ??
      lineOrNull(get(item, "itunes", "author")) ??
      lineOrNull(get(asArray(get(item, "atom", "authors"))[0], "name")) ??
      context.author,
    summary: htmlTextOrNull(get(item, "description")) ?? htmlTextOrNull(firstString(get(item, "dc", "descriptions"))),
    content: htmlTextOrNull(get(item, "content", "encoded")),
    language: asString(get(item, "xml", "lang")) ?? firstString(get(item, "dc", "languages")) ?? context.language,
    categories: categoryList(
      ...asArray(get(item, "categories")).map((category) => get(category, "name") ?? category),
      ...asArray(get(item, "dc", "subjects")),
    ),
  });
}
