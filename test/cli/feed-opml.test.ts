// `briefbot feed import <file.opml>` and `feed export --opml` in-process, on real files and a real
// store (SQLite, and PostgreSQL when a server is provided): nested outlines, broken entries reported
// by line and title while the others import, an SSRF-blocked address refused, 10,000 entries, an
// empty list, non-OPML and malformed files (exit 1 naming the fix), and export round-tripping.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { captureIo } from "../support/capture-io.js";
import { storeFactories } from "../support/store-factories.js";

interface Run {
  code: number;
  out: string;
  err: string;
}

const dir = mkdtempSync(join(tmpdir(), "briefbot-opml-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function opml(body: string, head = "<head><title>My subscriptions</title></head>"): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n${head}\n<body>\n${body}\n</body>\n</opml>\n`;
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const MIXED = opml(
  [
    '<outline text="World">', // line 5
    '  <outline text="One" title="News One" xmlUrl="https://one.example/rss" htmlUrl="https://one.example/"/>',
    '  <outline text="Folder inside">',
    '    <outline text="Two" xmlUrl="https://two.example/feed?utm_source=x"/>',
    "  </outline>",
    "</outline>",
    '<outline text="No address here"/>', // line 11
    '<outline text="Not http" xmlUrl="ftp://three.example/rss"/>',
    '<outline text="Loopback" xmlUrl="http://127.0.0.1/rss"/>',
    '<outline text="Private" xmlUrl="http://[::ffff:10.0.0.7]/rss"/>',
    '<outline text="Two again" xmlUrl="https://two.example/feed"/>',
    '<outline text="Four" xmlUrl="https://four.example/atom.xml"/>',
  ].join("\n"),
);

describe.each(storeFactories())("briefbot feed import/export (OPML) on $name", (factory) => {
  let env: Record<string, string>;

  beforeEach(async () => {
    await (await factory.open()).close();
    env = { BRIEFBOT_DATABASE: await factory.database(), BRIEFBOT_LOG_LEVEL: "silent" };
  });

  async function run(...argv: string[]): Promise<Run> {
    const io = captureIo(env, dir);
    const code = await runCli(argv, io);
    return { code, out: io.stdout, err: io.stderr };
  }

  async function feedList(...extra: string[]): Promise<Array<{ feed: { url: string; title: string | null } }>> {
    return JSON.parse((await run("feed", "list", "--json", ...extra)).out);
  }

  it("imports nested outlines, reports each broken entry by line and title, and imports the others", async () => {
    const path = file("mixed.opml", MIXED);
    const result = await run("feed", "import", path, "--channel", "slack:T1:C1");
    expect(result.code).toBe(1);
    expect(result.out).toContain("3 feeds added, 1 duplicate in the file, 4 entries not imported");
    expect(result.err).toContain('line 11 "No address here": no xmlUrl');
    expect(result.err).toContain('line 12 "Not http": "ftp://three.example/rss" is not an http(s) URL');
    expect(result.err).toMatch(/line 13 "Loopback": Refused to connect to 127\.0\.0\.1.*BRIEFBOT_ALLOW_PRIVATE_FEEDS/);
    expect(result.err).toMatch(/line 14 "Private": Refused to connect to 10\.0\.0\.7/);
    expect(result.err).toContain('line 15 "Two again": skipped, the same feed as line 8 "Two"');
    expect(result.err).toMatch(/4 entries were not imported; fix them in .*mixed\.opml and run the import again/);
    const feeds = await feedList();
    expect(feeds.map((s) => [s.feed.url, s.feed.title])).toEqual([
      ["https://one.example/rss", "News One"],
      ["https://two.example/feed", "Two"],
      ["https://four.example/atom.xml", "Four"],
    ]);
    // The channel subscribes to each; a second channel joins them; importing again changes nothing.
    const channelFeeds = await feedList("--channel", "slack:T1:C1");
    expect(channelFeeds).toMatchObject({ here: { length: 3 }, elsewhere: [] });
    const second = await run("feed", "import", path, "--channel", "discord:G1:C9");
    expect(second.out).toContain("0 feeds added, 3 stored feeds now followed here too");
    const again = await run("feed", "import", path, "--channel", "discord:G1:C9", "--json");
    const report = JSON.parse(again.out);
    expect(report).toMatchObject({ entries: 8, added: 0, joined: 0 });
    expect(report.problems.filter((p: { kind: string }) => p.kind === "exists")).toHaveLength(3);
  });

  it("exports OPML that imports back into an empty database as the same feeds", async () => {
    const path = file("source.opml", MIXED);
    await run("feed", "import", path);
    const before = await feedList();
    const out = join(dir, `export-${factory.name}.opml`);
    const exported = await run("feed", "export", "--opml", "--out", out);
    expect(exported).toMatchObject({ code: 0, err: `Wrote 3 feeds to ${out}.\n` });
    const xml = readFileSync(out, "utf8");
    expect(xml).toContain('xmlUrl="https://one.example/rss"');
    expect(xml).toContain('htmlUrl="https://one.example/"');
    const undated = (text: string) => text.replace(/<dateCreated>[^<]*<\/dateCreated>/, "");
    expect(undated((await run("feed", "export", "--opml")).out)).toBe(undated(xml));
    // Into a fresh database: same addresses and titles, nothing broken.
    await (await factory.open()).close();
    env = { ...env, BRIEFBOT_DATABASE: await factory.database() };
    expect(await feedList()).toEqual([]);
    const back = await run("feed", "import", out);
    expect(back).toMatchObject({ code: 0, err: "" });
    expect(back.out).toContain("3 feeds added");
    const after = await feedList();
    expect(after.map((s) => [s.feed.url, s.feed.title])).toEqual(before.map((s) => [s.feed.url, s.feed.title]));
    // A channel's export holds only its feeds.
    await run(
      "feed",
      "import",
      file("one.opml", opml('<outline text="Five" xmlUrl="https://five.example/"/>')),
      "--channel",
      "slack:T1:C5",
    );
    const mine = await run("feed", "export", "--opml", "--channel", "slack:T1:C5");
    expect(mine.out).toContain("five.example");
    expect(mine.out).not.toContain("one.example");
  });

  it("imports a list of 10,000 feeds, with a progress line on a terminal", async () => {
    const outlines = Array.from(
      { length: 10_000 },
      (_, i) => `<outline type="rss" text="Feed ${i}" xmlUrl="https://feed${i}.example.com/rss.xml"/>`,
    );
    const path = file("big.opml", opml(`<outline text="All">\n${outlines.join("\n")}\n</outline>`));
    const io = captureIo(env, dir);
    io.isTty = true;
    const code = await runCli(["feed", "import", path, "--channel", "slack:T1:C1"], io);
    expect(code).toBe(0);
    expect(io.stdout).toContain("(10,000 entries): 10,000 feeds added");
    expect(io.stderr).toContain("\r\u001b[2KImporting ");
    expect(io.stderr).toMatch(/Importing .*big\.opml: [\d,]+\/10,000 entries/);
    const feeds = await feedList();
    expect(feeds).toHaveLength(10_000);
    expect(feeds[9_999]?.feed.url).toBe("https://feed9999.example.com/rss.xml");
    // A generous bound for a loaded machine: it guards against a hang, it measures nothing.
  }, 120_000);

  it("answers an empty list, a non-OPML file, malformed XML and a missing file with exit 1 and the fix", async () => {
    const empty = await run("feed", "import", file("empty.opml", opml("")));
    expect(empty.code).toBe(1);
    expect(empty.err).toMatch(/lists no feeds.*Export the subscriptions again.*briefbot feed add <url>/);
    const folders = await run(
      "feed",
      "import",
      file("folders.opml", opml('<outline text="Empty folder">\n</outline>')),
    );
    expect(folders.code).toBe(1);
    expect(folders.err).toContain("no xmlUrl");
    const rss = await run(
      "feed",
      "import",
      file("feed.xml", '<?xml version="1.0"?><rss version="2.0"><channel/></rss>'),
    );
    expect(rss.code).toBe(1);
    expect(rss.err).toMatch(/<rss> root, not an OPML subscription list.*briefbot feed add <url>/);
    const broken = await run(
      "feed",
      "import",
      file("broken.opml", opml('<outline text="x" xmlUrl="https://x.example/">')),
    );
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/not well-formed XML: .* at line \d+, column \d+\. Export the subscription list again/);
    const text = await run("feed", "import", file("notes.txt", "just some notes\n"));
    expect(text).toMatchObject({ code: 1, err: expect.stringContaining("is not an XML document, so not OPML") });
    const missing = await run("feed", "import", join(dir, "nowhere.opml"));
    expect(missing).toMatchObject({ code: 1, err: expect.stringContaining("there is no such file") });
    expect(await run("feed", "import")).toMatchObject({ code: 1, err: expect.stringContaining("Missing <file.opml>") });
    expect(await run("feed", "export")).toMatchObject({ code: 1, err: expect.stringContaining("add --opml") });
    expect(await run("feed", "import", file("x.opml", MIXED), "--channel", "slack:T1")).toMatchObject({
      code: 1,
      err: expect.stringContaining("needs a channel id"),
    });
    expect(await feedList()).toEqual([]);
  });
});
