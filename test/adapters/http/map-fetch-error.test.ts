// How the HTTP client's failures read, through a GuardedFetcher on loopback: HTTP statuses with
// their advice and Retry-After, a refused connection, a corrupt compressed body, and the headers and
// body timeouts named by phase.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeFetchers, FEED, failure, fetcher, send } from "../../support/fetcher-fixtures.js";
import { type LocalHttpServer, startLocalHttpServer } from "../../support/local-http-server.js";

let server: LocalHttpServer;

beforeAll(async () => {
  server = await startLocalHttpServer({
    "/feed": (_request, response) => send(response, FEED),
  });
});
afterEach(async () => {
  await closeFetchers();
  server.reset();
});
afterAll(async () => {
  await server.close();
});

describe("mapFetchError: statuses and network failures", () => {
  it("reports a corrupt compressed body as a network error", async () => {
    server.route("/corrupt", (_request, response) =>
      send(response, Buffer.from("this is not gzip at all"), { "content-encoding": "gzip" }),
    );
    const error = await failure(fetcher().fetchText(server.url("/corrupt")));
    expect(error.code).toBe("network");
  });

  it.each([
    [500, "", "server failed"],
    [404, "", "not there"],
    [429, "120", "Retry-After: 120"],
    [503, "30", "Retry-After: 30"],
  ])("turns HTTP %i into http_status with the status", async (status, retryAfter, expected) => {
    server.route("/status", (_request, response) => {
      response.writeHead(status, retryAfter === "" ? {} : { "retry-after": retryAfter }).end("nope");
    });
    const error = await failure(fetcher().fetchText(server.url("/status")));
    expect(error.code).toBe("http_status");
    expect(error.status).toBe(status);
    expect(error.message).toContain(expected);
  });

  it("reports a refused connection as a network error", async () => {
    const closed = await startLocalHttpServer();
    const url = closed.url("/feed");
    await closed.close();
    const error = await failure(fetcher().fetchText(url));
    expect(error.code).toBe("network");
    expect(error.message).toContain("ECONNREFUSED");
  });
});

describe("mapFetchError: timeouts by phase", () => {
  it("times out waiting for headers", async () => {
    server.route("/silent", () => {});
    const error = await failure(fetcher({ headersTimeoutMs: 200 }).fetchText(server.url("/silent")));
    expect(error.code).toBe("timeout");
    expect(error.message).toContain("headers timeout");
  });

  it("times out when the body stalls", async () => {
    server.route("/stall", (_request, response) => {
      response.writeHead(200, { "content-type": "application/xml" });
      response.write("<rss>");
    });
    const error = await failure(fetcher({ bodyTimeoutMs: 200 }).fetchText(server.url("/stall")));
    expect(error.code).toBe("timeout");
    expect(error.message).toContain("body timeout");
  });
});
