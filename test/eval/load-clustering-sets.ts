// Loads the clustering development sets from the shared evaluation folder as ClusterDocuments
// with one gold label each: UCI News Aggregator headlines and WikiRef220 full texts.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ClusterDocument } from "../../src/briefing/stories/cluster-stories.js";
import { parseCsvRecords } from "./parse-csv.js";

export interface LabelledSet {
  name: string;
  docs: ClusterDocument[];
  labels: string[];
  note: string;
}

export const UCI_PATH = "clustering/uci-news-aggregator/uci_news_dev.csv";
export const WIKIREF_PATH = "clustering/wikiref-news-clustering/WikiRef220";

/** UCI: TITLE is the headline, PUBLISHER the source, TIMESTAMP (ms) the time, STORY the label. */
export async function loadUciNews(evalDir: string): Promise<LabelledSet> {
  const records = parseCsvRecords(await readFile(join(evalDir, UCI_PATH), "utf8"));
  const docs: ClusterDocument[] = [];
  const labels: string[] = [];
  for (const r of records) {
    const time = Number(r.TIMESTAMP);
    docs.push({
      id: r.ID ?? String(docs.length),
      title: r.TITLE ?? "",
      source: r.PUBLISHER,
      publishedAt: Number.isFinite(time) ? time : undefined,
    });
    labels.push(r.STORY ?? "");
  }
  return { name: "UCI News Aggregator dev (headlines)", docs, labels, note: "label = STORY" };
}

/** The five WikiRef220 topics with more than five articles; the readme calls the rest noise. */
const WIKIREF_TOPICS = new Set([
  "ParisAttacks2015",
  "premier.league",
  "malaysia.airlines.flight",
  "samsung.galaxy.s5",
  "michelle.obama",
]);

/** "premier.league.125.txt" and "ParisAttacks2015 (12).txt" → their topic. */
export function wikiRefTopic(fileName: string): string {
  return fileName
    .replace(/\.txt$/, "")
    .replace(/ \(\d+\)$/, "")
    .replace(/\.\d+$/, "");
}

/**
 * WikiRef220: the file name gives the topic; the first line is the title, the rest the text.
 * Files are Windows-1252. `noise` says how the 35 noise articles (topics of at most five
 * articles, per the readme) are labelled: "singletons" (the default and the target's reading)
 * scores each as its own label, so grouping it with anything costs precision; "topics" keeps
 * their small topics (the five Tohoku earthquake articles are one label), which is what a story
 * clusterer should find and is reported alongside.
 */
export async function loadWikiRef(
  evalDir: string,
  noise: "singletons" | "topics" = "singletons",
): Promise<LabelledSet> {
  const dir = join(evalDir, WIKIREF_PATH);
  const names = (await readdir(dir)).filter((n) => n.endsWith(".txt")).sort();
  const decoder = new TextDecoder("windows-1252");
  const docs: ClusterDocument[] = [];
  const labels: string[] = [];
  for (const name of names) {
    const raw = decoder.decode(await readFile(join(dir, name))).replace(/\r\n?/g, "\n");
    const newline = raw.indexOf("\n");
    const title = (newline < 0 ? raw : raw.slice(0, newline)).trim();
    const text = newline < 0 ? "" : raw.slice(newline + 1).trim();
    docs.push({ id: name, title, text });
    const topic = wikiRefTopic(name);
    labels.push(WIKIREF_TOPICS.has(topic) || noise === "topics" ? topic : `noise:${name}`);
  }
  return noise === "singletons"
    ? {
        name: "WikiRef220 (full texts)",
        docs,
        labels,
        note: "label = topic from the file name; each of the 35 noise articles its own singleton label",
      }
    : {
        name: "WikiRef220, noise topics as labels",
        docs,
        labels,
        note: "label = topic from the file name for every article, noise topics included (11 small topics)",
      };
}
