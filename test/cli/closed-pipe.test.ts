// The CLI whose reader closes the pipe early (`briefbot export | head`) stops quietly with 0, as a
// Unix tool does, instead of an unhandled EPIPE and a stack trace.
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const MAIN = join(resolve(import.meta.dirname, "../.."), "dist/main.js");

describe("a closed standard output", () => {
  it("ends the command quietly with exit code 0", async () => {
    const child = spawn(process.execPath, [MAIN, "summarize"], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // The reader is gone before the first answer: every write of the command fails with EPIPE.
    child.stdout.destroy();
    const text = "The minister said on Monday that the talks would resume in the capital next week. ".repeat(5);
    const lines = Array.from({ length: 3000 }, (_, i) => `${JSON.stringify({ id: String(i), text })}\n`);
    child.stdin.on("error", () => {});
    child.stdin.end(lines.join(""));
    const code = await new Promise<number | null>((done) => child.on("close", (c) => done(c)));
    expect(stderr).not.toMatch(/EPIPE|Unhandled|at /);
    expect(code).toBe(0);
  });
});
