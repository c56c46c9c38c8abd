// The opinion section of the evaluation: opinion detection on the AllSides opinion-vs-news dev set
// (2,000 articles), accuracy and F1 of the product's classifier (when it exists) and of a
// URL-words baseline computed in the same run.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";

/** What the classifier is given: what a feed offers about an item. */
export interface ArticleKindInput {
  title: string;
  url: string | null;
  text: string;
  /** The outlet or the feed's title. */
  outlet: string | null;
  categories: string[];
}
export interface ArticleKind {
  kind: "news" | "opinion" | "other";
  reason: string;
}
type Classifier = (input: ArticleKindInput) => ArticleKind;

const RowSchema = z.object({
  ID: z.string(),
  source: z.string(),
  url: z.string(),
  title: z.string(),
  content_original: z.string(),
  label: z.enum(["opinion", "news"]),
});
type Row = z.infer<typeof RowSchema>;

export function loadOpinionSet(evalDir: string): Row[] {
  return readFileSync(join(evalDir, "stories/allsides/opinion_vs_news_dev.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => RowSchema.parse(JSON.parse(line)));
}

/** Path words that mark opinion sections across outlets (the baseline). */
const OPINION_PATH_WORDS = new Set([
  "opinion",
  "opinions",
  "editorial",
  "editorials",
  "commentisfree",
  "column",
  "columns",
  "columnists",
  "analysis",
  "blog",
  "blogs",
  "commentary",
  "op-ed",
  "oped",
  "op-eds",
]);

/** The baseline: opinion when a word of the URL's path is an opinion-section word. */
export function urlWordsBaseline(input: ArticleKindInput): ArticleKind {
  let path = "";
  try {
    path = new URL(input.url ?? "").pathname.toLowerCase();
  } catch {
    return { kind: "news", reason: "no URL" };
  }
  const hit = path.split(/[/_.]+/).find((w) => OPINION_PATH_WORDS.has(w));
  return hit
    ? { kind: "opinion", reason: `URL path word "${hit}"` }
    : { kind: "news", reason: "no opinion word in URL" };
}

const CLASSIFIER_PATH = resolve(import.meta.dirname, "../../src/briefing/stories/classify-article-kind.ts");

/** The product's classifier, once the cards work has landed it; undefined until then. */
async function loadClassifier(): Promise<Classifier | undefined> {
  if (!existsSync(CLASSIFIER_PATH)) return undefined;
  const module = (await import(pathToFileURL(CLASSIFIER_PATH).href)) as { classifyArticleKind?: Classifier };
  return module.classifyArticleKind;
}

export interface OpinionScores {
  system: string;
  articles: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
}

export function scoreClassifier(system: string, rows: readonly Row[], classify: Classifier): OpinionScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let correct = 0;
  for (const row of rows) {
    const predicted = classify({
      title: row.title,
      url: row.url,
      text: row.content_original,
      outlet: row.source,
      categories: [],
    }).kind;
    const opinion = predicted === "opinion";
    const truth = row.label === "opinion";
    if (opinion === truth) correct++;
    if (opinion && truth) tp++;
    if (opinion && !truth) fp++;
    if (!opinion && truth) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return {
    system,
    articles: rows.length,
    accuracy: rows.length ? correct / rows.length : 0,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
  };
}

const f3 = (x: number) => x.toFixed(3);

export function opinionMarkdown(rows: readonly OpinionScores[], classifierMissing: boolean): string {
  return [
    "### Opinion detection (AllSides opinion vs news, dev)",
    "",
    "Opinion is the positive class. Input per article: title, URL, text and outlet name (the set has no feed categories). Baseline: opinion-section words in the URL path (test/eval/opinion-eval.ts), same run.",
    "",
    "| System | Articles | Accuracy | Precision | Recall | F1 |",
    "|---|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) => `| ${r.system} | ${r.articles} | ${f3(r.accuracy)} | ${f3(r.precision)} | ${f3(r.recall)} | ${f3(r.f1)} |`,
    ),
    ...(classifierMissing ? ["", "briefbot's classifier (classifyArticleKind) is not in this checkout yet."] : []),
    "",
  ].join("\n");
}

export async function runOpinionEval(
  evalDir: string,
  progress: (line: string) => void,
): Promise<{ markdown: string; rows: OpinionScores[] }> {
  progress("opinion: loading");
  const data = loadOpinionSet(evalDir);
  const classifier = await loadClassifier();
  const rows: OpinionScores[] = [];
  if (classifier) {
    rows.push(scoreClassifier("briefbot classifyArticleKind", data, classifier));
    // The set's outlet names often spell the section ("Fox News Opinion"); a feed's title may not.
    // Without them, the figure shows what the prose, title and URL alone give.
    const withoutOutlet: Classifier = (input) => classifier({ ...input, outlet: null });
    rows.push(scoreClassifier("briefbot classifyArticleKind, no outlet name", data, withoutOutlet));
  }
  rows.push(scoreClassifier("URL words", data, urlWordsBaseline));
  return { markdown: opinionMarkdown(rows, !classifier), rows };
}
