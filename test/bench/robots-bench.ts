// `npx tsx test/bench/robots-bench.ts`: our robots.txt matcher against robots-parser on the shared
// correctness cases (test/adapters/articles/robots-cases.ts) and on hostile wildcard rules; the
// figures behind docs/decisions/011-robots-txt-matching.md.
import { createRequire } from "node:module";
import { isAllowed, parseRobotsTxt } from "../../src/adapters/articles/robots-txt.js";
import { hostilePath, hostileRobots, ROBOTS_CASES } from "../adapters/articles/robots-cases.js";

interface RobotsParser {
  isAllowed(url: string, ua?: string): boolean | undefined;
}
const robotsParser = createRequire(import.meta.url)("robots-parser") as (url: string, text: string) => RobotsParser;
const BASE = "https://example.test";

const ours = (text: string, path: string) => isAllowed(parseRobotsTxt(text), path);
const library = (text: string, path: string) =>
  robotsParser(`${BASE}/robots.txt`, text).isAllowed(`${BASE}${path}`, "briefbot/0.1") !== false;

for (const [name, decide] of [
  ["ours", ours],
  ["robots-parser 3.0.1", library],
] as const) {
  const failed = ROBOTS_CASES.filter((c) => decide(c.robots, c.path) !== c.allowed).map((c) => c.name);
  console.log(`${name}: ${ROBOTS_CASES.length - failed.length}/${ROBOTS_CASES.length} cases`);
  for (const name of failed) console.log(`  fails: ${name}`);
}

function time(decide: (text: string, path: string) => boolean, text: string, path: string, runs: number): number {
  const start = performance.now();
  for (let i = 0; i < runs; i++) decide(text, path);
  return (performance.now() - start) / runs;
}

const cases: [string, string, string][] = [
  ["issue: 22 wildcards, 60-char path", hostileRobots(22), hostilePath(60)],
  ["200 wildcards, 2,000-char path", hostileRobots(200), hostilePath(2_000)],
  [
    "500 KiB of wildcard rules, 2,000-char path",
    `User-agent: *\n${`Disallow: /${"*a".repeat(50)}*b\n`.repeat(5_000)}`,
    hostilePath(2_000),
  ],
];
for (const [label, text, path] of cases) {
  const runs = text.length > 100_000 ? 3 : 200;
  const a = time(ours, text, path, runs);
  const b = time(library, text, path, runs);
  console.log(`${label}: ours ${a.toFixed(3)} ms, robots-parser ${b.toFixed(3)} ms (parse + match, mean of ${runs})`);
}
