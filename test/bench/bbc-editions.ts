// The article corpus of bench:brief and bench:digests: the BBC News Summary documents repeated as
// numbered "editions" across numbered bench feeds, dated evenly over a span ending at a given time.
import type { NewArticle } from "../../src/briefing/article.js";
import type { FeedStore } from "../../src/briefing/ports.js";
import { compiled } from "./compiled.js";

type Module<T> = Promise<T>;
const { contentHash } = await (compiled("adapters/feeds/normalize-article") as Module<
  typeof import("../../src/adapters/feeds/normalize-article.js")
>);

const DAY = 86_400_000;

export interface EditionPlan {
  docs: Array<{ title?: string | undefined; text: string }>;
  /** Articles in the whole corpus: article 0 is the oldest, article total - 1 the newest. */
  total: number;
  feeds: number;
  /** The newest article's date is just before this; the oldest is spanDays earlier. */
  endsAt: number;
  spanDays: number;
}

/** `count` feeds named https://feed<n>.bench.example/rss, in order; their ids. */
export async function addBenchFeeds(feeds: FeedStore, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let f = 0; f < count; f++) {
    const feed = await feeds.addFeed({
      url: `https://feed${f}.bench.example/rss`,
      title: `Bench feed ${f}`,
      siteLink: null,
      origin: null,
      refreshMinutes: 15,
      createdAt: 0,
      nextFetchAt: 0,
    });
    ids.push(feed.id);
  }
  return ids;
}

/** Article n: document n mod docs as edition n / docs, in feed n mod feeds. */
export function editionArticle(plan: EditionPlan, n: number): NewArticle {
  const doc = plan.docs[n % plan.docs.length];
  const base = doc?.title ?? "";
  const edition = Math.floor(n / plan.docs.length);
  const title = edition === 0 ? base : `${base} (edition ${edition + 1})`;
  const text = `${doc?.text ?? ""}\n\nEdition ${edition + 1} of this report.`;
  const publishedAt = plan.endsAt - Math.floor(((plan.total - n) / plan.total) * plan.spanDays * DAY);
  const url = `https://feed${n % plan.feeds}.bench.example/articles/${n}`;
  return {
    url,
    guid: String(n),
    title,
    author: null,
    publishedAt,
    publishedAtEstimated: false,
    fetchedAt: publishedAt,
    summary: null,
    text,
    contentHash: contentHash(title, text, url),
    language: "en",
  };
}
