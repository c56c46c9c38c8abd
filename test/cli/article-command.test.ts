// `briefbot article inspect <url|file> [--json]` and `briefbot feed fulltext`/`feed status` in
// process: a page file, a page on a loopback server, the JSON shape, and usage errors.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { captureIo } from "../support/capture-io.js";
import { type LocalHttpServer, startLocalHttpServer } from "../support/local-http-server.js";

const SAMPLE = resolve(import.meta.dirname, "../../examples/feeds/news-one-mexico.xml");
const PARAGRAPH =
  "The volcano erupted on Tuesday morning, sending a column of ash four kilometres into the sky above the valley. " +
  "Airport officials cancelled dozens of flights while residents were told to stay indoors. ";
const PAGE = `<!doctype html><html lang="es"><head><title>Volcano erupts near the capital - Loopback News</title>
<link rel="canonical" href="https://news.example/volcano?utm_source=x"></head><body><nav>Home</nav>
<article><h1>Volcano erupts near the capital</h1><p class="byline">By Ana Díaz</p>
${Array.from({ length: 5 }, (_, i) => `<p>${PARAGRAPH}Part ${i + 1}.</p>`).join("\n")}</article></body></html>`;

describe("briefbot article inspect", () => {
  let dir: string;
  let server: LocalHttpServer;
  let env: Record<string, string>;

  async function run(...argv: string[]) {
    const io = captureIo(env, dir, []);
    const code = await runCli(argv, io);
    return { code, out: io.stdout, err: io.stderr };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "briefbot-article-"));
    writeFileSync(join(dir, "page.html"), PAGE);
    env = {
      BRIEFBOT_DATABASE: join(dir, "cli.db"),
      BRIEFBOT_ALLOW_PRIVATE_FEEDS: "true",
      BRIEFBOT_LOG_LEVEL: "silent",
    };
    server = await startLocalHttpServer({
      "/news/1": (_req, res) => {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
      },
      "/feed.xml": (_req, res) => {
        res.writeHead(200, { "content-type": "application/rss+xml" }).end(readFileSync(SAMPLE));
      },
    });
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints title, byline, canonical URL, word count and the first paragraphs", async () => {
    const result = await run("article", "inspect", join(dir, "page.html"));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^title {6}Volcano erupts near the capital$/m);
    expect(result.out).toMatch(/^byline {5}By Ana Díaz$/m);
    expect(result.out).toMatch(/^canonical {2}https:\/\/news\.example\/volcano$/m);
    expect(result.out).toMatch(/^words {6}\d+$/m);
    expect(result.out).toMatch(/^verdict {4}usable/m);
    expect(result.out).toContain("Part 1.");
    expect(result.out).not.toContain("Part 4.");
  });

  it("prints the documented JSON shape for a URL", async () => {
    const result = await run("article", "inspect", server.url("/news/1"), "--json");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(
      [
        "byline",
        "canonicalUrl",
        "imageUrl",
        "language",
        "paragraphs",
        "publishedTime",
        "reason",
        "siteName",
        "title",
        "url",
        "usable",
        "wordCount",
      ].sort(),
    );
    expect(json).toMatchObject({
      url: server.url("/news/1"),
      title: "Volcano erupts near the capital",
      byline: "By Ana Díaz",
      canonicalUrl: "https://news.example/volcano",
      language: "es",
      usable: true,
      reason: null,
    });
    expect(json.paragraphs).toHaveLength(3);
    expect(json.wordCount).toBeGreaterThan(100);
  });

  it("answers wrong usage and unreadable files with exit code 1", async () => {
    expect((await run("article", "inspect")).code).toBe(1);
    expect((await run("article", "show", "x")).code).toBe(1);
    const missing = await run("article", "inspect", join(dir, "missing.html"));
    expect(missing).toMatchObject({ code: 1, err: expect.stringContaining("Cannot read the page file") });
  });

  it("sets a feed's fulltext mode from the command line and shows it in feed status", async () => {
    expect((await run("feed", "add", server.url("/feed.xml"))).code).toBe(0);
    expect((await run("feed", "status", "1")).out).toMatch(/^full text {4}auto$/m);
    expect(await run("feed", "fulltext", "1", "never")).toMatchObject({
      code: 0,
      out: expect.stringContaining("never"),
    });
    expect((await run("feed", "status", "1")).out).toMatch(/^full text {4}never$/m);
    expect(JSON.parse((await run("feed", "status", "1", "--json")).out)).toMatchObject({ feed: { fulltext: "never" } });
    expect((await run("feed", "fulltext", "1", "sometimes")).code).toBe(1);
  });
});
