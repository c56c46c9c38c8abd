// `npm run eval [-- <evalDir>] [--only summarization,clustering,extraction,allsides,opinion,people]`: measures briefbot's quality on
// ../shared/eval (or BRIEFBOT_EVAL_DIR) with every baseline computed in the same run, prints the
// tables and writes them to docs/eval.md. Progress redraws on a terminal.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { runAllSidesEval } from "./allsides-eval.js";
import { runClusteringEval } from "./clustering-eval.js";
import { runExtractionEval } from "./extraction-eval.js";
import { runOpinionEval } from "./opinion-eval.js";
import { runPeopleFindingEval } from "./people-finding-eval.js";
import { runSummarizationEval } from "./summarization-eval.js";

const ROOT = resolve(import.meta.dirname, "../..");
const SECTIONS = {
  summarization: (dir: string, progress: (line: string) => void) => runSummarizationEval(dir, progress),
  clustering: (dir: string, progress: (line: string) => void) => runClusteringEval(dir, progress),
  extraction: (dir: string, progress: (line: string) => void) => runExtractionEval(dir, progress),
  allsides: (dir: string, progress: (line: string) => void) => runAllSidesEval(dir, progress),
  opinion: (dir: string, progress: (line: string) => void) => runOpinionEval(dir, progress),
  people: (dir: string, progress: (line: string) => void) => runPeopleFindingEval(dir, progress),
} as const;
type Section = keyof typeof SECTIONS;

const { values, positionals } = parseArgs({ options: { only: { type: "string" } }, allowPositionals: true });
const evalDir = resolve(positionals[0] ?? process.env.BRIEFBOT_EVAL_DIR ?? resolve(ROOT, "../shared/eval"));
if (!existsSync(evalDir)) {
  process.stderr.write(
    `No evaluation data at ${evalDir}. Put the shared folder beside the checkout, or pass its eval/ path: npm run eval -- /path/to/eval\n`,
  );
  process.exit(1);
}
const names = (values.only ? values.only.split(",") : Object.keys(SECTIONS)) as Section[];
for (const name of names) {
  if (!(name in SECTIONS)) {
    process.stderr.write(`Unknown section "${name}"; choose from ${Object.keys(SECTIONS).join(", ")}.\n`);
    process.exit(1);
  }
}

const tty = process.stderr.isTTY === true;
const parts: string[] = [];
const started = performance.now();
for (const name of names) {
  const t0 = performance.now();
  const { markdown } = await SECTIONS[name](evalDir, (line) => {
    if (tty) process.stderr.write(`\r\x1b[2K${name}: ${line}`);
  });
  if (tty) process.stderr.write("\r\x1b[2K");
  process.stderr.write(`${name}: done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  parts.push(markdown.trim());
}
const header = [
  "# briefbot evaluation",
  "",
  `Written by \`npm run eval\` (data: the shared eval sets; node ${process.version}; ${new Date().toISOString().slice(0, 10)}; ${((performance.now() - started) / 1000).toFixed(0)} s). Every baseline is computed in the same run. These sets are development data: the engine was tuned on them, so read the figures as regression guards, not as held-out results.`,
].join("\n");
const document = `${[header, ...parts].join("\n\n")}\n`;
process.stdout.write(`${document}`);
if (names.length === Object.keys(SECTIONS).length) {
  mkdirSync(resolve(ROOT, "docs"), { recursive: true });
  writeFileSync(resolve(ROOT, "docs/eval.md"), document);
  process.stderr.write("Wrote docs/eval.md\n");
}
