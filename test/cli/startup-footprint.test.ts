// What the built `briefbot` loads for commands that do not need it: the chat SDKs, the feed parsers
// and the page extractor cost ingest and every other command tens of MB of peak memory at import.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "briefbot-footprint-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The npm packages `briefbot <args>` imports on its main thread. */
function packagesLoaded(args: string[]): Set<string> {
  const result = spawnSync(
    process.execPath,
    ["--import", join(ROOT, "test/support/package-trace.mjs"), join(ROOT, "dist/main.js"), ...args],
    { cwd: dir, encoding: "utf8", env: { PATH: process.env.PATH, BRIEFBOT_DATABASE: join(dir, "footprint.db") } },
  );
  expect(result.status, result.stderr).toBe(0);
  return new Set([...result.stderr.matchAll(/^PKG (\S+)$/gm)].map((m) => m[1] ?? ""));
}

/** The npm packages a `briefbot serve` with no chat platform configured has imported once it is serving. */
function packagesLoadedByServe(): Promise<Set<string>> {
  const child = spawn(
    process.execPath,
    ["--import", join(ROOT, "test/support/package-trace.mjs"), join(ROOT, "dist/main.js"), "serve"],
    {
      cwd: dir,
      env: { PATH: process.env.PATH, BRIEFBOT_DATABASE: join(dir, "serve.db"), BRIEFBOT_LOG_LEVEL: "error" },
    },
  );
  let stderr = "";
  return new Promise((resolvePackages, reject) => {
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
      // Printed after every configured platform was created: all their imports are done.
      if (!stderr.includes("No chat platform is configured")) return;
      child.kill("SIGINT");
      resolvePackages(new Set([...stderr.matchAll(/^PKG (\S+)$/gm)].map((m) => m[1] ?? "")));
    });
    child.once("exit", (code) => reject(new Error(`serve exited (${code}) before serving:\n${stderr}`)));
  });
}

const HEAVY = ["@slack/bolt", "@slack/web-api", "discord.js", "feedsmith", "@mozilla/readability", "linkedom"];

describe("the built briefbot's start-up footprint", () => {
  it("loads no chat SDK, feed parser or page extractor for `feed list` (as for ingest)", () => {
    const loaded = packagesLoaded(["feed", "list"]);
    expect(loaded.has("better-sqlite3")).toBe(true); // the trace works: the store was loaded
    expect(HEAVY.filter((name) => loaded.has(name))).toEqual([]);
  });

  it("loads no npm package at all for `--help` and `help feed` (start-up within 3x a bare node)", () => {
    expect([...packagesLoaded(["--help"])]).toEqual([]);
    expect([...packagesLoaded(["help", "feed"])]).toEqual([]);
  });

  it("loads no chat SDK for a `serve` with no chat platform configured (idle serve under 120 MB)", async () => {
    const loaded = await packagesLoadedByServe();
    expect(loaded.has("better-sqlite3")).toBe(true); // the trace works: the store was loaded
    expect(HEAVY.filter((name) => loaded.has(name))).toEqual([]);
  });

  it("loads the feed parser when a command parses on the main thread", () => {
    const loaded = packagesLoaded(["feed", "inspect", join(ROOT, "examples/feeds/news-one-mexico.xml")]);
    expect(loaded.has("feedsmith")).toBe(true);
  });
});
