// `npm run bench:libraries`: each hand-written text tool against the maintained library for the same
// job, on this project's eval data, for correctness and speed in one run (decision 010 records it).
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { distance } from "fastest-levenshtein";
import { convert } from "html-to-text";
import { parseHTML } from "linkedom";
import sbd from "sbd";
import { stemmer } from "stemmer";
import { htmlToText } from "../../src/adapters/feeds/html-to-text.js";
import { editDistance } from "../../src/briefing/commands/edit-distance.js";
import { splitSentences } from "../../src/briefing/stories/split-sentences.js";
import { stem } from "../../src/briefing/stories/text/stem.js";
import { tokenize } from "../../src/briefing/stories/text/tokenize.js";

const EVAL_DIR = process.env.BRIEFBOT_EVAL_DIR ?? resolve(import.meta.dirname, "../../../shared/eval");
const BBC = join(EVAL_DIR, "summarization/bbc-news-summary/BBC News Summary");
const PAGES = join(EVAL_DIR, "extraction/readability-test-pages/test/test-pages");
const tty = process.stderr.isTTY === true;
const progress = (line: string) => tty && process.stderr.write(`${line}\n`);

function readText(path: string): string {
  const bytes = readFileSync(path);
  const text = bytes.toString("utf8");
  // One BBC file is not valid UTF-8 (the eval README says so): fall back to latin-1.
  return text.includes("\uFFFD") ? bytes.toString("latin1") : text;
}

/** Median operations per second of `run` over `rounds` timed rounds of `count` operations each. */
function opsPerSecond(count: number, run: () => void, rounds = 5): number {
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    run();
    rates.push(count / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  return rates.sort((a, b) => a - b)[Math.floor(rounds / 2)] ?? 0;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const pct = (n: number) => `${(100 * n).toFixed(1)}%`;

function bbcArticles(): Array<{ article: string; summary: string }> {
  const out: Array<{ article: string; summary: string }> = [];
  for (const category of readdirSync(join(BBC, "News Articles")).sort()) {
    for (const file of readdirSync(join(BBC, "News Articles", category)).sort()) {
      out.push({
        article: readText(join(BBC, "News Articles", category, file)),
        summary: readText(join(BBC, "Summaries", category, file)),
      });
    }
  }
  return out;
}

function compareStemmers(texts: string[]): void {
  progress("stemming: building the vocabulary and FTS5's porter stems...");
  const words = [...new Set(texts.flatMap((t) => tokenize(t)))].filter((w) => /^[a-z]+$/.test(w));
  const db = new Database(":memory:");
  db.exec("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'porter unicode61 remove_diacritics 2')");
  db.exec("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')");
  const insert = db.prepare("INSERT INTO t(rowid, x) VALUES (?, ?)");
  db.transaction(() =>
    words.forEach((w, i) => {
      insert.run(i + 1, w);
    }),
  )();
  const fts = new Map<number, string>();
  for (const row of db.prepare("SELECT doc, term FROM v").iterate() as Iterable<{ doc: number; term: string }>) {
    fts.set(row.doc, row.term);
  }
  db.close();
  let oursAgree = 0;
  let libraryAgree = 0;
  const libraryMisses: string[] = [];
  words.forEach((w, i) => {
    const reference = fts.get(i + 1);
    if (stem(w) === reference) oursAgree++;
    if (stemmer(w) === reference) libraryAgree++;
    else if (libraryMisses.length < 6) libraryMisses.push(`${w}: fts5 ${reference}, stemmer ${stemmer(w)}`);
  });
  const oursRate = opsPerSecond(words.length, () =>
    words.forEach((w) => {
      stem(w);
    }),
  );
  const libraryRate = opsPerSecond(words.length, () =>
    words.forEach((w) => {
      stemmer(w);
    }),
  );
  console.log(`\n## Stemming: agreement with SQLite FTS5's porter tokenizer (${fmt(words.length)} BBC words)`);
  console.log("| stemmer | same stem as FTS5 | words/s |\n|---|---:|---:|");
  console.log(`| ours (text/stem.ts) | ${pct(oursAgree / words.length)} | ${fmt(oursRate)} |`);
  console.log(`| stemmer 2 | ${pct(libraryAgree / words.length)} | ${fmt(libraryRate)} |`);
  console.log(`stemmer's first differences: ${libraryMisses.join("; ")}`);
}

function compareSentences(articles: Array<{ article: string; summary: string }>): void {
  progress("sentences: splitting 2,225 BBC articles both ways...");
  // The references are article sentences run together; the eval README's split recovers them.
  let references = 0;
  let oursFound = 0;
  let libraryFound = 0;
  for (const { article, summary } of articles) {
    const body = article.split("\n").slice(1).join("\n");
    const ours = new Set(splitSentences(body).map((s) => s.text.trim()));
    const library = new Set(
      body
        .split(/\n+/)
        .flatMap((paragraph) => sbd.sentences(paragraph, { newline_boundaries: true }))
        .map((s) => s.trim()),
    );
    for (const sentence of summary.split(/(?<=[.!?"])(?=[A-Z"])/)) {
      const wanted = sentence.trim();
      if (wanted.length < 20) continue;
      references++;
      if (ours.has(wanted)) oursFound++;
      if (library.has(wanted)) libraryFound++;
    }
  }
  const bodies = articles.map((a) => a.article);
  const chars = bodies.reduce((n, b) => n + b.length, 0);
  const oursRate = opsPerSecond(
    chars,
    () =>
      bodies.forEach((b) => {
        splitSentences(b);
      }),
    3,
  );
  const libraryRate = opsPerSecond(
    chars,
    () =>
      bodies.forEach((b) => {
        for (const p of b.split(/\n+/)) sbd.sentences(p, { newline_boundaries: true });
      }),
    3,
  );
  console.log(`\n## Sentences: reference sentences found whole (${fmt(references)} from BBC summaries)`);
  console.log("| splitter | found exactly | characters/s |\n|---|---:|---:|");
  console.log(`| ours (split-sentences.ts) | ${pct(oursFound / references)} | ${fmt(oursRate)} |`);
  console.log(`| sbd 1 (per paragraph) | ${pct(libraryFound / references)} | ${fmt(libraryRate)} |`);
}

function words(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

function overlapF1(candidate: string, reference: string): number {
  const a = words(candidate);
  const b = words(reference);
  let common = 0;
  let na = 0;
  let nb = 0;
  for (const n of a.values()) na += n;
  for (const n of b.values()) nb += n;
  for (const [w, n] of a) common += Math.min(n, b.get(w) ?? 0);
  if (na === 0 || nb === 0) return na === nb ? 1 : 0;
  return (2 * common) / (na + nb);
}

function compareHtmlToText(): void {
  progress("html to text: 130 Readability test pages...");
  const pages = readdirSync(PAGES)
    .sort()
    .map((name) => readFileSync(join(PAGES, name, "expected.html"), "utf8"));
  // Reference: the browser-style text of the page's DOM (what a reader sees, links as their words).
  const reference = pages.map((html) => parseHTML(`<html><body>${html}</body></html>`).document.body.textContent ?? "");
  const options = {
    wordwrap: false as const,
    selectors: [
      { selector: "a", options: { ignoreHref: true } },
      { selector: "img", format: "skip" },
    ],
  };
  let oursF1 = 0;
  let libraryF1 = 0;
  pages.forEach((html, i) => {
    oursF1 += overlapF1(htmlToText(html), reference[i] ?? "");
    libraryF1 += overlapF1(convert(html, options), reference[i] ?? "");
  });
  const bytes = pages.reduce((n, p) => n + p.length, 0);
  const oursRate = opsPerSecond(
    bytes,
    () =>
      pages.forEach((p) => {
        htmlToText(p);
      }),
    3,
  );
  const libraryRate = opsPerSecond(
    bytes,
    () =>
      pages.forEach((p) => {
        convert(p, options);
      }),
    3,
  );
  const nested = `${"<div>".repeat(20_000)}x${"</div>".repeat(20_000)}`;
  const hostile = (fn: () => void) => {
    const start = process.hrtime.bigint();
    try {
      fn();
      return `${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)} ms`;
    } catch (error) {
      return `throws (${error instanceof Error ? error.constructor.name : "error"})`;
    }
  };
  console.log(`\n## HTML to text: word overlap with the DOM's text (${pages.length} Readability expected pages)`);
  console.log("| converter | mean word F1 | bytes/s | 20,000 nested divs |\n|---|---:|---:|---:|");
  console.log(
    `| ours (html-to-text.ts) | ${(oursF1 / pages.length).toFixed(3)} | ${fmt(oursRate)} | ${hostile(() => htmlToText(nested))} |`,
  );
  console.log(
    `| html-to-text 9 | ${(libraryF1 / pages.length).toFixed(3)} | ${fmt(libraryRate)} | ${hostile(() => convert(nested, options))} |`,
  );
}

function compareEditDistance(vocabulary: string[]): void {
  progress("edit distance: 200,000 word pairs...");
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < 200_000; i++) {
    pairs.push([
      vocabulary[(i * 7919) % vocabulary.length] ?? "",
      vocabulary[(i * 104_729 + 13) % vocabulary.length] ?? "",
    ]);
  }
  const disagreements = pairs.filter(([a, b]) => editDistance(a, b) !== distance(a, b)).length;
  const oursRate = opsPerSecond(pairs.length, () =>
    pairs.forEach(([a, b]) => {
      editDistance(a, b);
    }),
  );
  const libraryRate = opsPerSecond(pairs.length, () =>
    pairs.forEach(([a, b]) => {
      distance(a, b);
    }),
  );
  console.log(`\n## Edit distance (${fmt(pairs.length)} BBC word pairs)`);
  console.log("| implementation | disagreements | pairs/s |\n|---|---:|---:|");
  console.log(`| ours (edit-distance.ts) | ${disagreements} | ${fmt(oursRate)} |`);
  console.log(`| fastest-levenshtein 1 | 0 (reference) | ${fmt(libraryRate)} |`);
}

const articles = bbcArticles();
console.log(
  `# Hand-written text tools against maintained libraries (${new Date().toISOString().slice(0, 10)}, Node ${process.version})`,
);
compareStemmers(articles.map((a) => a.article));
compareSentences(articles);
compareHtmlToText();
compareEditDistance([...new Set(articles.slice(0, 300).flatMap((a) => tokenize(a.article)))]);
