// Redirects through a GuardedFetcher on loopback: relative and absolute Locations, the hop limit,
// a redirect without a Location or to another scheme, and the SSRF guard judging every hop (a
// redirect to an internal address is refused before anything connects to it).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeFetchers, FEED, failure, fetcher, guardedFetcher, send } from "../../support/fetcher-fixtures.js";
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

describe("followRedirects", () => {
  beforeAll(() => {
    // /hop/N redirects N more times, alternating absolute and relative Locations, then serves the feed.
    server.route("/hop", (request, response) => {
      const left = Number(new URL(request.url ?? "/", server.origin).searchParams.get("left"));
      if (left === 0) {
        send(response, FEED);
        return;
      }
      const next = `/hop?left=${left - 1}`;
      response.writeHead(left % 2 === 0 ? 302 : 301, { location: left % 2 === 0 ? next : server.url(next) }).end();
    });
  });

  it("follows 3 redirects, relative and absolute, and reports the final URL", async () => {
    const response = await fetcher().fetchText(server.url("/hop?left=3"));
    expect(response.text).toBe(FEED);
    expect(response.url).toBe(server.url("/hop?left=0"));
    expect(server.hits("/hop")).toBe(4);
  });

  it("follows exactly maxRedirects, and refuses one more", async () => {
    await expect(fetcher({ maxRedirects: 5 }).fetchText(server.url("/hop?left=5"))).resolves.toMatchObject({
      status: 200,
    });
    const error = await failure(fetcher({ maxRedirects: 5 }).fetchText(server.url("/hop?left=6")));
    expect(error.code).toBe("too_many_redirects");
  });

  it("refuses 7 redirects with the default limit", async () => {
    const error = await failure(fetcher().fetchText(server.url("/hop?left=7")));
    expect(error.code).toBe("too_many_redirects");
    expect(server.hits("/hop")).toBe(6);
  });

  it("reports a redirect without a Location as http_status", async () => {
    server.route("/nowhere", (_request, response) => {
      response.writeHead(302).end();
    });
    const error = await failure(fetcher().fetchText(server.url("/nowhere")));
    expect(error.code).toBe("http_status");
    expect(error.status).toBe(302);
  });

  it("refuses a redirect to a non-http scheme", async () => {
    server.route("/to-file", (_request, response) => {
      response.writeHead(302, { location: "file:///etc/passwd" }).end();
    });
    const error = await failure(fetcher().fetchText(server.url("/to-file")));
    expect(error.code).toBe("invalid_url");
  });
});

describe("followRedirects: the SSRF guard at every hop", () => {
  let other: LocalHttpServer;
  beforeAll(async () => {
    // Linux routes all of 127.0.0.0/8 to loopback: a second server on 127.0.0.2 stands in for an
    // internal host, so a test can prove nothing ever connected to it.
    other = await startLocalHttpServer(
      { "/secret": (_request, response) => send(response, "secret") },
      {
        host: "127.0.0.2",
      },
    );
  });
  afterAll(async () => {
    await other.close();
  });

  it.each([
    ["an internal IP", () => other.url("/secret")],
    ["an internal host name", () => `http://internal.test:${other.port}/secret`],
    ["the metadata address", () => "http://169.254.169.254/latest/meta-data/"],
    ["IPv6 loopback", () => `http://[::1]:${other.port}/secret`],
  ])("refuses a redirect from an allowed host to %s", async (_name, target) => {
    server.route("/bounce", (_request, response) => {
      response.writeHead(302, { location: target() }).end();
    });
    const lookup = async (host: string): Promise<string[]> => (host === "internal.test" ? ["127.0.0.2"] : []);
    const error = await failure(guardedFetcher({ lookup }).fetchText(server.url("/bounce")));
    expect(error.code).toBe("blocked_address");
    expect(server.hits("/bounce")).toBe(1);
    expect(other.connections).toBe(0);
  });
});
