// The built briefbot holds V8's young generation at its starting size through start-up: a serve
// with Discord (discord.js loaded, the gateway connected to the fake) has not grown it, and once
// released, V8 grows it again as usual. Sizes are read from V8, not timed.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeDiscord } from "../support/fake-discord.js";

const ROOT = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "briefbot-young-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MB = 1024 * 1024;

/** The young generation's size in a `briefbot serve` with Discord configured, once it is serving. */
async function servingYoungGeneration(env: Record<string, string>): Promise<number> {
  const child = spawn(
    process.execPath,
    ["--import", join(ROOT, "test/support/heap-probe.mjs"), join(ROOT, "dist/main.js"), "serve"],
    {
      cwd: dir,
      env: { PATH: process.env.PATH, BRIEFBOT_DATABASE: join(dir, "serve.db"), BRIEFBOT_LOG_LEVEL: "error", ...env },
    },
  );
  let stderr = "";
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  try {
    return await new Promise<number>((resolveSize, reject) => {
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        const serving = !/Polling feeds/.test(stderr);
        stderr += chunk;
        if (serving && /Polling feeds/.test(stderr)) child.kill("SIGUSR2");
        const size = /^NEW_SPACE (\d+)$/m.exec(stderr)?.[1];
        if (size !== undefined) resolveSize(Number(size));
      });
      child.once("exit", (code) => reject(new Error(`serve exited (${code}) before serving:\n${stderr}`)));
    });
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

describe("the young generation through start-up", () => {
  it("is not grown by a serve that loads discord.js and connects to the gateway", async () => {
    const discord = await startFakeDiscord();
    try {
      const size = await servingYoungGeneration({
        DISCORD_TOKEN: "fake-bot-token",
        DISCORD_APPLICATION_ID: discord.applicationId,
        DISCORD_API_URL: discord.apiUrl,
      });
      // V8 starts it at 1 MB (two semi-spaces); start-up used to leave it at 32 MB here (16 MB
      // with no platform). Serving has begun when it is read, with V8's growth back (a few MB).
      expect(size).toBeLessThan(16 * MB);
    } finally {
      await discord.close();
    }
  });

  it("grows again as V8 decides once released", () => {
    // A bare node, so nothing else has grown it first: survivors while held, then after release.
    const script = `
      import { getHeapSpaceStatistics } from "node:v8";
      import { holdYoungGeneration, releaseYoungGeneration } from ${JSON.stringify(pathToFileURL(join(ROOT, "dist/cli/young-generation.js")).href)};
      const young = () => getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size;
      const kept = [];
      const survive = () => { for (let i = 0; i < 400_000; i++) kept.push({ i, s: "x" + i }); };
      holdYoungGeneration();
      survive();
      const held = young();
      releaseYoungGeneration();
      survive();
      console.log(JSON.stringify({ held, released: young() }));
    `;
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    const { held, released } = JSON.parse(result.stdout) as { held: number; released: number };
    // Held, V8 keeps it within one step of its 1 MB start; released, the same survivors grow it
    // towards its 32 MB maximum.
    expect(held).toBeLessThanOrEqual(2 * MB);
    expect(released).toBeGreaterThan(4 * MB);
  });
});
