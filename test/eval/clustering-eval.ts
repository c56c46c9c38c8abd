// The clustering section of the evaluation: briefbot's clusterStories and the single-pass TF-IDF
// baseline (best threshold of a sweep, in the same run) on UCI headlines and WikiRef220 full
// texts, scored with B-cubed and ARI against the targets of issue 3.
import { clusterStories } from "../../src/briefing/stories/cluster-stories.js";
import { type ClusterScores, clusterScores, labelsFromGroups } from "./cluster-metrics.js";
import { type LabelledSet, loadUciNews, loadWikiRef } from "./load-clustering-sets.js";
import { baselineVectors, singlePassBaseline } from "./single-pass-baseline.js";

/** Thresholds the baseline is swept over; its best B-cubed F1 is reported. */
export const BASELINE_THRESHOLDS = Array.from({ length: 17 }, (_, i) => Math.round((0.1 + i * 0.05) * 100) / 100);

export interface Target {
  f1: number;
  precision?: number;
}

const TARGETS: Record<string, Target> = {
  uci: { f1: 0.65, precision: 0.85 },
  wikiref: { f1: 0.9 },
};

export interface SetResult {
  set: LabelledSet;
  briefbot: ClusterScores & { clusters: number; ms: number };
  baseline: ClusterScores & { clusters: number; threshold: number };
  target: Target;
}

function bestBaseline(set: LabelledSet): SetResult["baseline"] {
  const vectors = baselineVectors(set.docs);
  let best: SetResult["baseline"] | undefined;
  for (const threshold of BASELINE_THRESHOLDS) {
    const assignment = singlePassBaseline(vectors, threshold).map(String);
    const scores = clusterScores(set.labels, assignment);
    if (!best || scores.f1 > best.f1) best = { ...scores, clusters: new Set(assignment).size, threshold };
  }
  return best as SetResult["baseline"];
}

export function evaluateSet(set: LabelledSet, target: Target): SetResult {
  const started = performance.now();
  const groups = clusterStories(set.docs);
  const ms = performance.now() - started;
  const predicted = labelsFromGroups(
    set.docs.map((d) => d.id),
    groups,
  );
  return {
    set,
    briefbot: { ...clusterScores(set.labels, predicted), clusters: groups.length, ms },
    baseline: bestBaseline(set),
    target,
  };
}

const f = (x: number) => x.toFixed(3);

function verdict(scores: ClusterScores, target: Target): string {
  const f1Met = scores.f1 >= target.f1;
  const precisionMet = target.precision === undefined || scores.precision >= target.precision;
  const goal = `F1 ≥ ${target.f1}${target.precision === undefined ? "" : `, P ≥ ${target.precision}`}`;
  return `${f1Met && precisionMet ? "met" : "missed"} (${goal})`;
}

export function clusteringMarkdown(results: readonly SetResult[]): string {
  const lines = [
    "### Story clustering",
    "",
    "B-cubed precision, recall and F1 (item-averaged) and adjusted Rand index; baseline = single-pass",
    "TF-IDF centroid (title + text, stop words removed, Porter stems), best threshold of a sweep",
    `${BASELINE_THRESHOLDS[0]}–${BASELINE_THRESHOLDS[BASELINE_THRESHOLDS.length - 1]} computed in the same run; briefbot = \`clusterStories\` with default options.`,
    "",
    "| Set | Items | Gold clusters | System | Clusters | B³ P | B³ R | B³ F1 | ARI | Target |",
    "|---|---:|---:|---|---:|---:|---:|---:|---:|---|",
  ];
  for (const r of results) {
    const items = r.set.docs.length;
    const gold = new Set(r.set.labels).size;
    const b = r.briefbot;
    const s = r.baseline;
    lines.push(
      `| ${r.set.name} | ${items} | ${gold} | briefbot | ${b.clusters} | ${f(b.precision)} | ${f(b.recall)} | ${f(b.f1)} | ${f(b.ari)} | ${verdict(b, r.target)} |`,
      `| | | | baseline (t = ${s.threshold}) | ${s.clusters} | ${f(s.precision)} | ${f(s.recall)} | ${f(s.f1)} | ${f(s.ari)} | |`,
    );
  }
  lines.push(
    "",
    ...results.map((r) => `- ${r.set.name}: ${r.set.note}; briefbot ran in ${Math.round(r.briefbot.ms)} ms.`),
  );
  return `${lines.join("\n")}\n`;
}

/** Runs the clustering section over `evalDir` (the shared evaluation folder). */
export async function runClusteringEval(
  evalDir: string,
  progress: (line: string) => void,
): Promise<{ markdown: string }> {
  const results: SetResult[] = [];
  progress("clustering: loading UCI News Aggregator");
  const uci = await loadUciNews(evalDir);
  progress(`clustering: UCI (${uci.docs.length} headlines)`);
  results.push(evaluateSet(uci, TARGETS.uci as Target));
  progress("clustering: loading WikiRef220");
  const wikiref = await loadWikiRef(evalDir);
  progress(`clustering: WikiRef220 (${wikiref.docs.length} articles)`);
  results.push(evaluateSet(wikiref, TARGETS.wikiref as Target));
  results.push(evaluateSet(await loadWikiRef(evalDir, "topics"), TARGETS.wikiref as Target));
  return { markdown: clusteringMarkdown(results) };
}
