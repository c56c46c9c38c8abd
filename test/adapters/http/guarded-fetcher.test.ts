// GuardedFetcher against real HTTP servers on loopback: redirects, conditional GET, compression,
// size caps, timeouts, decoding, SSRF refusals (proved by the servers never seeing a connection)
// and per-host serialization. Nothing leaves the machine; refused addresses are never connected to.
import { once } from "node:events";
import type { ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { brotliCompressSync, createGzip, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  GuardedFetcher,
  type GuardedFetcherOptions,
  type GuardedFetcherTestHooks,
} from "../../../src/adapters/http/guarded-fetcher.js";
import { FeedError } from "../../../src/briefing/errors.js";
import { type LocalHttpServer, startLocalHttpServer } from "../../support/local-http-server.js";

const FEED =
  '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Café “news”</title></channel></rss>';
const XML = "application/rss+xml; charset=utf-8";

let server: LocalHttpServer;
const fetchers: GuardedFetcher[] = [];

function fetcher(options: Partial<GuardedFetcherOptions> = {}, hooks: GuardedFetcherTestHooks = {}): GuardedFetcher {
  const created = new GuardedFetcher(
    {
      userAgent: "briefbot-test/0.1 (+https://github.com/briefbot/briefbot)",
      allowPrivate: true,
      connectTimeoutMs: 2_000,
      headersTimeoutMs: 2_000,
      bodyTimeoutMs: 2_000,
      deadlineMs: 5_000,
      ...options,
    },
    hooks,
  );
  fetchers.push(created);
  return created;
}

/** A fetcher with the guard ON that may reach only the test server's 127.0.0.1. */
function guardedFetcher(hooks: GuardedFetcherTestHooks = {}): GuardedFetcher {
  return fetcher({ allowPrivate: false }, { allowAddress: (ip) => ip === "127.0.0.1", ...hooks });
}

async function failure(promise: Promise<unknown>): Promise<FeedError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FeedError);
    return error as FeedError;
  }
  throw new Error("expected the fetch to fail");
}

function send(response: ServerResponse, body: string | Buffer, headers: Record<string, string> = {}): void {
  response.writeHead(200, { "content-type": XML, ...headers }).end(body);
}

/** Streams `total` bytes in 64 KB chunks, honouring backpressure, until done or the client hangs up. */
async function stream(response: ServerResponse, total: number, onSent: (bytes: number) => void): Promise<void> {
  response.writeHead(200, { "content-type": "application/xml" });
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let sent = 0;
  while (sent < total && !response.destroyed) {
    const more = response.write(chunk);
    sent += chunk.byteLength;
    onSent(sent);
    if (!more) await Promise.race([once(response, "drain"), once(response, "close")]);
  }
  response.end();
}

async function gzipOfZeros(totalBytes: number): Promise<Buffer> {
  // Built from 1 MB writes so the test never holds the whole 100 MB in memory.
  const gzip = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on("data", (part: Buffer) => parts.push(part));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < totalBytes; written += zeros.byteLength) {
    if (!gzip.write(zeros)) await once(gzip, "drain");
  }
  gzip.end();
  await once(gzip, "end");
  return Buffer.concat(parts);
}

beforeAll(async () => {
  server = await startLocalHttpServer({
    "/feed": (_request, response) => send(response, FEED),
  });
});
afterEach(async () => {
  await Promise.all(fetchers.splice(0).map((created) => created.close()));
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

  it.each([
    ["gzip", gzipSync(Buffer.from(FEED))],
    ["deflate", deflateSync(Buffer.from(FEED))],
    ["deflate", deflateRawSync(Buffer.from(FEED))], // raw deflate, sent by some misconfigured servers
    ["br", brotliCompressSync(Buffer.from(FEED))],
  ])("decompresses a %s body", async (encoding, body) => {
    server.route("/compressed", (_request, response) => send(response, body, { "content-encoding": encoding }));
    const response = await fetcher().fetchText(server.url("/compressed"));
    expect(response.text).toBe(FEED);
  });

  it("returns an empty text for an empty gzip-labelled body", async () => {
    server.route("/empty", (_request, response) => send(response, "", { "content-encoding": "gzip" }));
    await expect(fetcher().fetchText(server.url("/empty"))).resolves.toMatchObject({ status: 200, text: "" });
  });

  it("refuses a Content-Encoding it did not ask for", async () => {
    server.route("/compress", (_request, response) => send(response, "x", { "content-encoding": "compress" }));
    const error = await failure(fetcher().fetchText(server.url("/compress")));
    expect(error.code).toBe("network");
    expect(error.message).toContain("compress");
  });

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

describe("GuardedFetcher: redirects", () => {
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

describe("GuardedFetcher: size caps", () => {
  it("stops a 50 MB body at the cap without reading the rest", async () => {
    let sent = 0;
    server.route("/huge", (_request, response) =>
      stream(response, 50 * 1024 * 1024, (bytes) => {
        sent = bytes;
      }),
    );
    const error = await failure(fetcher().fetchText(server.url("/huge")));
    expect(error.code).toBe("too_large");
    expect(error.message).toContain("5 MB");
    expect(sent).toBeLessThan(50 * 1024 * 1024);
  });

  it("refuses a body whose Content-Length is over the cap before reading it", async () => {
    server.route("/declared", (_request, response) =>
      send(response, Buffer.alloc(2_000, 0x61), { "content-length": "2000" }),
    );
    const error = await failure(fetcher({ maxBytes: 1_000 }).fetchText(server.url("/declared")));
    expect(error.code).toBe("too_large");
    expect(error.message).toContain("declares 2000 bytes");
  });

  it("stops a gzip bomb (100 MB of zeros) at the decoded cap", async () => {
    const bomb = await gzipOfZeros(100 * 1024 * 1024);
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    server.route("/bomb", (_request, response) => send(response, bomb, { "content-encoding": "gzip" }));
    const error = await failure(fetcher().fetchText(server.url("/bomb")));
    expect(error.code).toBe("too_large");
    expect(error.message).toContain("decompresses");
  });
});

describe("GuardedFetcher: timeouts", () => {
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

  it("times out connecting when the lookup hangs", async () => {
    const hanging = fetcher({ connectTimeoutMs: 200 }, { resolve: () => new Promise<string[]>(() => {}) });
    const error = await failure(hanging.fetchText(`http://hang.test:${server.port}/feed`));
    expect(error.code).toBe("timeout");
    expect(error.message).toContain("connect");
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

describe("GuardedFetcher: SSRF guard", () => {
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
    "http://0x7f000001:PORT/feed",
    "http://2130706433:PORT/feed",
    "http://0177.0.0.1:PORT/feed",
    "http://127.1:PORT/feed",
    "http://127.0.0.1:PORT/feed",
    "http://[::ffff:127.0.0.1]:PORT/feed",
    "http://[::127.0.0.1]:PORT/feed",
    "http://[::1]:PORT/feed",
    "http://[::]:PORT/feed",
    "http://0:PORT/feed",
    "http://10.0.0.1/feed",
    "http://172.16.5.4/feed",
    "http://192.168.1.1/feed",
    "http://100.64.0.1/feed",
    "http://169.254.169.254/latest/meta-data/",
    "http://224.0.0.1/feed",
    "http://255.255.255.255/feed",
    "http://240.0.0.1/feed",
    "http://[fe80::1]/feed",
    "http://[fc00::1]/feed",
    "http://[ff02::1]/feed",
  ])("refuses %s without connecting", async (template) => {
    const url = template.replace("PORT", String(server.port));
    const error = await failure(fetcher({ allowPrivate: false }).fetchText(url));
    expect(error.code).toBe("blocked_address");
    expect(error.message).toContain("BRIEFBOT_ALLOW_PRIVATE_FEEDS=true");
    expect(server.connections).toBe(0);
  });

  it("names the cloud metadata address in the refusal", async () => {
    const error = await failure(fetcher({ allowPrivate: false }).fetchText("http://169.254.169.254/"));
    expect(error.message).toContain("169.254.169.254");
    expect(error.message).toContain("metadata");
  });

  it("refuses a host name that resolves to loopback (localhost)", async () => {
    const error = await failure(fetcher({ allowPrivate: false }).fetchText(`http://localhost:${server.port}/feed`));
    expect(error.code).toBe("blocked_address");
    expect(server.connections).toBe(0);
  });

  it("refuses a host name when any of its addresses is refused", async () => {
    const mixed = guardedFetcher({ resolve: async () => ["127.0.0.1", "10.0.0.1"] });
    const error = await failure(mixed.fetchText(`http://mixed.test:${server.port}/feed`));
    expect(error.code).toBe("blocked_address");
    expect(error.message).toContain("10.0.0.1");
    expect(server.connections).toBe(0);
  });

  it("connects to the checked address and keeps the host name in the Host header", async () => {
    const pinned = guardedFetcher({ resolve: async () => ["127.0.0.1"] });
    const response = await pinned.fetchText(`http://feed.test:${server.port}/feed`);
    expect(response.text).toBe(FEED);
    expect(server.requests[0]?.headers.host).toBe(`feed.test:${server.port}`);
  });

  it("with allowPrivate, reaches localhost (falling back from ::1 if nothing listens there)", async () => {
    const response = await fetcher().fetchText(`http://localhost:${server.port}/feed`);
    expect(response.text).toBe(FEED);
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
    const resolve = async (host: string): Promise<string[]> => (host === "internal.test" ? ["127.0.0.2"] : []);
    const error = await failure(guardedFetcher({ resolve }).fetchText(server.url("/bounce")));
    expect(error.code).toBe("blocked_address");
    expect(server.hits("/bounce")).toBe(1);
    expect(other.connections).toBe(0);
  });

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

  it("reports a failed lookup as a dns error", async () => {
    const failing = fetcher(
      {},
      {
        resolve: async (host) => {
          throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
        },
      },
    );
    const error = await failure(failing.fetchText("http://nowhere.test/feed"));
    expect(error.code).toBe("dns");
    expect(error.message).toContain("nowhere.test");
  });
});

// A throwaway self-signed certificate for "feed.test" only (valid 2000-2100), made with openssl for
// these tests; it protects nothing. It lets us check that pinning the TCP connection to the checked
// IP still sends SNI for the host name and verifies the certificate against the name.
const TEST_TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgHBwqHDMNcnEHe+uf
hy4fQeopiZq7RD6eiKKyLFKP6OehRANCAASW8/icCUIgHu+Gd+OEKAuX1TL4XX85
84zPQ18T5HtBvas7Ppu/EoKUZ0Ohx/YoC1rDC7NC7+S6tH3acu9Big/p
-----END PRIVATE KEY-----
`;
const TEST_TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBYjCCAQegAwIBAgIBATAKBggqhkjOPQQDAjAUMRIwEAYDVQQDDAlmZWVkLnRl
c3QwIBcNMDAwMTAxMDAwMDAwWhgPMjEwMDAxMDEwMDAwMDBaMBQxEjAQBgNVBAMM
CWZlZWQudGVzdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABJbz+JwJQiAe74Z3
44QoC5fVMvhdfznzjM9DXxPke0G9qzs+m78SgpRnQ6HH9igLWsMLs0Lv5Lq0fdpy
70GKD+mjSDBGMA8GA1UdEwEB/wQFMAMBAf8wFAYDVR0RBA0wC4IJZmVlZC50ZXN0
MB0GA1UdDgQWBBRdgAZKKMSB3PDHz3aL3bbkJEyt8TAKBggqhkjOPQQDAgNJADBG
AiEA818abYi3LJkhjd4bAsJ4uWX+2GNoo/PoI7BB8Jtfx28CIQC0bC2VinkMCNby
fxtm1s1yzK3vdOPC65yItZZ3/0zhqA==
-----END CERTIFICATE-----
`;

describe("GuardedFetcher: HTTPS to a pinned address", () => {
  let secure: LocalHttpServer;
  const servernames: (string | false | null | undefined)[] = [];
  beforeAll(async () => {
    secure = await startLocalHttpServer(
      {
        "/feed": (request, response) => {
          servernames.push((request.socket as TLSSocket).servername);
          send(response, FEED);
        },
      },
      { tls: { key: TEST_TLS_KEY, cert: TEST_TLS_CERT } },
    );
  });
  afterAll(async () => {
    await secure.close();
  });
  const toLoopback = async (): Promise<string[]> => ["127.0.0.1"];

  it("sends SNI and verifies the certificate against the host name, not the IP", async () => {
    const client = guardedFetcher({ resolve: toLoopback, tlsCa: TEST_TLS_CERT });
    const response = await client.fetchText(`https://feed.test:${secure.port}/feed`);
    expect(response.text).toBe(FEED);
    expect(servernames).toEqual(["feed.test"]);
    expect(secure.requests[0]?.headers.host).toBe(`feed.test:${secure.port}`);
  });

  it("refuses a certificate for another name", async () => {
    const client = guardedFetcher({ resolve: toLoopback, tlsCa: TEST_TLS_CERT });
    const error = await failure(client.fetchText(`https://other.test:${secure.port}/feed`));
    expect(error.code).toBe("network");
    expect(error.message).toContain("certificate");
  });

  it("refuses an untrusted certificate", async () => {
    const error = await failure(
      guardedFetcher({ resolve: toLoopback }).fetchText(`https://feed.test:${secure.port}/feed`),
    );
    expect(error.code).toBe("network");
    expect(error.message).toContain("certificate");
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
      await new Promise((resolve) => setTimeout(resolve, 300));
      send(response, FEED);
    });
    const client = fetcher({ deadlineMs: 700 });
    // The second waits about 300 ms for its slot, then needs about 300 ms itself: over 700 ms in all.
    const responses = await Promise.all([1, 2, 3].map(() => client.fetchText(server.url("/slower"))));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
  });

  it("runs different hosts in parallel", async () => {
    // Each request waits (up to 2 s) for the other to arrive, so only parallel requests meet.
    server.route("/meet", async (_request, response) => {
      for (let waited = 0; server.inFlight < 2 && waited < 2_000; waited += 10) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      send(response, FEED);
    });
    const client = fetcher({}, { resolve: async () => ["127.0.0.1"] });
    await Promise.all([
      client.fetchText(`http://a.test:${server.port}/meet`),
      client.fetchText(`http://b.test:${server.port}/meet`),
    ]);
    expect(server.maxInFlight).toBe(2);
  });
});
