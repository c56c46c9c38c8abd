// Bounded reading of a response body: counts the bytes on the wire, decompresses gzip, deflate
// (zlib or raw) and br itself, counts the decoded bytes, and stops reading the moment either
// passes the cap (so a gzip bomb costs at most the cap). Also how to let go of a body unread.
import type { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from "node:zlib";
import type { Dispatcher } from "undici";
import { HttpFetchError } from "./http-fetch-error.js";
import { tooLarge } from "./map-fetch-error.js";

// Small bodies of redirects and errors are read to the end so the connection can be reused.
const DISCARD_LIMIT = 64 * 1024;

/** The body's bytes after Content-Encoding; throws too_large past `maxBytes` either side of decoding. */
export async function readBody(
  body: Readable,
  contentEncoding: string | null,
  maxBytes: number,
  url: URL,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const input = (body as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  // The first chunk is read before choosing the decoder: raw vs zlib deflate is told by its header.
  const first = await input.next();
  // An empty body stays empty whatever its Content-Encoding says (gunzip would call it truncated).
  if (first.done === true) return new Uint8Array(0);
  let decoder: Transform | null;
  try {
    decoder = createDecoder(contentEncoding, first.value, url);
  } catch (error) {
    await input.return?.();
    throw error;
  }
  const chunks: Buffer[] = [];
  let decoded = 0;

  async function* compressed(): AsyncGenerator<Buffer> {
    try {
      let received = 0;
      for (let next = first; next.done !== true; next = await input.next()) {
        received += next.value.byteLength;
        if (received > maxBytes) throw tooLarge(url, maxBytes, "the server sent more than that");
        yield next.value;
      }
    } finally {
      // Ending the iterator early destroys `body`, which closes the connection: we stop reading.
      await input.return?.();
    }
  }
  async function collect(source: AsyncIterable<Buffer>): Promise<void> {
    for await (const chunk of source) {
      decoded += chunk.byteLength;
      if (decoded > maxBytes) throw tooLarge(url, maxBytes, "it decompresses to more than that");
      chunks.push(chunk);
    }
  }

  if (decoder === null) await pipeline(compressed, collect, { signal });
  else await pipeline(compressed, decoder, collect, { signal });
  return Buffer.concat(chunks, decoded);
}

function createDecoder(contentEncoding: string | null, head: Buffer, url: URL): Transform | null {
  const codings = (contentEncoding ?? "")
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity");
  if (codings.length === 0) return null;
  const [coding] = codings;
  if (codings.length === 1) {
    if (coding === "gzip" || coding === "x-gzip") return createGunzip();
    if (coding === "br") return createBrotliDecompress();
    // "deflate" should be zlib-wrapped (RFC 9110) but some servers send raw deflate; like browsers,
    // tell them apart by the zlib header (RFC 1950: method 8 in the low nibble, 16 bits divisible by 31).
    if (coding === "deflate") return looksLikeZlib(head) ? createInflate() : createInflateRaw();
  }
  throw new HttpFetchError(
    "network",
    `${url.href} was sent with Content-Encoding "${contentEncoding}", which briefbot cannot decode (it asked for ` +
      "gzip, deflate or br). The server is misconfigured.",
  );
}

function looksLikeZlib(head: Buffer): boolean {
  const [cmf, flg] = [head[0], head[1]];
  if (cmf === undefined || (cmf & 0x0f) !== 8) return false;
  return flg === undefined || (cmf * 256 + flg) % 31 === 0;
}

type ResponseBody = Dispatcher.ResponseData["body"];

/** Reads a small body to the end so the connection can be reused; a larger one is just dropped. */
export async function discardBody(body: ResponseBody, signal: AbortSignal): Promise<void> {
  try {
    await body.dump({ limit: DISCARD_LIMIT, signal });
  } catch {
    dropBody(body);
  }
}

/** Stops reading a body (closing its connection) without an unhandled "aborted" error event. */
export function dropBody(body: Readable): void {
  body.on("error", () => {});
  body.destroy();
}
