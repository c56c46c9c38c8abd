// Per-channel feeds through Slack (issue 17 point 2): real Bolt in HTTP mode on loopback, signed
// /feed commands from two channels, answers at a fake response_url. The second channel joins the
// feed the first added (said in its reply), /feed list puts the asking channel's feeds first, and
// /feed remove ends one channel's subscription before the feed itself goes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSlack, startSlack } from "../../../src/adapters/slack/start-slack.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/fake-slack-api.js";
import { type LocalHttpServer, startLocalHttpServer } from "../../support/local-http-server.js";
import { checkSlackLimits } from "./check-slack-limits.js";
import { type RecordingLogger, recordingLogger } from "./recording-logger.js";
import { postSlashCommand, type SlashCommandFields } from "./signed-slash-command.js";
import { EXAMPLES, SIGNING_SECRET, type SlackTestApp, slackTestApp } from "./slack-test-app.js";

describe("per-channel feeds on Slack", () => {
  let fake: FakeSlackApi;
  let feeds: LocalHttpServer;
  let logger: RecordingLogger;
  let testApp: SlackTestApp;
  let slack: RunningSlack;
  let eventsUrl: string;
  let answers = 0;

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    const rss = readFileSync(join(EXAMPLES, "news-two-mexico.xml"));
    feeds = await startLocalHttpServer();
    for (const name of ["shared", "own"])
      feeds.route(`/${name}.rss`, (_request, response) => {
        response.writeHead(200, { "content-type": "application/rss+xml" }).end(rss);
      });
    logger = recordingLogger();
    testApp = await slackTestApp(
      {
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        BRIEFBOT_SLACK_ADMINS: "UADMIN",
        BRIEFBOT_ALLOW_PRIVATE_FEEDS: "true",
      },
      logger,
      { seed: false },
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

  /** An admin's command in `channel`; resolves with the answer posted to its response_url. */
  async function run(channel: string, text: string, extra: Partial<SlashCommandFields> = {}) {
    answers += 1;
    const id = `answer-${answers}`;
    await postSlashCommand(eventsUrl, SIGNING_SECRET, {
      command: "/feed",
      text,
      user_id: "UADMIN",
      channel_id: channel,
      ...extra,
      response_url: fake.responseUrl(id),
    });
    const [response] = await fake.waitFor(`the answer to ${text} in ${channel}`, () => {
      const got = fake.responses(id);
      return got.length > 0 ? got : undefined;
    });
    const body = (response as NonNullable<typeof response>).body;
    expect(checkSlackLimits(body)).toEqual([]);
    return { body, text: JSON.stringify(body) };
  }

  it("joins a feed another channel added, lists per channel, and removes per channel", async () => {
    const shared = feeds.url("/shared.rss");
    const first = await run("CNEWS", `add ${shared}`);
    expect(first.body.response_type).toBe("in_channel");
    expect(first.text).toContain("Feed added");
    const second = await run("CDESK", `add ${shared}`);
    expect(second.body.response_type).toBe("in_channel");
    expect(second.text).toContain("Feed added to this channel");
    expect(second.text).toContain("this channel now follows it too");
    expect(feeds.hits("/shared.rss")).toBe(1);
    await run("CDESK", `add ${feeds.url("/own.rss")}`);

    const store = testApp.app.store.feeds;
    const sharedFeed = await store.findFeedByUrl(shared);
    const ownFeed = await store.findFeedByUrl(feeds.url("/own.rss"));
    const subscribers = await store.feedSubscribers(sharedFeed?.id ?? 0);
    expect(subscribers.map((s) => `${s.channel.workspaceId}/${s.channel.channelId} by ${s.addedBy}`).sort()).toEqual([
      "T1/CDESK by UADMIN",
      "T1/CNEWS by UADMIN",
    ]);

    const newsList = await run("CNEWS", "list");
    expect(newsList.body.response_type).toBe("ephemeral");
    const order = (text: string) =>
      ["In this channel (1)", `#${sharedFeed?.id} `, "Elsewhere in this install (1)", `#${ownFeed?.id} `].map((s) =>
        text.indexOf(s),
      );
    const positions = order(newsList.text);
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect((await run("CDESK", "list")).text).toContain("In this channel (2)");

    const left = await run("CNEWS", `remove ${sharedFeed?.id}`);
    expect(left.text).toContain("Feed removed from this channel");
    expect(await store.getFeed(sharedFeed?.id ?? 0)).toBeDefined();
    const refused = await run("CNEWS", `remove ${sharedFeed?.id}`);
    expect(refused.body.response_type).toBe("ephemeral");
    expect(refused.text).toContain(`/feed remove ${sharedFeed?.id} everywhere`);
    const gone = await run("CDESK", `remove ${sharedFeed?.id}`);
    expect(gone.text).toContain("and its articles were removed");
    expect(await store.getFeed(sharedFeed?.id ?? 0)).toBeUndefined();
  });
});
