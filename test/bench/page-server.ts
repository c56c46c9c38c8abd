// A child process that serves the Zyte benchmark's 181 article pages on loopback for
// bench:extract, spread over several loopback hosts (127.0.0.1-16) as real articles live on many
// sites; robots.txt answers 404 (allowed). Prints the base URLs and the page keys as JSON.
import { readdirSync, readFileSync } from "node:fs";
import type { RequestListener } from "node:http";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { listenOnLoopbackHosts } from "./listen-on-loopback-hosts.js";

const dir = process.argv[2] ?? "";
const htmlDir = join(dir, "html");
const pages = new Map<string, Buffer>();
for (const name of readdirSync(htmlDir)) {
  const key = name.replace(/\.html(\.gz)?$/, "");
  const bytes = readFileSync(join(htmlDir, name));
  pages.set(key, name.endsWith(".gz") ? gunzipSync(bytes) : bytes);
}

const handler: RequestListener = (req, res) => {
  const key = /^\/pages\/([0-9a-f]+)\.html$/.exec(req.url ?? "")?.[1];
  const body = key === undefined ? undefined : pages.get(key);
  if (!body) {
    res.writeHead(404).end();
    return;
  }
  // No charset: the fetcher finds <meta charset> or falls back to UTF-8, as for a real site.
  res.writeHead(200, { "content-type": "text/html", "content-length": body.length });
  res.end(body);
};

const HOSTS = 16;
const bases = await listenOnLoopbackHosts(HOSTS, handler);
process.stdout.write(`${JSON.stringify({ bases, keys: [...pages.keys()].sort() })}\n`);
