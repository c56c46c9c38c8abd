// The story buttons' use cases on a real store (SQLite and PostgreSQL alike): "More sources" finds
// the whole story from one of its articles (both sample outlets, not an unrelated report of the
// same days), "Brief me" briefs the clicker on the story's topic or title, "Mute" goes to the
// composed function or says it is not here yet, and unknown stories or tokens get a clear answer.
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFeedFile } from "../../../src/adapters/feeds/file-feed-source.js";
import { normalizeArticle } from "../../../src/adapters/feeds/normalize-article.js";
import { handleStoryAction, type MuteStoryCommand } from "../../../src/briefing/briefs/handle-story-action.js";
import { findStoryArticles, listStorySources } from "../../../src/briefing/briefs/list-story-sources.js";
import type { CommandDeps } from "../../../src/briefing/commands/handle-command.js";
import { notice } from "../../../src/briefing/commands/reply.js";
import type { Store } from "../../../src/store/store.js";
import { storeFactories } from "../../support/store-factories.js";

const EXAMPLES = resolve(import.meta.dirname, "../../../examples/feeds");
const AS_OF = Date.UTC(2026, 0, 14, 2);
const actor = {
  origin: { platform: "slack" as const, workspaceId: "T1", channelId: "C1", userId: "U1" },
  isAdmin: false,
};

describe.each(storeFactories())("story actions on $name", (factory) => {
  let store: Store;
  const deps = () => ({ articles: store.articles, feeds: store.feeds, clock: { now: () => AS_OF } });
  /** Only what the story actions read; the rest of CommandDeps is never touched by them. */
  const commandDeps = () => deps() as unknown as CommandDeps;

  beforeEach(async () => {
    store = await factory.open();
    for (const file of ["news-one-mexico.xml", "news-two-mexico.xml"]) {
      const parsed = await readFeedFile(join(EXAMPLES, file));
      const feed = await store.feeds.addFeed({
        url: `file://${file}`,
        title: parsed.title,
        siteLink: parsed.link,
        origin: null,
        refreshMinutes: 15,
        createdAt: 0,
        nextFetchAt: 0,
      });
      const items = parsed.items.map((item) => normalizeArticle(item, AS_OF));
      await store.articles.upsertArticles(feed.id, items, { backlog: true });
    }
    // Another event on the same days, in a third outlet: not part of the story.
    const other = await store.feeds.addFeed({
      url: "https://volcano.test/rss",
      title: "Volcano Watch",
      siteLink: null,
      origin: null,
      refreshMinutes: 15,
      createdAt: 0,
      nextFetchAt: 0,
    });
    const volcano = {
      id: "v1",
      title: "Volcano in Iceland erupts again near Grindavik",
      link: "https://volcano.test/1",
      publishedAt: Date.UTC(2026, 0, 13),
      author: null,
      summary: null,
      text: "Lava flowed towards the town of Grindavik on Tuesday as the volcano erupted for the ninth time.",
      language: "en",
    };
    await store.articles.upsertArticles(other.id, [normalizeArticle(volcano, AS_OF)], { backlog: false });
  });
  afterEach(async () => {
    await store.close();
  });

  async function mexicoArticleId(): Promise<number> {
    const recent = await store.articles.recentArticles({ limit: 10 });
    const article = recent.find((a) => /mexico|sheinbaum/i.test(`${a.title} ${a.text}`));
    if (!article) throw new Error("no sample article");
    return article.id;
  }

  it("finds the whole story from one of its articles, and lists both outlets for the clicker", async () => {
    const articleId = await mexicoArticleId();
    const found = await findStoryArticles(deps(), { articleId, storyKey: null, topic: null });
    expect(found).toHaveLength(2);
    const reply = await listStorySources(deps(), { articleId, storyKey: null, topic: null });
    expect(reply).toMatchObject({
      kind: "notice",
      visibility: "sender",
      title: "Sources of this story: 2 articles from 2 sources",
    });
    const lines = reply.kind === "notice" ? reply.lines.join("\n") : "";
    expect(lines).toContain("News One (sample outlet)");
    expect(lines).toContain("News Two (sample outlet)");
    expect(lines).not.toContain("Volcano");
    expect(lines).toMatch(/https?:\/\//);
  });

  it("says a story is no longer stored, and refuses a token that is not ours", async () => {
    const gone = await handleStoryAction(
      { commands: commandDeps() },
      {
        action: "sources",
        story: { articleId: 999_999, storyKey: null, topic: null },
      },
      actor,
    );
    expect(gone).toMatchObject({ title: "That story is no longer stored", visibility: "sender" });
    const forged = await handleStoryAction({ commands: commandDeps() }, null, actor);
    expect(forged).toMatchObject({ tone: "error", visibility: "sender", code: "unknown_button" });
  });

  it("briefs the clicker privately on the topic, or on the story's title when there is none", async () => {
    const articleId = await mexicoArticleId();
    for (const topic of ["mexico", null]) {
      const reply = await handleStoryAction(
        { commands: commandDeps() },
        {
          action: "brief",
          story: { articleId, storyKey: null, topic },
        },
        actor,
      );
      expect(reply.kind).toBe("card");
      expect(reply.visibility).toBe("sender");
      if (reply.kind === "card") expect(reply.card.stories.length).toBeGreaterThan(0);
    }
  });

  it("sends Mute to the composed function for admins only, and says when muting is not here yet", async () => {
    const mute = { action: "mute" as const, story: { articleId: 1, storyKey: "k1", topic: null } };
    const absent = await handleStoryAction({ commands: commandDeps() }, mute, actor);
    expect(absent).toMatchObject({ title: "Muting arrives with story alerts", visibility: "sender" });
    const sent: MuteStoryCommand[] = [];
    const muteStory = async (command: MuteStoryCommand) => {
      sent.push(command);
      return notice("Story muted", []);
    };
    const member = await handleStoryAction({ commands: commandDeps(), muteStory }, mute, actor);
    expect(member).toMatchObject({ code: "admin_only" });
    const admin = await handleStoryAction({ commands: commandDeps(), muteStory }, mute, { ...actor, isAdmin: true });
    expect(admin).toMatchObject({ title: "Story muted", visibility: "sender" });
    expect(sent).toEqual([
      {
        kind: "mute-story",
        storyKey: "k1",
        channel: { platform: "slack", workspaceId: "T1", channelId: "C1" },
        userId: "U1",
      },
    ]);
  });
});
