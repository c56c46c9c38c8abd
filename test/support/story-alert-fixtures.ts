// Test fixtures for story alerts: one story (with feed text that tries mentions, links and markup)
// as a watch matched it, its later sources as thread replies, the card after a new source, and a
// round-up of held stories.
import type { StoryAlert, ThreadReply } from "../../src/briefing/alerts/alert-publisher.js";
import type { CardStory, DigestCard } from "../../src/briefing/digest-card.js";

const AT = Date.UTC(2026, 0, 13, 8);

export const ALERT_STORY: CardStory = {
  headline: "Strong earthquake shakes Mexico City <!channel> @everyone",
  url: "https://news.example/quake",
  publishedAt: AT,
  sentences: [
    {
      text: "A magnitude 7.1 earthquake struck central Mexico on Tuesday, <@U123> [click](https://evil.example).",
      articleId: 11,
      url: "https://news.example/quake",
      source: "Example News",
    },
  ],
  sources: [{ name: "Example News", url: "https://news.example/quake", publishedAt: AT }],
  articleCount: 1,
};

export function storyAlert(overrides: Partial<StoryAlert> = {}): StoryAlert {
  return { watchId: 1, storyKey: "story-11", story: ALERT_STORY, ...overrides };
}

/** The same story after `outlet` reported it: one more source and article. */
export function withSource(alert: StoryAlert, outlet: string): StoryAlert {
  const story = alert.story;
  return {
    ...alert,
    story: {
      ...story,
      sources: [...story.sources, { name: outlet, url: `https://${outlet.toLowerCase()}.example/q`, publishedAt: AT }],
      articleCount: story.articleCount + 1,
    },
  };
}

export function threadReply(outlet: string, sentence = "Buildings swayed for nearly a minute."): ThreadReply {
  return {
    watchId: 1,
    storyKey: "story-11",
    source: outlet,
    url: `https://${outlet.toLowerCase()}.example/q`,
    title: `${outlet} reports the quake`,
    sentence: { text: sentence, articleId: 12, url: `https://${outlet.toLowerCase()}.example/q`, source: outlet },
  };
}

/** The round-up a channel's rate limit sends: "12 more stories", carrying the one story. */
export function roundupCard(): DigestCard {
  return {
    title: "12 more stories",
    subtitle: "Held back by the channel's rate limit",
    topic: null,
    window: { since: 0, until: 1 },
    asOf: 1,
    counts: { stories: 1, articles: 1, sources: 1 },
    stories: [storyAlert().story],
    notice: null,
    emptyMessage: null,
  };
}
