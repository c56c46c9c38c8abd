// GuardedFetcher as a whole against real HTTP servers on loopback: what it sends, conditional GET,
// charset decoding, the overall deadline, which URLs it accepts at all, and one request at a time
// per host. The parts have their own files: connector, redirects, body reading, error mapping.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeFetchers, FEED, failure, fetcher, send, XML } from "../../support/fetcher-fixtures.js";
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

describe("GuardedFetcher: responses", () => {
  it("fetches a feed and sends our User-Agent, Accept and Accept-Encoding", async () => {
    const response = await fetcher().fetchText(server.url("/feed"));
    expect(response).toMatchObject({
      status: 200,
      url: server.url("/feed"),
      notModified: false,
      contentType: XML,
      text: FEED,
    });
    const [sent] = server.requests;
    expect(sent?.headers["user-agent"]).toBe("briefbot-test/0.1 (+https://github.com/briefbot/briefbot)");
    expect(sent?.headers["accept-encoding"]).toBe("gzip, deflate, br");
    expect(sent?.headers.accept).toContain("application/rss+xml");
  });

  it("answers 304 as notModified when the ETag and Last-Modified are sent back", async () => {
    server.route("/etag", (request, response) => {
      if (request.headers["if-none-match"] === '"v1"') {
        response.writeHead(304, { etag: '"v1"' }).end();
        return;
      }
      send(response, FEED, { etag: '"v1"', "last-modified": "Wed, 01 Jan 2025 00:00:00 GMT" });
    });
    const client = fetcher();
    const first = await client.fetchText(server.url("/etag"));
    expect(first).toMatchObject({ status: 200, etag: '"v1"', lastModified: "Wed, 01 Jan 2025 00:00:00 GMT" });

    const second = await client.fetchText(server.url("/etag"), { etag: first.etag, lastModified: first.lastModified });
    expect(second).toMatchObject({ status: 304, notModified: true, text: "", etag: '"v1"' });
    expect(server.requests[1]?.headers["if-modified-since"]).toBe("Wed, 01 Jan 2025 00:00:00 GMT");
  });
});

describe("GuardedFetcher: the overall deadline", () => {
  it("gives up on a body that drips past the overall deadline", async () => {
    server.route("/drip", (_request, response) => {
      response.writeHead(200, { "content-type": "application/xml" });
      const timer = setInterval(() => response.write("<"), 20);
      response.once("close", () => clearInterval(timer));
    });
    const error = await failure(fetcher({ deadlineMs: 500 }).fetchText(server.url("/drip")));
    expect(error.code).toBe("timeout");
    expect(error.message).toContain("deadline");
  });
});

describe("GuardedFetcher: decoding", () => {
  it("decodes windows-1252 bytes declared in Content-Type", async () => {
    server.route("/cp1252", (_request, response) =>
      send(response, Buffer.from([0x3c, 0x61, 0x3e, 0x93, 0x68, 0x69, 0x94, 0x20, 0x80, 0x3c, 0x2f, 0x61, 0x3e]), {
        "content-type": "text/xml; charset=windows-1252",
      }),
    );
    expect((await fetcher().fetchText(server.url("/cp1252"))).text).toBe("<a>“hi” €</a>");
  });

  it("decodes ISO-8859-1 named by the XML declaration", async () => {
    const body = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><title>Caf'),
      Buffer.from([0xe9]),
      Buffer.from("</title>"),
    ]);
    server.route("/latin1", (_request, response) => send(response, body, { "content-type": "application/xml" }));
    expect((await fetcher().fetchText(server.url("/latin1"))).text).toBe(
      '<?xml version="1.0" encoding="ISO-8859-1"?><title>Café</title>',
    );
  });

  it("prefers UTF-8 when the server wrongly declares ISO-8859-1", async () => {
    server.route("/mislabeled", (_request, response) =>
      send(response, Buffer.from(FEED), { "content-type": "text/xml; charset=iso-8859-1" }),
    );
    expect((await fetcher().fetchText(server.url("/mislabeled"))).text).toBe(FEED);
  });
});

describe("GuardedFetcher: URLs it accepts", () => {
  it.each([
    "file:///etc/passwd",
    "ftp://example.com/feed.xml",
    "not a url",
    "javascript:alert(1)",
    "http://user:secret@example.com/feed",
  ])("refuses %s as invalid_url", async (url) => {
    const error = await failure(fetcher().fetchText(url));
    expect(error.code).toBe("invalid_url");
  });
});

describe("GuardedFetcher: one request at a time per host", () => {
  it("never overlaps requests to the same host", async () => {
    server.route("/slow", async (_request, response) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      send(response, FEED);
    });
    const client = fetcher();
    const responses = await Promise.all([1, 2, 3, 4].map(() => client.fetchText(server.url("/slow"))));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    expect(server.hits("/slow")).toBe(4);
    expect(server.maxInFlight).toBe(1);
  });

  it("does not count waiting behind the same host against the deadline", async () => {
    server.route("/slower", async (_request, response) => {
      await new Promise((resolve) => setTimeout(resolve, 700));
      send(response, FEED);
    });
    const client = fetcher({ deadlineMs: 1_500 });
    // The third waits 1.4 s for its slot, then needs 0.7 s itself: 2.1 s, past the 1.5 s deadline if
    // the wait counted. Each request's own 0.7 s leaves 0.8 s of slack for a busy machine.
    const responses = await Promise.all([1, 2, 3].map(() => client.fetchText(server.url("/slower"))));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
  });

  it("runs different hosts in parallel", async () => {
    // Neither request is answered before both have arrived: serialized requests could never meet,
    // and the first would end at the headers timeout instead. No clock decides the outcome.
    let arrived = 0;
    let bothArrived: () => void = () => {};
    const meeting = new Promise<void>((resolve) => {
      bothArrived = resolve;
    });
    server.route("/meet", async (_request, response) => {
      arrived += 1;
      if (arrived === 2) bothArrived();
      await meeting;
      send(response, FEED);
    });
    const client = fetcher({ lookup: async () => ["127.0.0.1"], headersTimeoutMs: 15_000 });
    await Promise.all([
      client.fetchText(`http://a.test:${server.port}/meet`),
      client.fetchText(`http://b.test:${server.port}/meet`),
    ]);
    expect(server.maxInFlight).toBe(2);
  });
});
