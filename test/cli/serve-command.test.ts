// `briefbot serve` as a real process: with no platform configured it says what to set and keeps
// polling until SIGTERM; a half-configured platform stops it with the missing variable named.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const MAIN = join(ROOT, "src/main.ts");
/** tsx's loader by absolute URL: the child runs in a temporary folder, where "tsx" would not resolve. */
const TSX = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;

function serve(env: Record<string, string>, dir: string) {
  const child = spawn(process.execPath, ["--import", TSX, MAIN, "serve"], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? "",
      BRIEFBOT_DATABASE: join(dir, "serve.db"),
      BRIEFBOT_LOG_LEVEL: "error",
      ...env,
    },
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const waitFor = async (pattern: RegExp): Promise<void> => {
    for (let i = 0; i < 200 && !pattern.test(stderr); i++) await new Promise((r) => setTimeout(r, 50));
  };
  return { child, exited, waitFor, stderr: () => stderr };
}

describe("briefbot serve", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "briefbot-serve-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("says what to set when no platform is configured, polls, and stops cleanly on SIGTERM", async () => {
    const run = serve({}, dir);
    await run.waitFor(/briefbot console/);
    expect(run.stderr()).toMatch(/SLACK_BOT_TOKEN and SLACK_APP_TOKEN/);
    expect(run.stderr()).toMatch(/DISCORD_TOKEN and DISCORD_APPLICATION_ID/);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  });

  it("refuses to start with a half-configured platform, naming what is missing", async () => {
    const run = serve({ DISCORD_TOKEN: "token-value-never-printed" }, dir);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toMatch(/DISCORD_APPLICATION_ID is missing/);
    expect(run.stderr()).not.toContain("token-value-never-printed");
    const slack = serve({ SLACK_BOT_TOKEN: "xoxb-secret-value" }, dir);
    expect(await slack.exited).toBe(1);
    expect(slack.stderr()).toMatch(/SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET/);
    expect(slack.stderr()).not.toContain("xoxb-secret-value");
  });
});
