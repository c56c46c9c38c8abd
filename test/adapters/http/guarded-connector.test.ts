// The SSRF-checked connector through a GuardedFetcher on loopback: refused addresses in every
// spelling (proved by the servers never seeing a connection), host names with any refused address,
// pinning the TCP connection to the checked IP while TLS still uses the name, DNS failures and hangs.
import type { TLSSocket } from "node:tls";
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

describe("guarded connector: SSRF guard", () => {
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
    const mixed = guardedFetcher({ lookup: async () => ["127.0.0.1", "10.0.0.1"] });
    const error = await failure(mixed.fetchText(`http://mixed.test:${server.port}/feed`));
    expect(error.code).toBe("blocked_address");
    expect(error.message).toContain("10.0.0.1");
    expect(server.connections).toBe(0);
  });

  it("connects to the checked address and keeps the host name in the Host header", async () => {
    const pinned = guardedFetcher({ lookup: async () => ["127.0.0.1"] });
    const response = await pinned.fetchText(`http://feed.test:${server.port}/feed`);
    expect(response.text).toBe(FEED);
    expect(server.requests[0]?.headers.host).toBe(`feed.test:${server.port}`);
  });

  it("with allowPrivate, reaches localhost (falling back from ::1 if nothing listens there)", async () => {
    const response = await fetcher().fetchText(`http://localhost:${server.port}/feed`);
    expect(response.text).toBe(FEED);
  });

  it("reports a failed lookup as a dns error", async () => {
    const failing = fetcher({
      lookup: async (host) => {
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
      },
    });
    const error = await failure(failing.fetchText("http://nowhere.test/feed"));
    expect(error.code).toBe("dns");
    expect(error.message).toContain("nowhere.test");
  });
});

describe("guarded connector: DNS lookups", () => {
  it("times out connecting when the lookup hangs", async () => {
    const hanging = fetcher({ connectTimeoutMs: 200, lookup: () => new Promise<string[]>(() => {}) });
    const error = await failure(hanging.fetchText(`http://hang.test:${server.port}/feed`));
    expect(error.code).toBe("timeout");
    expect(error.message).toContain("connect");
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

describe("guarded connector: HTTPS to a pinned address", () => {
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
    const client = guardedFetcher({ lookup: toLoopback, ca: TEST_TLS_CERT });
    const response = await client.fetchText(`https://feed.test:${secure.port}/feed`);
    expect(response.text).toBe(FEED);
    expect(servernames).toEqual(["feed.test"]);
    expect(secure.requests[0]?.headers.host).toBe(`feed.test:${secure.port}`);
  });

  it("refuses a certificate for another name", async () => {
    const client = guardedFetcher({ lookup: toLoopback, ca: TEST_TLS_CERT });
    const error = await failure(client.fetchText(`https://other.test:${secure.port}/feed`));
    expect(error.code).toBe("network");
    expect(error.message).toContain("certificate");
  });

  it("refuses an untrusted certificate", async () => {
    const error = await failure(
      guardedFetcher({ lookup: toLoopback }).fetchText(`https://feed.test:${secure.port}/feed`),
    );
    expect(error.code).toBe("network");
    expect(error.message).toContain("certificate");
  });
});
