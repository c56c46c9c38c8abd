// Slack in HTTP mode: real Bolt on loopback, signed slash commands, answers through a fake
// response_url, users.info and auth.test from a fake Web API. Ack first, cards in the channel,
// refusals and errors to the sender only, bad signatures turned away with nothing done.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSlack, startSlack } from "../../../src/adapters/slack/start-slack.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/fake-slack-api.js";
import { type LocalHttpServer, startLocalHttpServer } from "../../support/local-http-server.js";
import { plainArticle } from "../../support/test-records.js";
import { checkSlackLimits } from "./check-slack-limits.js";
import { type RecordingLogger, recordingLogger } from "./recording-logger.js";
import { postSignedBody, postSlashCommand, type SlashCommandFields, slashCommandBody } from "./signed-slash-command.js";
import { APP_TOKEN, BOT_TOKEN, EXAMPLES, SIGNING_SECRET, type SlackTestApp, slackTestApp } from "./slack-test-app.js";

describe("Slack in HTTP mode", () => {
  let fake: FakeSlackApi;
  let feeds: LocalHttpServer;
  let logger: RecordingLogger;
  let testApp: SlackTestApp;
  let slack: RunningSlack;
  let eventsUrl: string;

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    fake.setUser("UMEMBER", {});
    fake.setUser("UOWNER", { is_owner: true });
    const rss = readFileSync(join(EXAMPLES, "news-two-mexico.xml"));
    feeds = await startLocalHttpServer();
    for (const who of ["member", "owner", "admin", "forged"])
      feeds.route(`/${who}.rss`, (_request, response) => {
        response.writeHead(200, { "content-type": "application/rss+xml" }).end(rss);
      });
    logger = recordingLogger();
    testApp = await slackTestApp(
      {
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        BRIEFBOT_SLACK_ADMINS: "UADMIN, UOTHER",
        BRIEFBOT_ALLOW_PRIVATE_FEEDS: "true",
      },
      logger,
    );
    slack = await startSlack(testApp.app, logger, { listen: { port: 0, host: "127.0.0.1" } });
    eventsUrl = `http://127.0.0.1:${slack.address?.port}/slack/events`;
  });

  afterAll(async () => {
    await slack?.stop();
    await testApp?.close();
    await feeds?.close();
    await fake?.close();
  });

  /** Sends a signed command, marks the ack in the fake's log, and waits for the response_url answer. */
  async function run(id: string, fields: Omit<SlashCommandFields, "response_url">) {
    const ack = await postSlashCommand(eventsUrl, SIGNING_SECRET, { ...fields, response_url: fake.responseUrl(id) });
    const ackBody = await ack.text();
    const ackMark = fake.mark(`ack ${id}`);
    const [response] = await fake.waitFor(`the answer to ${id}`, () => {
      const answers = fake.responses(id);
      return answers.length > 0 ? answers : undefined;
    });
    return { ack, ackBody, ackMark, response: response as NonNullable<typeof response> };
  }

  it("uses HTTP mode when no app token is set", () => {
    expect(slack.mode).toBe("http");
  });

  it("acks /brief mexico at once, then posts a card in the channel through response_url, within every limit", async () => {
    const { ack, ackBody, ackMark, response } = await run("brief", { command: "/brief", text: "mexico" });
    expect(ack.status).toBe(200);
    expect(ackBody).toBe("");
    // The ack reached the sender before the answer reached response_url.
    expect(ackMark.seq).toBeLessThan(response.seq);
    expect(response.body.response_type).toBe("in_channel");
    expect(checkSlackLimits(response.body)).toEqual([]);
    const blocks = response.body.blocks as { type: string }[];
    expect(blocks[0]?.type).toBe("header");
    expect(blocks.filter((b) => b.type === "section").length).toBeGreaterThan(0);
    expect(String(response.body.text)).toMatch(/mexico/i);
    // The bot token was checked once (at start), by auth.test, with the token in a header only.
    expect(fake.calls("auth.test").length).toBeGreaterThanOrEqual(1);
  });

  it("answers a topic with no stories with the empty-state card, for the sender only", async () => {
    const { response } = await run("empty", { command: "/brief", text: "volcano" });
    expect(response.body.response_type).toBe("ephemeral");
    expect(checkSlackLimits(response.body)).toEqual([]);
    expect(JSON.stringify(response.body.blocks)).toMatch(/volcano/i);
  });

  it("answers a parse error for the sender only, naming the fix", async () => {
    const { response } = await run("bad", { command: "/brief", text: "mexico stories:99" });
    expect(response.body.response_type).toBe("ephemeral");
    expect(String(response.body.text)).toContain("stories:99 must be a whole number from 1 to 10");
    expect(String(response.body.text)).toContain("Usage: /brief");
  });

  it("answers /digest list for the sender only, and refuses a member's /digest schedule", async () => {
    const { response } = await run("digest", { command: "/digest", text: "list" });
    expect(response.body.response_type).toBe("ephemeral");
    expect(String(response.body.text)).toContain("No digests scheduled");
    const refused = await run("digest-member", {
      command: "/digest",
      text: "schedule 07:30 mexico",
      user_id: "UMEMBER",
    });
    expect(refused.response.body.response_type).toBe("ephemeral");
    expect(String(refused.response.body.text)).toContain("Only admins");
    expect(await testApp.app.store.schedules.listSchedules()).toEqual([]);
  });

  it("refuses /feed add from a non-admin, only to them, and stores nothing", async () => {
    const url = feeds.url("/member.rss");
    const { response } = await run("member-add", { command: "/feed", text: `add ${url}`, user_id: "UMEMBER" });
    expect(response.body.response_type).toBe("ephemeral");
    expect(String(response.body.text)).toContain("Only admins can change feeds");
    expect(await testApp.app.store.feeds.findFeedByUrl(url)).toBeUndefined();
    expect(feeds.hits("/member.rss")).toBe(0);
    expect(fake.calls("users.info").map((c) => c.body.user)).toContain("UMEMBER");
  });

  it("lets only admins set a feed's kind with /feed kind (issue 15): a member is refused privately", async () => {
    const feed = await testApp.app.store.feeds.addFeed({
      url: "https://column.example/feed",
      title: "Column Daily",
      siteLink: null,
      origin: null,
      refreshMinutes: 15,
      nextFetchAt: Number.MAX_SAFE_INTEGER,
      createdAt: 0,
    });
    const articles = testApp.app.store.articles;
    await articles.upsertArticles(
      feed.id,
      [
        plainArticle("column.example", "strike", "Dockworkers stopped work on Monday, the port said.", {
          kind: "news",
          kindReason: "prose reads as reporting",
        }),
      ],
      { backlog: false },
    );
    const labelOf = async () => {
      const [row] = await articles.feedArticleLabels(feed.id, 0, 1, 0);
      return row && { kind: row.kind, kindReason: row.kindReason };
    };
    const member = await run("member-kind", { command: "/feed", text: `kind ${feed.id} opinion`, user_id: "UMEMBER" });
    expect(member.response.body.response_type).toBe("ephemeral");
    expect(String(member.response.body.text)).toContain("Only admins can change feeds");
    expect((await testApp.app.store.feeds.getFeed(feed.id))?.kind).toBe("auto");
    expect(await labelOf()).toEqual({ kind: "news", kindReason: "prose reads as reporting" });
    const admin = await run("admin-kind", { command: "/feed", text: `kind ${feed.id} opinion`, user_id: "UADMIN" });
    expect(admin.response.body.response_type).toBe("in_channel");
    expect(String(admin.response.body.text)).toContain("opinion");
    expect(String(admin.response.body.text)).toContain("Relabelled 1 of the feed's 1 stored article as opinion");
    expect((await testApp.app.store.feeds.getFeed(feed.id))?.kind).toBe("opinion");
    expect(await labelOf()).toEqual({ kind: "opinion", kindReason: "feed set to opinion" });
    await testApp.app.store.feeds.removeFeed(feed.id);
  });

  it("lets a workspace owner (users.info) add a local feed, announced in the channel", async () => {
    const url = feeds.url("/owner.rss");
    const { response } = await run("owner-add", { command: "/feed", text: `add ${url}`, user_id: "UOWNER" });
    expect(response.body.response_type).toBe("in_channel");
    expect(String(response.body.text)).toContain("Feed added");
    const feed = await testApp.app.store.feeds.findFeedByUrl(url);
    expect(feed?.origin).toEqual({ platform: "slack", workspaceId: "T1", channelId: "C1", userId: "UOWNER" });
  });

  it("lets a BRIEFBOT_SLACK_ADMINS user add a feed without asking users.info", async () => {
    const url = feeds.url("/admin.rss");
    const before = fake.calls("users.info").length;
    const { response } = await run("admin-add", { command: "/feed", text: `add ${url}`, user_id: "UADMIN" });
    expect(String(response.body.text)).toContain("Feed added");
    expect(await testApp.app.store.feeds.findFeedByUrl(url)).toBeDefined();
    expect(fake.calls("users.info").length).toBe(before);
  });

  it("turns away wrong and stale signatures with 401, and does nothing else", async () => {
    const before = fake.log.length;
    const feedsBefore = (await testApp.app.store.feeds.listFeeds()).length;
    const url = feeds.url("/forged.rss");
    const forged = {
      command: "/feed",
      text: `add ${url}`,
      user_id: "UADMIN",
      response_url: fake.responseUrl("forged"),
    };
    const wrong = await postSlashCommand(eventsUrl, "not-the-secret", forged);
    const stale = await postSlashCommand(eventsUrl, SIGNING_SECRET, forged, {
      timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    expect(wrong.status).toBe(401);
    expect(stale.status).toBe(401);
    // A valid command sent afterwards is answered; by then the forged ones would have been too.
    await run("after-forged", { command: "/feed", text: "list" });
    expect(fake.responses("forged")).toEqual([]);
    expect(fake.log.slice(before).filter((e) => e.kind === "api")).toEqual([]);
    expect(await testApp.app.store.feeds.listFeeds()).toHaveLength(feedsBefore);
    expect(await testApp.app.store.feeds.findFeedByUrl(url)).toBeUndefined();
    expect(feeds.hits("/forged.rss")).toBe(0);
  });

  it("answers malformed but signed bodies with 400 and goes on serving", async () => {
    const command = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const good = slashCommandBody({ command: "/feed", text: "list", response_url: fake.responseUrl("unused") });
    const withoutUser = new URLSearchParams(good);
    withoutUser.delete("user_id");
    const bodies: [string, string][] = [
      ["payload=null", "form"],
      ["payload=%7Bnot%20json", "form"],
      ["payload=5", "form"],
      ["payload=%22text%22", "form"],
      ["payload=%5B%5D", "form"],
      ["payload=%7B%7D", "form"],
      [command({ surprise: "1", another: "2" }), "form"],
      [withoutUser.toString(), "form"],
      [
        command({
          command: "/feed",
          text: "list",
          user_id: "U1",
          team_id: "T1",
          channel_id: "C1",
          response_url: "javascript:alert(1)",
        }),
        "form",
      ],
      ["", "form"],
      ["null", "json"],
      ["[1,2]", "json"],
      ['{"no":"type"}', "json"],
      ["{broken", "json"],
    ];
    for (const [body, kind] of bodies) {
      const type = kind === "form" ? "application/x-www-form-urlencoded" : "application/json";
      const response = await postSignedBody(eventsUrl, SIGNING_SECRET, body, type);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    // serve is still alive: a good command gets its answer.
    const { ack, response } = await run("after-malformed", { command: "/feed", text: "list" });
    expect(ack.status).toBe(200);
    expect(response.body.response_type).toBeDefined();
  });

  it("never logs the tokens or the signing secret", () => {
    const text = logger.text();
    for (const secret of [BOT_TOKEN, APP_TOKEN, SIGNING_SECRET]) expect(text).not.toContain(secret);
  });
});
