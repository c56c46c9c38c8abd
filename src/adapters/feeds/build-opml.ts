// Feeds to an OPML 2.0 subscription list (`briefbot feed export --opml`), written by feedsmith: one
// outline per feed with its title, address and site, readable by feed readers and by our import.
import { generateOpml } from "feedsmith";
import type { Feed } from "../../briefing/feed.js";

export function buildOpml(feeds: readonly Feed[], title: string, now: number): string {
  return generateOpml({
    head: { title, dateCreated: new Date(now) },
    body: {
      outlines: feeds.map((feed) => {
        const name = feed.title ?? feed.url;
        return {
          text: name,
          title: name,
          type: "rss",
          xmlUrl: feed.url,
          ...(feed.siteLink === null ? {} : { htmlUrl: feed.siteLink }),
        };
      }),
    },
  });
}
