// A child process that serves synthetic feeds on loopback for the ingest benchmark, with ETags
// and 304s, so the server's CPU is not charged to the ingester. Feeds are spread over several
// loopback hosts (127.0.0.1-16), as real feeds live on many sites; every feed is generated before
// the server listens (so no run pays for generation), then the base URLs are printed as JSON.
// GET /_stats answers how often each feed was requested (full responses and 304s) since the last
// POST /_stats (which answers the same, then starts a new count), so a benchmark can check that
// instances sharing a database fetched each feed once.
import { createHash } from "node:crypto";
import type { RequestListener } from "node:http";
import { listenOnLoopbackHosts } from "./listen-on-loopback-hosts.js";
import { syntheticFeed } from "./synthetic-feeds.js";

const feeds = Number(process.argv[2] ?? 200);
const items = Number(process.argv[3] ?? 500);
const cache = new Map<number, { body: Buffer; etag: string }>();
for (let n = 0; n < feeds; n++) {
  const body = Buffer.from(syntheticFeed(`http://feeds${n}.bench.localhost`, n, items));
  cache.set(n, { body, etag: `"${createHash("sha1").update(body).digest("hex")}"` });
}

export interface FeedServerStats {
  /** Requests per feed path (full and 304). */
  requests: Record<string, number>;
  full: number;
  notModified: number;
}

let stats: FeedServerStats = { requests: {}, full: 0, notModified: 0 };

const handler: RequestListener = (req, res) => {
  if (req.url === "/_stats") {
    // POST answers the counts so far and starts a new count.
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(stats));
    if (req.method === "POST") stats = { requests: {}, full: 0, notModified: 0 };
    return;
  }
  const match = /^\/feeds\/(\d+)\.xml$/.exec(req.url ?? "");
  const n = match ? Number(match[1]) : -1;
  const doc = cache.get(n);
  if (!doc) {
    res.writeHead(404).end();
    return;
  }
  const path = req.url ?? "";
  stats.requests[path] = (stats.requests[path] ?? 0) + 1;
  if (req.headers["if-none-match"] === doc.etag) {
    stats.notModified += 1;
    res.writeHead(304, { etag: doc.etag }).end();
    return;
  }
  stats.full += 1;
  res.writeHead(200, {
    "content-type": "application/rss+xml; charset=utf-8",
    etag: doc.etag,
    "content-length": doc.body.length,
  });
  res.end(doc.body);
};

const HOSTS = 16;
const bases = await listenOnLoopbackHosts(HOSTS, handler);
process.stdout.write(`${JSON.stringify(bases)}\n`);
