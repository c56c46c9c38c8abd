// Reading a body through a GuardedFetcher on loopback: each Content-Encoding, an empty or refused
// or corrupt one, and the size caps (wire bytes, declared length, decoded bytes of a gzip bomb),
// each proved to stop reading early rather than after the whole body arrived.
import { once } from "node:events";
import type { ServerResponse } from "node:http";
import { brotliCompressSync, createGzip, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeFetchers, FEED, failure, fetcher, send } from "../../support/fetcher-fixtures.js";
import { type LocalHttpServer, startLocalHttpServer } from "../../support/local-http-server.js";

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

describe("readBody: content encodings", () => {
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
});

describe("readBody: size caps", () => {
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
