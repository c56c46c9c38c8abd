// bench:brief's corpus at any size: distinct synthetic stories built from the BBC News Summary
// articles (names, numbers and body sentences mixed across articles), each told by a few feeds.
import type { NewArticle } from "../../src/briefing/article.js";
import { compiled } from "./compiled.js";

type Module<T> = Promise<T>;
const { contentHash } = await (compiled("adapters/feeds/normalize-article") as Module<
  typeof import("../../src/adapters/feeds/normalize-article.js")
>);

const DAY = 86_400_000;

/**
 * Articles published per day, the same at every size: a store grows by keeping more days, not by
 * a busier week. 1,430 a day puts 1% of 1,000,000 articles (10,000) in a 7-day window; a store of
 * 10,000 spans just the week.
 */
export const ARTICLES_PER_DAY = 1_430;

interface Source {
  title: string;
  /** Sentences of the text, in order. */
  sentences: string[];
  /** Capitalized words inside sentences (not sentence-initial): names of people, places, bodies. */
  names: string[];
}

export interface StoryCorpus {
  sources: Source[];
  /** Every name of the corpus, sorted, to draw substitutes from. */
  namePool: string[];
}

/** A small deterministic hash (FNV-1a) of a few integers. */
function mix(...values: number[]): number {
  let h = 0x811c9dc5;
  for (const v of values) {
    h ^= v & 0xffff;
    h = Math.imul(h, 0x01000193);
    h ^= v >>> 16;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const SENTENCE_END = /(?<=[.!?]["']?)\s+(?=["'A-Z0-9])/;
const NAME = /(?<=[a-z,;:]\s)[A-Z][a-z]{2,}/g;
const NUMBER = /\b\d+\b/g;
const WORD_IN_TITLE = /\b[A-Z][a-z]{2,}\b/g;

export function storyCorpus(docs: ReadonlyArray<{ title: string; text: string }>): StoryCorpus {
  const pool = new Set<string>();
  const sources = docs.map((doc) => {
    const sentences = doc.text
      .split(/\n+/)
      .flatMap((paragraph) => paragraph.split(SENTENCE_END))
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    const names = [...new Set(doc.text.match(NAME) ?? [])];
    for (const name of names) pool.add(name);
    return { title: doc.title, sentences, names };
  });
  return { sources, namePool: [...pool].sort() };
}

/** Story k: its title and sentences. Story k < sources is a BBC article as it is; later ones are variants. */
function story(corpus: StoryCorpus, k: number): { title: string; sentences: string[] } {
  const count = corpus.sources.length;
  const base = corpus.sources[k % count] as Source;
  const variant = Math.floor(k / count);
  if (variant === 0) return { title: base.title, sentences: base.sentences };
  // Every name of the base article becomes another name of the corpus, the same one throughout
  // the story; numbers shift; every third body sentence comes from another article.
  const names = new Map<string, string>();
  for (const name of base.names)
    names.set(
      name,
      corpus.namePool[mix(k, name.length, name.charCodeAt(0), name.charCodeAt(1)) % corpus.namePool.length] as string,
    );
  const rename = (text: string) =>
    text
      .replace(WORD_IN_TITLE, (w) => names.get(w) ?? w)
      .replace(NUMBER, (n) => String(Number(n) + (variant % 97) + 1));
  const other = corpus.sources[mix(k, 7) % count] as Source;
  const sentences = base.sentences.map((s, i) =>
    i >= 2 && i % 3 === 2 && other.sentences.length > 0
      ? rename(other.sentences[(i + variant) % other.sentences.length] as string)
      : rename(s),
  );
  // A title with no name of the text still tells variants apart by its number.
  const title = rename(base.title);
  return {
    title: title === base.title ? `${title}: ${variant + 1} ${names.values().next().value ?? ""}`.trim() : title,
    sentences,
  };
}

/** Reports per story: 1 to 5, most stories told by two or three feeds. */
function reportsOf(k: number): number {
  return [1, 2, 2, 3, 3, 3, 4, 5][mix(k, 3) % 8] as number;
}

export interface StoryPlan {
  corpus: StoryCorpus;
  total: number;
  feeds: number;
  /** The newest article's date is just before this; the oldest is total / ARTICLES_PER_DAY days earlier. */
  endsAt: number;
  /**
   * The articles are the newest `total` of a sequence this long (default `total`): stores of
   * several sizes made from one sequence hold the same newest week, so they differ in size only.
   */
  sequence?: number;
}

/**
 * The articles in order (oldest first), generated lazily: consecutive articles tell one story,
 * within an hour or two of each other. The sequence's older articles are skipped unbuilt.
 */
export function* storyArticles(plan: StoryPlan): Generator<NewArticle> {
  const sequence = Math.max(plan.total, plan.sequence ?? plan.total);
  const first = sequence - plan.total;
  const whole = { ...plan, total: sequence };
  let n = 0;
  for (let k = 0; n < sequence; k++) {
    const reports = reportsOf(k);
    if (n + reports <= first) {
      n += reports;
      continue;
    }
    const s = story(plan.corpus, k);
    for (let r = 0; r < reports && n < sequence; r++, n++) if (n >= first) yield report(whole, s, k, r, n);
  }
}

function report(
  plan: StoryPlan,
  s: { title: string; sentences: string[] },
  k: number,
  r: number,
  n: number,
): NewArticle {
  // Each outlet tells it its own way: its own headline, a sentence left out, the rest in order.
  const dropped = r === 0 ? -1 : 1 + (mix(k, r) % Math.max(1, s.sentences.length - 1));
  const sentences = s.sentences.filter((_, i) => i !== dropped);
  const lead = sentences[0] ?? s.title;
  const title = r === 0 ? s.title : r % 2 === 1 ? lead.split(" ").slice(0, 12).join(" ") : `${s.title} - update ${r}`;
  const text = sentences.join(" ").replace(/([.!?]) (?=[A-Z])/g, (m, p, offset) => (offset % 5 === 0 ? `${p}\n\n` : m));
  const publishedAt = plan.endsAt - Math.floor(((plan.total - n) / ARTICLES_PER_DAY) * DAY);
  const url = `https://feed${n % plan.feeds}.bench.example/stories/${k}/${r}`;
  return {
    url,
    guid: `${k}-${r}`,
    title,
    author: null,
    publishedAt,
    publishedAtEstimated: false,
    fetchedAt: publishedAt,
    summary: null,
    text,
    contentHash: contentHash(title, text, url),
    language: "en",
  };
}
