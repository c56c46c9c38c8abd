// The core's purity, enforced: src/briefing never reads the clock, randomness or the process, nor loads
// modules dynamically. Which modules it may import is checked by resolved path in test/architecture.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const CORE = join(import.meta.dirname, "../../src/briefing");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

/** Strips comments and string contents other than import specifiers would be overkill: comments suffice. */
function code(path: string): string {
  return readFileSync(path, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "");
}

const ALLOWED_IMPORT = /^(zod|\.{1,2}\/.*)$/;
const FORBIDDEN_CALLS: Array<[RegExp, string]> = [
  [/\bDate\.now\s*\(/, "reads the clock (use the Clock port)"],
  [/\bnew Date\s*\(\s*\)/, "reads the clock (use the Clock port)"],
  [/\bperformance\.now\s*\(/, "reads the clock (use the Clock port)"],
  [/\bMath\.random\s*\(/, "uses unseeded randomness (take `random` in deps)"],
  [/\bprocess\./, "reads the process (config comes in through deps)"],
  [/\brequire\s*\(/, "loads modules dynamically"],
  [/\bimport\s*\(/, "loads modules dynamically"],
  [/\bfetch\s*\(/, "makes HTTP requests (use a port)"],
];

function violations(path: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\s+["']([^"']+)["']/g)) {
    const specifier = match[1] ?? match[2] ?? "";
    if (!ALLOWED_IMPORT.test(specifier)) found.push(`${path}: imports "${specifier}"`);
  }
  for (const [pattern, why] of FORBIDDEN_CALLS) if (pattern.test(text)) found.push(`${path}: ${why}`);
  return found;
}

describe("core boundary", () => {
  const files = sources(CORE);

  it("finds the core's sources", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it("imports zod and itself only, and never reads the clock or randomness", () => {
    const found = files.flatMap((file) => violations(file.slice(CORE.length + 1), code(file)));
    expect(found).toEqual([]);
  });

  it("catches each kind of violation (the check itself can fail)", () => {
    const bad = [
      'import Database from "better-sqlite3";',
      'import { readFileSync } from "node:fs";',
      'import { App } from "@slack/bolt";',
      'import { Client } from "discord.js";',
      'import { request } from "undici";',
      'export { x } from "pg";',
      'import "node:http";',
      "const t = Date.now();",
      "const d = new Date();",
      "const r = Math.random();",
      "const e = process.env.X;",
      'const m = await import("node:fs");',
      'await fetch("https://example.com");',
    ];
    for (const line of bad) expect(violations("x.ts", line), line).not.toEqual([]);
    expect(
      violations("x.ts", 'import { z } from "zod";\nimport type { Feed } from "./feed.js";\nnew Date(ms);'),
    ).toEqual([]);
  });
});
