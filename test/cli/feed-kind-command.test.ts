// `briefbot feed kind <id> opinion|news|auto` and where a stored article's label and its reason
// show (issue 15, point 2): `feed inspect` for a feed's items before storing, `watch why <link>`
// for a stored article. In process on a real SQLite file, the feed a local file.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { captureIo } from "../support/capture-io.js";

const COLUMN_URL = "https://ledger.example/2026/01/12/ports-scandal";
const NEWS_URL = "https://ledger.example/2026/01/12/ecb-lifts-rate";
const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Daily Ledger</title><link>https://ledger.example/</link>
<item><title>The ports scandal nobody wants to talk about</title><link>${COLUMN_URL}</link><pubDate>Mon, 12 Jan 2026 15:00:00 GMT</pubDate>
<description>I have spent twenty years writing about ports, and I have never seen workers treated with such contempt. The dockworkers walked off the job on Monday, and who can blame them? We should ask ourselves why the port authority keeps pretending this is normal. It is a disgrace.</description></item>
<item><title>ECB lifts deposit rate to 2.25%</title><link>${NEWS_URL}</link><pubDate>Mon, 12 Jan 2026 14:00:00 GMT</pubDate>
<description>The European Central Bank raised its deposit rate by 25 basis points to 2.25% on Monday, the bank said. President Christine Lagarde told reporters in Frankfurt that the decision was unanimous. The next meeting is on March 5.</description></item>
</channel></rss>`;

describe("briefbot feed kind, and the stored label", () => {
  let dir: string;
  let env: Record<string, string>;

  async function run(...argv: string[]) {
    const io = captureIo(env, dir, []);
    const code = await runCli(argv, io);
    return { code, out: io.stdout, err: io.stderr };
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "briefbot-kind-"));
    writeFileSync(join(dir, "ledger.xml"), FEED);
    env = { BRIEFBOT_DATABASE: join(dir, "cli.db"), BRIEFBOT_LOG_LEVEL: "silent" };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("shows the label ingest would store, and the one it stored with its reason", async () => {
    const inspected = await run("feed", "inspect", join(dir, "ledger.xml"));
    expect(inspected.out).toMatch(/kind: opinion \(prose reads as opinion/);
    expect(inspected.out).toMatch(/kind: news \(/);
    expect((await run("ingest", "--file", join(dir, "ledger.xml"))).code).toBe(0);
    const column = await run("watch", "why", COLUMN_URL, "--channel", "slack:T1:C1");
    expect(column.code).toBe(0);
    expect(column.out).toMatch(/Labelled opinion: prose reads as opinion \(per 100 words: I [\d.]+/);
    expect((await run("watch", "why", NEWS_URL, "--channel", "slack:T1:C1")).out).toContain("Labelled news:");
  });

  it("sets a feed's kind, relabels what it stored, shows it in feed status, and labels what is ingested next", async () => {
    expect((await run("feed", "status", "1")).out).toMatch(/^kind {9}auto$/m);
    const set = await run("feed", "kind", "1", "Opinion");
    expect(set).toMatchObject({ code: 0, out: expect.stringContaining("Daily Ledger: opinion (every article") });
    // The column already was opinion; the news report is relabelled in the same command.
    expect(set.out).toContain("Relabelled 1 of the feed's 2 stored articles as opinion (1 already were)");
    expect((await run("watch", "why", NEWS_URL, "--channel", "slack:T1:C1")).out).toContain(
      "Labelled opinion: feed set to opinion.",
    );
    expect((await run("feed", "status", "1")).out).toMatch(/^kind {9}opinion$/m);
    expect(JSON.parse((await run("feed", "kind", "1", "opinion", "--json")).out)).toMatchObject({
      kind: "opinion",
      relabel: { stored: 2, relabelled: 0, keptByCategory: 0 },
    });
    const next = FEED.replaceAll("ecb-lifts-rate", "ecb-lifts-rate-2")
      .replace("ECB lifts deposit rate to 2.25%", "Bank shares climb after ECB hike")
      .replace("The European Central Bank raised", "Bank shares rose after the European Central Bank raised");
    writeFileSync(join(dir, "ledger.xml"), next);
    expect((await run("ingest", "--file", join(dir, "ledger.xml"))).code).toBe(0);
    const later = await run("watch", "why", `${NEWS_URL}-2`, "--channel", "slack:T1:C1");
    expect(later.out).toContain("Labelled opinion: feed set to opinion.");

    // Back to auto: the classifier labels the stored articles again, from what is stored, as ingest
    // labelled them (the report is under 40 words).
    const auto = await run("feed", "kind", "1", "auto");
    expect(auto.out).toContain("Classified the feed's 3 stored articles again: 2 changed label.");
    expect((await run("watch", "why", NEWS_URL, "--channel", "slack:T1:C1")).out).toContain(
      "Labelled news: too short to tell; news by default.",
    );
    expect((await run("watch", "why", COLUMN_URL, "--channel", "slack:T1:C1")).out).toContain(
      "Labelled opinion: prose reads as opinion",
    );
  });

  it("answers a missing or unknown kind with exit code 1 and the usage", async () => {
    expect(await run("feed", "kind", "1")).toMatchObject({
      code: 1,
      err: expect.stringContaining("opinion|news|auto"),
    });
    expect(await run("feed", "kind", "1", "editorial")).toMatchObject({ code: 1 });
    expect((await run("feed", "kind", "9", "news")).code).toBe(1);
  });
});
