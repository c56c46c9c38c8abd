// The HTTP client's failures told as a feed's: HttpFeedSource over loopback turns every
// HttpFetchError into the core's FeedError with the same code and status, and adds the advice
// that concerns a feed (poll again, look for the new feed address, ask for a shorter feed).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { feedErrorFromHttp } from "../../../src/adapters/feeds/feed-error-from-http.js";
import { HttpFeedSource } from "../../../src/adapters/feeds/http-feed-source.js";
import { HttpFetchError } from "../../../src/adapters/http/http-fetch-error.js";
import { FeedError } from "../../../src/briefing/errors.js";
import { closeFetchers, fetcher } from "../../support/fetcher-fixtures.js";
import { type LocalHttpServer, startLocalHttpServer } from "../../support/local-http-server.js";

const NO_VALIDATORS = { etag: null, lastModified: null };

describe("feedErrorFromHttp", () => {
  it("keeps the code, status, message and cause, and adds the feed's advice", () => {
    const gone = new HttpFetchError("http_status", "https://x.test/feed answered HTTP 410: it is not there.", {
      status: 410,
    });
    const mapped = feedErrorFromHttp(gone);
    expect(mapped).toBeInstanceOf(FeedError);
    expect(mapped).toMatchObject({ code: "http_status", status: 410, cause: gone });
    expect(mapped.message).toBe(
      "https://x.test/feed answered HTTP 410: it is not there. The site may have moved its feed; look for its new feed address.",
    );
  });

  it.each([
    ["timeout", { temporary: true }, "briefbot will try again on the next poll."],
    ["http_status", { status: 503, temporary: true }, "briefbot will try again later."],
    ["too_large", {}, "If this really is the feed, ask its publisher for a shorter one."],
  ] as const)("words a %s failure for a feed", (code, options, advice) => {
    expect(feedErrorFromHttp(new HttpFetchError(code, "It failed.", options)).message).toBe(`It failed. ${advice}`);
  });

  it("adds nothing to a failure that needs no feed advice", () => {
    const refused = new HttpFetchError("blocked_address", "Refused; set BRIEFBOT_ALLOW_PRIVATE_FEEDS=true.");
    expect(feedErrorFromHttp(refused).message).toBe("Refused; set BRIEFBOT_ALLOW_PRIVATE_FEEDS=true.");
  });
});

describe("HttpFeedSource: failures as FeedError", () => {
  let server: LocalHttpServer;
  beforeAll(async () => {
    server = await startLocalHttpServer({
      "/gone": (_request, response) => {
        response.writeHead(404).end();
      },
      "/busy": (_request, response) => {
        response.writeHead(500).end();
      },
    });
  });
  afterEach(closeFetchers);
  afterAll(async () => {
    await server.close();
  });

  it("answers a missing feed with FeedError http_status and the feed's advice", async () => {
    const error = await new HttpFeedSource(fetcher()).fetchFeed(server.url("/gone"), NO_VALIDATORS).catch((e) => e);
    expect(error).toBeInstanceOf(FeedError);
    expect(error).toMatchObject({ code: "http_status", status: 404 });
    expect(error.message).toContain("answered HTTP 404");
    expect(error.message).toContain("new feed address");
  });

  it("says a failing server will be polled again, and a refused address how to allow it", async () => {
    const busy = await new HttpFeedSource(fetcher()).fetchFeed(server.url("/busy"), NO_VALIDATORS).catch((e) => e);
    expect(busy).toBeInstanceOf(FeedError);
    expect(busy.message).toContain("briefbot will try again on the next poll.");
    const strict = fetcher({ allowPrivate: false });
    const refused = await new HttpFeedSource(strict).fetchFeed(server.url("/busy"), NO_VALIDATORS).catch((e) => e);
    expect(refused).toBeInstanceOf(FeedError);
    expect(refused).toMatchObject({ code: "blocked_address" });
    expect(refused.message).toContain("BRIEFBOT_ALLOW_PRIVATE_FEEDS=true");
    expect(server.hits("/busy")).toBe(1);
  });
});
