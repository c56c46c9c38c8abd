// How the command line and the console show per-channel feeds (issue 17 point 2): `feed list
// --channel` and the console's /feed list (started with --channel) put that channel's feeds first,
// `feed status` names the channels that follow a feed. Real SQLite file, feeds from an OPML file.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { captureIo } from "../support/capture-io.js";

describe("per-channel feeds on the command line and the console", () => {
  let dir: string;
  let env: Record<string, string>;

  async function run(argv: string[], stdin: string[] = []) {
    const io = captureIo(env, dir, stdin);
    const code = await runCli(argv, io);
    return { code, out: io.stdout, err: io.stderr };
  }

  const list = (urls: string[]) =>
    `<?xml version="1.0"?><opml version="2.0"><body>${urls.map((u) => `<outline text="${u}" xmlUrl="https://${u}/rss"/>`).join("")}</body></opml>`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "briefbot-channel-list-"));
    env = { BRIEFBOT_DATABASE: join(dir, "cli.db"), BRIEFBOT_LOG_LEVEL: "silent" };
    writeFileSync(join(dir, "news.opml"), list(["one.example", "two.example"]));
    writeFileSync(join(dir, "desk.opml"), list(["three.example", "two.example"]));
    expect((await run(["feed", "import", "news.opml", "--channel", "slack:T1:CNEWS"])).code).toBe(0);
    expect((await run(["feed", "import", "desk.opml", "--channel", "slack:T1:CDESK"])).code).toBe(0);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("feed list --channel lists that channel's feeds, then the rest", async () => {
    const { code, out } = await run(["feed", "list", "--channel", "slack:T1:CDESK"]);
    expect(code).toBe(0);
    const order = [
      "In slack:T1:CDESK (2):",
      "two.example",
      "three.example",
      "Elsewhere in this install (1):",
      "one.example",
    ];
    const at = order.map((s) => out.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect((await run(["feed", "list", "--channel", "slack:T1:CNONE"])).out).toMatch(
      /^slack:T1:CNONE follows no feed\.\nElsewhere in this install \(3\):/,
    );
  });

  it("feed status names the channels following a feed", async () => {
    const { out } = await run(["feed", "status", "2"]);
    expect(out).toMatch(
      /channels {5}slack:T1:CDESK \([^)]*\), slack:T1:CNEWS \([^)]*\)|channels {5}slack:T1:CNEWS \([^)]*\), slack:T1:CDESK \([^)]*\)/,
    );
    expect(JSON.parse((await run(["feed", "status", "1", "--json"])).out).subscribers).toEqual([
      expect.objectContaining({ channel: { platform: "slack", workspaceId: "T1", channelId: "CNEWS" }, addedBy: null }),
    ]);
  });

  it("the console started in a channel lists that channel's feeds first", async () => {
    const { code, out } = await run(["console", "--channel", "slack:T1:CNEWS"], ["/feed list"]);
    expect(code).toBe(0);
    expect(out.indexOf("In this channel (2):")).toBeGreaterThanOrEqual(0);
    expect(out.indexOf("one.example")).toBeLessThan(out.indexOf("Elsewhere in this install (1):"));
    expect(out.indexOf("Elsewhere in this install (1):")).toBeLessThan(out.indexOf("three.example"));
  });
});
