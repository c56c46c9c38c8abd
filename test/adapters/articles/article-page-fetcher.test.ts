// ArticlePageFetcher's outcomes for pages it cannot fetch, on loopback: an HTTP failure is never
// thrown but answered as `failed` with the client's reason and whether asking again could help
// (a 503 or a timeout may pass; a 404, a refused address or an oversized page will not).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ArticlePageFetcher } from "../../../src/adapters/articles/article-page-fetcher.js";
import { LOOPBACK_ONLY } from "../../support/fetcher-fixtures.js";
import { type LocalHttpServer, startLocalHttpServer } from "../../support/local-http-server.js";

describe("ArticlePageFetcher: failures as outcomes", () => {
  let server: LocalHttpServer;
  const made: ArticlePageFetcher[] = [];
  const pages = (options: { allowAddress?: typeof LOOPBACK_ONLY; maxBytes?: number; deadlineMs?: number } = {}) => {
    const { allowAddress = LOOPBACK_ONLY, ...rest } = options;
    const created = new ArticlePageFetcher({
      userAgent: "briefbot/test",
      allowPrivate: false,
      hostDelayMs: 0,
      connect: { allowAddress },
      ...rest,
    });
    made.push(created);
    return created;
  };

  beforeAll(async () => {
    server = await startLocalHttpServer({
      "/gone": (_request, response) => {
        response.writeHead(404).end();
      },
      "/busy": (_request, response) => {
        response.writeHead(503, { "retry-after": "60" }).end();
      },
      "/big": (_request, response) => {
        response.writeHead(200, { "content-type": "text/html" }).end("<p>".padEnd(4_000, "x"));
      },
      "/silent": () => {},
    });
  });
  afterEach(async () => {
    await Promise.all(made.splice(0).map((fetcher) => fetcher.close()));
  });
  afterAll(async () => {
    await server.close();
  });

  it.each([
    ["a 404", "/gone", {}, false, "answered HTTP 404"],
    ["a 503", "/busy", {}, true, "Retry-After: 60"],
    ["an oversized page", "/big", { maxBytes: 1_000 }, false, "limit"],
    ["a page past the deadline", "/silent", { deadlineMs: 200 }, true, "deadline"],
  ])("answers %s as failed, with whether to retry", async (_name, path, options, retry, reason) => {
    const fetched = await pages(options).fetchPage(server.url(path));
    expect(fetched).toMatchObject({ kind: "failed", retry, reason: expect.stringContaining(reason) });
  });

  it("answers a refused address as failed for good, without connecting", async () => {
    server.reset();
    const fetched = await pages({ allowAddress: () => false }).fetchPage(server.url("/gone"));
    expect(fetched).toMatchObject({ kind: "failed", retry: false });
    expect(fetched.kind === "failed" && fetched.reason).toContain("BRIEFBOT_ALLOW_PRIVATE_FEEDS=true");
    expect(server.connections).toBe(0);
  });
});
