// A child process that serves synthetic feeds on loopback for the ingest benchmark, with ETags
// and 304s, so the server's CPU is not charged to the ingester. Feeds are spread over several
// loopback hosts (127.0.0.1-16), as real feeds live on many sites; prints the base URLs as JSON.
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { syntheticFeed } from "./synthetic-feeds.js";

const feeds = Number(process.argv[2] ?? 200);
const items = Number(process.argv[3] ?? 500);
const cache = new Map<number, { body: Buffer; etag: string }>();

const handler: Parameters<typeof createServer>[1] = (req, res) => {
  const match = /^\/feeds\/(\d+)\.xml$/.exec(req.url ?? "");
  const n = match ? Number(match[1]) : -1;
  if (n < 0 || n >= feeds) {
    res.writeHead(404).end();
    return;
  }
  let doc = cache.get(n);
  if (!doc) {
    const body = Buffer.from(syntheticFeed(`http://feeds${n}.bench.localhost`, n, items));
    doc = { body, etag: `"${createHash("sha1").update(body).digest("hex")}"` };
    cache.set(n, doc);
  }
  if (req.headers["if-none-match"] === doc.etag) {
    res.writeHead(304, { etag: doc.etag }).end();
    return;
  }
  res.writeHead(200, {
    "content-type": "application/rss+xml; charset=utf-8",
    etag: doc.etag,
    "content-length": doc.body.length,
  });
  res.end(doc.body);
};

const HOSTS = 16;
const bases = await Promise.all(
  Array.from({ length: HOSTS }, (_, i) => {
    const host = `127.0.0.${i + 1}`;
    const server = createServer({ keepAlive: true }, handler);
    return new Promise<string>((resolve) =>
      server.listen(0, host, () => {
        const address = server.address();
        resolve(address && typeof address === "object" ? `http://${host}:${address.port}` : "");
      }),
    );
  }),
);
process.stdout.write(`${JSON.stringify(bases)}\n`);
