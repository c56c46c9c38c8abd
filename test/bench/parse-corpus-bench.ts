// `npx tsx test/bench/parse-corpus-bench.ts`: how long parseFeed takes on each file of the W3C
// Feed Validator test cases (../shared/eval/feeds, or BRIEFBOT_EVAL_DIR/feeds); prints the total,
// the median and the slowest five. The corpus test checks outcomes only; speed is measured here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseFeed } from "../../src/adapters/feeds/parse-feed.js";
import { decodeBody } from "../../src/adapters/http/decode-body.js";

const feedsDir = process.env.BRIEFBOT_EVAL_DIR
  ? path.resolve(process.env.BRIEFBOT_EVAL_DIR, "feeds")
  : path.resolve(import.meta.dirname, "../../../shared/eval/feeds");
const w3cDir = path.join(feedsDir, "w3c-feedvalidator-testcases/testcases");

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .sort();
}

const timings: Array<{ file: string; ms: number }> = [];
for (const file of walk(w3cDir)) {
  const text = decodeBody(readFileSync(file), null);
  const started = performance.now();
  try {
    parseFeed(text, "https://w3c.example/feed.xml");
  } catch {
    // Rejections are timed too: refusing a file must be as quick as reading one.
  }
  timings.push({ file: path.relative(w3cDir, file), ms: performance.now() - started });
}
const sorted = [...timings].sort((a, b) => b.ms - a.ms);
const total = timings.reduce((sum, t) => sum + t.ms, 0);
const median = sorted[Math.floor(sorted.length / 2)]?.ms ?? 0;
console.log(
  `W3C validator cases: ${timings.length} files, ${total.toFixed(0)} ms in all, median ${median.toFixed(2)} ms`,
);
for (const { file, ms } of sorted.slice(0, 5)) console.log(`  ${ms.toFixed(1)} ms  ${file}`);
