// Runs the clustering evaluation alone and prints its Markdown table: `npx tsx test/eval/run-clustering.ts [evalDir]`.
// The data folder defaults to ../shared/eval beside the checkout, or BRIEFBOT_EVAL_DIR.
import { resolve } from "node:path";
import { runClusteringEval } from "./clustering-eval.js";

const repoRoot = resolve(import.meta.dirname, "../..");
const evalDir = process.argv[2] ?? process.env.BRIEFBOT_EVAL_DIR ?? resolve(repoRoot, "../shared/eval");
const { markdown } = await runClusteringEval(evalDir, (line) => process.stderr.write(`${line}\n`));
process.stdout.write(markdown);
