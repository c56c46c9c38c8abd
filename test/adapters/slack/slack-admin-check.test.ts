// SlackAdminCheck against the fake Web API through a real WebClient: the allow-list wins without a
// call, admins and owners come from users.info, answers are cached briefly, failures mean "no".
import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_CACHE_MS, SlackAdminCheck } from "../../../src/adapters/slack/slack-admin-check.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/fake-slack-api.js";
import { recordingLogger } from "./recording-logger.js";
import { BOT_TOKEN } from "./slack-test-app.js";

describe("SlackAdminCheck", () => {
  let fake: FakeSlackApi;
  let client: WebClient;
  beforeAll(async () => {
    fake = await startFakeSlackApi();
    client = new WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    fake.setUser("UADMIN", { is_admin: true });
    fake.setUser("UPRIMARY", { is_primary_owner: true });
    fake.setUser("UMEMBER", {});
  });
  afterAll(async () => {
    await fake?.close();
  });

  it("trusts the allow-list, then users.info flags, caching answers for a minute", async () => {
    let now = 0;
    const check = new SlackAdminCheck(client, {
      admins: ["ULISTED"],
      logger: recordingLogger(),
      clock: { now: () => now },
    });
    expect(await check.isAdmin("ULISTED")).toBe(true);
    expect(fake.calls("users.info")).toHaveLength(0);
    expect(await check.isAdmin("UADMIN")).toBe(true);
    expect(await check.isAdmin("UPRIMARY")).toBe(true);
    expect(await check.isAdmin("UMEMBER")).toBe(false);
    expect(await check.isAdmin("UMEMBER")).toBe(false);
    expect(fake.calls("users.info")).toHaveLength(3);
    now += ADMIN_CACHE_MS;
    expect(await check.isAdmin("UMEMBER")).toBe(false);
    expect(fake.calls("users.info")).toHaveLength(4);
  });

  it("treats a failed users.info as not admin, logs it, and asks again next time", async () => {
    const logger = recordingLogger();
    const check = new SlackAdminCheck(client, { admins: [], logger, clock: { now: () => 0 } });
    fake.queue("users.info", { body: { ok: false, error: "missing_scope" } });
    expect(await check.isAdmin("UADMIN")).toBe(false);
    expect(logger.entries.find((e) => e.level === "warn")?.context).toMatchObject({ userId: "UADMIN" });
    expect(await check.isAdmin("UADMIN")).toBe(true);
  });
});
