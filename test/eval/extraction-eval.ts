// The extraction section of the evaluation: briefbot's page extraction (extractArticle:
// Readability on linkedom) on the Zyte article-extraction benchmark, scored with the benchmark's
// own shingle metric beside its stored Readability.js and trafilatura outputs (re-scored in the
// same run), and on Mozilla Readability's test pages (text similarity, title and byline accuracy).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { extractArticle } from "../../src/adapters/articles/extract-article.js";
import { judgePage } from "../../src/adapters/articles/page-quality.js";
import { htmlToText } from "../../src/adapters/feeds/html-to-text.js";
import { decodeBody } from "../../src/adapters/http/decode-body.js";
import { type ExtractionScores, extractionScores, pageF1 } from "./shingle-metrics.js";

/** Published body F1 of the benchmark's README, for the table. */
const PUBLISHED = { "Readability.js": 0.947, trafilatura: 0.958 } as const;
const TARGET_F1 = 0.94;
/** The URL the Readability test pages assume. */
const FAKE_URL = "http://fakehost/test/page.html";

const BodySchema = (value: unknown): Record<string, { articleBody?: string; url?: string }> => {
  if (value === null || typeof value !== "object") throw new Error("expected a JSON object of pages");
  return value as Record<string, { articleBody?: string; url?: string }>;
};

function readPage(dir: string, key: string): string {
  const gz = join(dir, "html", `${key}.html.gz`);
  const bytes = existsSync(gz) ? gunzipSync(readFileSync(gz)) : readFileSync(join(dir, "html", `${key}.html`));
  // The same decoding as a fetched page: BOM, then <meta charset>, then UTF-8.
  return decodeBody(bytes, null);
}

interface ZyteResult {
  pages: number;
  ms: number;
  briefbot: ExtractionScores;
  baselines: Array<{ name: keyof typeof PUBLISHED; scores: ExtractionScores | null }>;
  worst: Array<{ key: string; f1: number; url: string }>;
  /** Real article pages the page-quality check would not use (it keeps the feed's text instead). */
  refused: Array<{ host: string; reason: string }>;
}

function zyte(dir: string, progress: (line: string) => void): ZyteResult {
  const truth = BodySchema(JSON.parse(readFileSync(join(dir, "ground-truth.json"), "utf8")));
  const keys = Object.keys(truth).sort();
  const pages: Array<{ key: string; truth: string; predicted: string; url: string }> = [];
  let ms = 0;
  const refused: ZyteResult["refused"] = [];
  for (const [i, key] of keys.entries()) {
    const html = readPage(dir, key);
    const url = truth[key]?.url ?? "http://example.com/";
    const started = performance.now();
    const page = extractArticle(html, url);
    ms += performance.now() - started;
    pages.push({ key, truth: truth[key]?.articleBody ?? "", predicted: page.text, url });
    const verdict = judgePage(page, "");
    if (!verdict.usable) refused.push({ host: new URL(url).host, reason: verdict.reason });
    if (i % 10 === 0) progress(`zyte ${i}/${keys.length}`);
  }
  const stored = (file: string): ExtractionScores | null => {
    const path = join(dir, "output", file);
    if (!existsSync(path)) return null;
    // Newer outputs wrap the pages: {"output": {...}, "version": "..."}.
    const parsed = JSON.parse(readFileSync(path, "utf8")) as { output?: unknown; version?: unknown };
    const output = BodySchema(typeof parsed.version === "string" ? parsed.output : parsed);
    return extractionScores(
      keys.map((key) => ({ truth: truth[key]?.articleBody ?? "", predicted: output[key]?.articleBody ?? "" })),
    );
  };
  const worst = pages
    .map((p) => ({ key: p.key, f1: pageF1(p.truth, p.predicted), url: p.url }))
    .sort((a, b) => a.f1 - b.f1)
    .slice(0, 5);
  return {
    pages: pages.length,
    ms,
    briefbot: extractionScores(pages),
    baselines: [
      { name: "Readability.js", scores: stored("readability_js.json") },
      { name: "trafilatura", scores: stored("trafilatura.json") },
    ],
    worst,
    refused,
  };
}

interface TestPagesResult {
  pages: number;
  meanF1: number;
  atLeast90: number;
  titleAccuracy: number;
  bylineAccuracy: number;
  titleMisses: string[];
  bylineMisses: string[];
}

const norm = (value: unknown): string | null =>
  typeof value === "string" && value.trim() !== "" ? value.replace(/\s+/g, " ").trim() : null;

function testPages(dir: string, progress: (line: string) => void): TestPagesResult {
  const root = existsSync(join(dir, "test", "test-pages")) ? join(dir, "test", "test-pages") : dir;
  const names = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, "source.html")))
    .map((e) => e.name)
    .sort();
  let f1Sum = 0;
  let atLeast90 = 0;
  let titles = 0;
  let bylines = 0;
  const titleMisses: string[] = [];
  const bylineMisses: string[] = [];
  for (const [i, name] of names.entries()) {
    const source = readFileSync(join(root, name, "source.html"), "utf8");
    const expected = htmlToText(readFileSync(join(root, name, "expected.html"), "utf8"));
    const metadata = JSON.parse(readFileSync(join(root, name, "expected-metadata.json"), "utf8")) as Record<
      string,
      unknown
    >;
    const page = extractArticle(source, FAKE_URL);
    const f1 = pageF1(expected, page.text);
    f1Sum += f1;
    if (f1 >= 0.9) atLeast90 += 1;
    if (norm(metadata.title) === norm(page.title)) titles += 1;
    else titleMisses.push(name);
    if (norm(metadata.byline) === norm(page.byline)) bylines += 1;
    else bylineMisses.push(name);
    if (i % 10 === 0) progress(`readability test pages ${i}/${names.length}`);
  }
  const n = Math.max(1, names.length);
  return {
    pages: names.length,
    meanF1: f1Sum / n,
    atLeast90,
    titleAccuracy: titles / n,
    bylineAccuracy: bylines / n,
    titleMisses,
    bylineMisses,
  };
}

const f = (x: number) => x.toFixed(3);

export async function runExtractionEval(
  evalDir: string,
  progress: (line: string) => void,
): Promise<{ markdown: string }> {
  const zyteDir = join(evalDir, "extraction", "zyte-article-extraction-benchmark");
  const pagesDir = join(evalDir, "extraction", "readability-test-pages");
  const z = zyte(zyteDir, progress);
  const t = testPages(pagesDir, progress);
  const row = (name: string, s: ExtractionScores | null, published: string, note: string) =>
    s === null
      ? `| ${name} | - | - | - | - | ${published} | ${note} |`
      : `| ${name} | ${f(s.precision)} | ${f(s.recall)} | **${f(s.f1)}** | ${f(s.accuracy)} | ${published} | ${note} |`;
  const markdown = [
    "## Article extraction",
    "",
    `### Zyte article-extraction benchmark (${z.pages} pages)`,
    "",
    "Metric: the benchmark's own (evaluate.py): 4-token shingles of `\\w+` tokens, per-page counts normalized, " +
      "precision and recall averaged over pages, F1 from the averages; accuracy = identical token sequence. " +
      "Baselines: the benchmark's stored outputs, re-scored here with the same code.",
    "",
    "| extractor | precision | recall | F1 | accuracy | published F1 | note |",
    "|---|---|---|---|---|---|---|",
    row(
      "briefbot (Readability 0.6 on linkedom 0.18.14)",
      z.briefbot,
      "-",
      `target ≥ ${TARGET_F1}: ${z.briefbot.f1 >= TARGET_F1 ? "met" : "NOT met"}; ${(z.ms / z.pages).toFixed(1)} ms/page on one thread`,
    ),
    ...z.baselines.map((b) => row(`${b.name} (stored output)`, b.scores, String(PUBLISHED[b.name]), "")),
    "",
    `Page-quality check (walls, paywalls, error pages) on these ${z.pages} real articles: ${z.pages - z.refused.length} would be used, ` +
      `${z.refused.length} would keep the feed's text: ${z.refused.map((r) => `${r.host} (${r.reason})`).join("; ") || "none"}.`,
    "",
    `Lowest pages (F1): ${z.worst.map((w) => `${w.key.slice(0, 8)} ${f(w.f1)} (${new URL(w.url).host})`).join("; ")}.`,
    "",
    `### Mozilla Readability test pages (${t.pages} pages, URL ${FAKE_URL})`,
    "",
    "| measure | value |",
    "|---|---|",
    `| text similarity to expected.html (mean shingle F1, same metric) | ${f(t.meanF1)} |`,
    `| pages with similarity ≥ 0.9 | ${t.atLeast90} / ${t.pages} |`,
    `| title exactly as expected-metadata.json (whitespace folded) | ${f(t.titleAccuracy)} |`,
    `| byline exactly as expected-metadata.json (null = null) | ${f(t.bylineAccuracy)} |`,
    "",
    `Title misses: ${t.titleMisses.join(", ") || "none"}. Byline misses: ${t.bylineMisses.join(", ") || "none"}.`,
  ].join("\n");
  return { markdown };
}
