// Runs the summarization section alone and prints its table: `npx tsx test/eval/run-summarization.ts [evalDir]`.
// The full harness (`npm run eval`) calls runSummarizationEval itself; this is for quick iterations.
import { resolve } from "node:path";
import { runSummarizationEval } from "./summarization-eval.js";

const evalDir =
  process.argv[2] ?? process.env.BRIEFBOT_EVAL_DIR ?? resolve(import.meta.dirname, "../../../shared/eval");
const started = performance.now();
const tty = process.stderr.isTTY === true;
const { markdown } = await runSummarizationEval(evalDir, (line) => {
  if (tty) process.stderr.write(`\r\x1b[2K${line}`);
});
if (tty) process.stderr.write("\r\x1b[2K");
process.stdout.write(markdown);
process.stdout.write(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
