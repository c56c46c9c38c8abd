// Groups articles into stories: reports of one event from several outlets, syndicated copies and
// updates become one group. TF-IDF over the candidate set (titles and leads above bodies, names
// up), single-pass assignment to story centroids within a time window, then a merge pass.
import { contentTerms } from "./text/content-terms.js";
import { stem } from "./text/stem.js";
import { isStopWord } from "./text/stop-words.js";
import { capitalizedRuns, tokenize } from "./text/tokenize.js";

export interface ClusterDocument {
  id: string;
  title: string;
  text?: string;
  source?: string;
  /** Publication time, epoch milliseconds. Without it, time does not constrain the document. */
  publishedAt?: number;
  /**
   * prepareDocument(title, text) computed earlier (at ingest, stored with the article): used instead
   * of tokenizing again when the options that shape it (leadTerms, maxBodyTerms, maxTextChars) are
   * the defaults. It must be of this document's title and text.
   */
  features?: DocumentFeatures;
}

/**
 * Tuning knobs; the defaults serve headlines, full texts and /brief alike. A similarity threshold
 * for a comparison is `threshold + bonus / sqrt(terms)`, `terms` being the size of the document's
 * vector (a story's: its members' mean): sharing one word makes two headlines look alike, so
 * short texts need more overlap to count as evidence, while a 60-term full text that shares a
 * fifth of its weight with a story is already a strong sign.
 */
export interface ClusterOptions {
  /** Base cosine to a story's centroid from which a document joins the story. */
  assignThreshold?: number;
  /** Added to assignThreshold, divided by the square root of the document's vector size. */
  shortBonus?: number;
  /** Base cosine between two stories' centroids from which the merge pass joins them. */
  mergeThreshold?: number;
  /** shortBonus of the merge pass (centroids of several documents are steadier than one). */
  mergeShortBonus?: number;
  /** Documents further apart than this (ms) never share a story. */
  timeWindowMs?: number;
  /** Relative weights of a document's parts: the title and lead say what the story is. */
  titleWeight?: number;
  leadWeight?: number;
  bodyWeight?: number;
  /** Content terms that make up the lead: roughly the first two sentences. */
  leadTerms?: number;
  /** Body terms beyond this add noise (related links, boilerplate) and cost, not evidence. */
  maxBodyTerms?: number;
  /** Only the start of a long text is read: the event is stated there, and reading stays fast. */
  maxTextChars?: number;
  /** Weight factor for terms that occur inside capitalized runs (names of people, places, bodies). */
  nameBoost?: number;
  /** A document vector keeps its strongest terms only: speed, and less noise from long texts. */
  maxVectorTerms?: number;
  /**
   * A document with a text but fewer words (title and text) is a short item: it joins a story, or a story of
   * short items merges, only on strong evidence (see strongEvidence), never on cosine alone: two
   * shared common words make a high cosine between short texts.
   */
  shortItemWords?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Defaults tuned on the development sets (UCI News Aggregator headlines, WikiRef220 full texts;
 * see docs/eval.md) under the constraint that the unit tests' different events on one topic stay
 * apart. Effective thresholds: a 6-term headline joins at cosine 0.05 + 0.6/√6 ≈ 0.30 and merges
 * at 0.1 + 0.5/√6 ≈ 0.30; a 60-term full text joins at ≈ 0.13 and merges at ≈ 0.16. The window
 * follows the usual practice that reports of one event arrive within a few days.
 */
export const DEFAULT_CLUSTER_OPTIONS: Required<ClusterOptions> = {
  assignThreshold: 0.05,
  shortBonus: 0.6,
  mergeThreshold: 0.1,
  mergeShortBonus: 0.5,
  timeWindowMs: 3 * DAY_MS,
  titleWeight: 1,
  leadWeight: 0.8,
  bodyWeight: 0.5,
  leadTerms: 30,
  maxBodyTerms: 600,
  maxTextChars: 4000,
  nameBoost: 1.5,
  maxVectorTerms: 60,
  shortItemWords: 40,
};

interface Vector {
  ids: Int32Array;
  weights: Float64Array;
}

interface Prepared {
  vector: Vector;
  time: number | undefined;
  /** Fewer words than shortItemWords. */
  short: boolean;
  /** Stems of the words in capitalized runs (people, places, bodies) and the numbers. */
  names: Set<string>;
  numbers: Set<string>;
}

/** The first `limit` characters, cut at a space so no word is split. */
function leadingText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.lastIndexOf(" ", limit);
  return text.slice(0, cut > limit / 2 ? cut : limit);
}

/** What clustering reads of one document, before the candidate set's weights: see prepareDocument. */
export interface DocumentFeatures {
  /** Content terms (stemmed, no stop words) of the title, the lead and the body, in reading order. */
  title: string[];
  lead: string[];
  body: string[];
  names: Set<string>;
  numbers: Set<string>;
  words: number;
}

const isNumberToken = (token: string) => {
  const c = token.charCodeAt(0);
  return c >= 0x30 && c <= 0x39;
};

/**
 * The per-document part of clustering, independent of the other candidates: computed once per
 * article at ingest (src/briefing/stories/article-features.ts) and again here only when absent.
 */
export function prepareDocument(
  doc: Pick<ClusterDocument, "title" | "text">,
  options: ClusterOptions = {},
): DocumentFeatures {
  return splitParts(doc, { ...DEFAULT_CLUSTER_OPTIONS, ...options });
}

function splitParts(doc: Pick<ClusterDocument, "title" | "text">, o: Required<ClusterOptions>): DocumentFeatures {
  const text = leadingText(doc.text ?? "", o.maxTextChars);
  const textTerms = contentTerms(text);
  const names = new Set<string>();
  for (const run of capitalizedRuns(`${doc.title}\n${text}`)) {
    for (const token of tokenize(run)) if (!isStopWord(token) && !isNumberToken(token)) names.add(stem(token));
  }
  const tokens = tokenize(`${doc.title}\n${text}`);
  return {
    title: contentTerms(doc.title),
    lead: textTerms.slice(0, o.leadTerms),
    body: textTerms.slice(o.leadTerms, o.leadTerms + o.maxBodyTerms),
    names,
    numbers: new Set(tokens.filter(isNumberToken)),
    words: tokens.length,
  };
}

/** Interns terms as small integers in order of first appearance, so ids are deterministic. */
class Vocabulary {
  readonly #ids = new Map<string, number>();
  id(term: string): number {
    let id = this.#ids.get(term);
    if (id === undefined) {
      id = this.#ids.size;
      this.#ids.set(term, id);
    }
    return id;
  }
  get size(): number {
    return this.#ids.size;
  }
}

function prepare(docs: readonly ClusterDocument[], o: Required<ClusterOptions>): Prepared[] {
  const vocabulary = new Vocabulary();
  const stock =
    o.leadTerms === DEFAULT_CLUSTER_OPTIONS.leadTerms &&
    o.maxBodyTerms === DEFAULT_CLUSTER_OPTIONS.maxBodyTerms &&
    o.maxTextChars === DEFAULT_CLUSTER_OPTIONS.maxTextChars;
  const parts = docs.map((d) => (stock && d.features ? d.features : splitParts(d, o)));
  const df: number[] = [];
  for (const p of parts) {
    const seen = new Set<number>();
    for (const term of [...p.title, ...p.lead, ...p.body]) seen.add(vocabulary.id(term));
    for (const id of seen) df[id] = (df[id] ?? 0) + 1;
  }
  const n = docs.length;
  const idf = (id: number) => Math.log((1 + n) / (1 + (df[id] ?? 0))) + 1;

  return parts.map((p, i) => {
    const combined = new Map<number, number>();
    const addPart = (terms: string[], weight: number) => {
      if (terms.length === 0) return;
      const counts = new Map<string, number>();
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      const partWeights: Array<[number, number]> = [];
      let norm2 = 0;
      for (const [term, tf] of counts) {
        const id = vocabulary.id(term);
        const w = (1 + Math.log(tf)) * idf(id) * (p.names.has(term) ? o.nameBoost : 1);
        partWeights.push([id, w]);
        norm2 += w * w;
      }
      const norm = Math.sqrt(norm2);
      for (const [id, w] of partWeights) combined.set(id, (combined.get(id) ?? 0) + (weight * w) / norm);
    };
    addPart(p.title, o.titleWeight);
    addPart(p.lead, o.leadWeight);
    addPart(p.body, o.bodyWeight);
    return {
      vector: topTerms(combined, o.maxVectorTerms),
      time: docs[i]?.publishedAt,
      // A bare headline (no text) is judged by the size-scaled threshold alone, as in the UCI set;
      // an item with a text that says this little is a teaser or a brief, and needs more.
      short: (docs[i]?.text ?? "").trim() !== "" && p.words < o.shortItemWords,
      names: p.names,
      numbers: p.numbers,
    };
  });
}

/**
 * The `limit` heaviest terms (ties by id), normalized to unit length, sorted by id. Selected by
 * the limit-th largest weight (a typed-array sort, no comparator) rather than by sorting entry
 * pairs: the same terms, at a fraction of the cost of the /brief hot path (issue 16).
 */
function topTerms(weights: Map<number, number>, limit: number): Vector {
  const n = weights.size;
  const ids = new Int32Array(n);
  const ws = new Float64Array(n);
  let k = 0;
  for (const [id, w] of weights) {
    ids[k] = id;
    ws[k] = w;
    k++;
  }
  let keep: number[];
  if (n > limit) {
    const cut = Float64Array.from(ws).sort()[n - limit] as number;
    let above = 0;
    for (let i = 0; i < n; i++) if ((ws[i] as number) > cut) above++;
    // Ties at the cut: the smallest ids, as a sort by weight then id would keep.
    const ties: number[] = [];
    for (let i = 0; i < n; i++) if (ws[i] === cut) ties.push(ids[i] as number);
    const tied = new Set(ties.sort((a, b) => a - b).slice(0, limit - above));
    keep = [];
    for (let i = 0; i < n; i++)
      if ((ws[i] as number) > cut || (ws[i] === cut && tied.has(ids[i] as number))) keep.push(i);
  } else keep = Array.from({ length: n }, (_, i) => i);
  keep.sort((a, b) => (ids[a] as number) - (ids[b] as number));
  let norm2 = 0;
  for (const i of keep) norm2 += (ws[i] as number) ** 2;
  const norm = Math.sqrt(norm2) || 1;
  return {
    ids: Int32Array.from(keep, (i) => ids[i] as number),
    weights: Float64Array.from(keep, (i) => (ws[i] as number) / norm),
  };
}

/** One weight of one story's centroid, shared by the story and the term's posting list. */
interface Entry {
  cluster: number;
  weight: number;
}

interface Story {
  members: number[];
  entries: Map<number, Entry>;
  norm2: number;
  minTime: number;
  maxTime: number;
}

/** Stories with an inverted index from term to centroid entries, for fast similarity. */
class StoryIndex {
  readonly stories: Story[] = [];
  readonly #postings = new Map<number, Entry[]>();
  #scores = new Float64Array(64);

  create(): number {
    this.stories.push({
      members: [],
      entries: new Map(),
      norm2: 0,
      minTime: Number.POSITIVE_INFINITY,
      maxTime: Number.NEGATIVE_INFINITY,
    });
    if (this.#scores.length < this.stories.length) {
      const grown = new Float64Array(this.#scores.length * 2);
      grown.set(this.#scores);
      this.#scores = grown;
    }
    return this.stories.length - 1;
  }

  add(cluster: number, member: number, vector: Vector, time: number | undefined): void {
    const story = this.stories[cluster] as Story;
    story.members.push(member);
    if (time !== undefined) {
      story.minTime = Math.min(story.minTime, time);
      story.maxTime = Math.max(story.maxTime, time);
    }
    for (let i = 0; i < vector.ids.length; i++) {
      const id = vector.ids[i] as number;
      const w = vector.weights[i] as number;
      let entry = story.entries.get(id);
      if (!entry) {
        entry = { cluster, weight: 0 };
        story.entries.set(id, entry);
        const posting = this.#postings.get(id);
        if (posting) posting.push(entry);
        else this.#postings.set(id, [entry]);
      }
      story.norm2 += 2 * entry.weight * w + w * w;
      entry.weight += w;
    }
  }

  /** Cosine of a unit vector with every story sharing a term: [story, similarity] pairs. */
  similarities(vector: Vector): Array<[number, number]> {
    const scores = this.#scores;
    const touched: number[] = [];
    for (let i = 0; i < vector.ids.length; i++) {
      const posting = this.#postings.get(vector.ids[i] as number);
      if (!posting) continue;
      const w = vector.weights[i] as number;
      for (const entry of posting) {
        if (scores[entry.cluster] === 0) touched.push(entry.cluster);
        scores[entry.cluster] = (scores[entry.cluster] ?? 0) + w * entry.weight;
      }
    }
    const result: Array<[number, number]> = [];
    for (const cluster of touched) {
      const story = this.stories[cluster] as Story;
      result.push([cluster, (scores[cluster] ?? 0) / Math.sqrt(story.norm2)]);
      scores[cluster] = 0;
    }
    return result;
  }
}

function withinWindow(story: Story, time: number | undefined, window: number): boolean {
  if (time === undefined || story.members.length === 0 || !Number.isFinite(story.minTime)) return true;
  return time >= story.minTime - window && time <= story.maxTime + window;
}

function rangesWithinWindow(a: Story, b: Story, window: number): boolean {
  if (!Number.isFinite(a.minTime) || !Number.isFinite(b.minTime)) return true;
  return a.minTime <= b.maxTime + window && b.minTime <= a.maxTime + window;
}

/** What a story offers as strong evidence: its members' names and numbers, and whether all are short. */
interface Evidence {
  names: Set<string>;
  numbers: Set<string>;
  allShort: boolean;
}

function evidenceOf(members: readonly number[], prepared: readonly Prepared[]): Evidence {
  const evidence: Evidence = { names: new Set(), numbers: new Set(), allShort: true };
  for (const m of members) addEvidence(evidence, prepared[m] as Prepared);
  return evidence;
}

function addEvidence(evidence: Evidence, doc: Prepared | Evidence): void {
  for (const n of doc.names) evidence.names.add(n);
  for (const n of doc.numbers) evidence.numbers.add(n);
  evidence.allShort &&= "short" in doc ? doc.short : doc.allShort;
}

/**
 * Strong evidence that a short item reports this story: names and numbers together (two shared
 * names and a shared number), or three shared names. One shared place and a common word ("Mexico",
 * "cartel") is what any two items about a country have in common.
 */
function strongEvidence(a: Prepared | Evidence, b: Evidence): boolean {
  let names = 0;
  for (const n of a.names) if (b.names.has(n) && ++names >= 3) return true;
  if (names < 2) return false;
  for (const n of a.numbers) if (b.numbers.has(n)) return true;
  return false;
}

/** Single pass: each document joins the most similar story in its time window, or starts one. */
function assign(prepared: readonly Prepared[], options: Required<ClusterOptions>): number[][] {
  const index = new StoryIndex();
  const evidence: Evidence[] = [];
  prepared.forEach((doc, i) => {
    let best = -1;
    let bestScore = options.assignThreshold + options.shortBonus / Math.sqrt(Math.max(1, doc.vector.ids.length));
    for (const [cluster, score] of index.similarities(doc.vector)) {
      const story = index.stories[cluster] as Story;
      if (!withinWindow(story, doc.time, options.timeWindowMs)) continue;
      const known = evidence[cluster] as Evidence;
      if ((doc.short || known.allShort) && !strongEvidence(doc, known)) continue;
      if (score > bestScore || (score === bestScore && best >= 0 && cluster < best)) {
        best = cluster;
        bestScore = score;
      }
    }
    const target = best >= 0 ? best : index.create();
    if (target === evidence.length) evidence.push({ names: new Set(), numbers: new Set(), allShort: true });
    addEvidence(evidence[target] as Evidence, doc);
    index.add(target, i, doc.vector, doc.time);
  });
  return index.stories.map((s) => s.members);
}

/** Unit-length centroid of member vectors, as a vector. */
function centroid(members: readonly number[], prepared: readonly Prepared[]): Vector {
  const sum = new Map<number, number>();
  for (const m of members) {
    const v = (prepared[m] as Prepared).vector;
    for (let i = 0; i < v.ids.length; i++) {
      const id = v.ids[i] as number;
      sum.set(id, (sum.get(id) ?? 0) + (v.weights[i] as number));
    }
  }
  return topTerms(sum, Number.POSITIVE_INFINITY);
}

/**
 * Merge pass: stories whose centroids are close join, repairing the order effects of the single
 * pass (a story split because its first report was atypical). Reciprocal best pairs merge first,
 * in rounds, so a merge never chains through a third, less similar story in the same round.
 */
function mergeStories(
  groups: number[][],
  prepared: readonly Prepared[],
  options: Required<ClusterOptions>,
): number[][] {
  let current = groups.map((g) => [...g]);
  // A story no round merged keeps its member array: its centroid and evidence are reused.
  const centroids = new WeakMap<number[], Vector>();
  const evidences = new WeakMap<number[], Evidence>();
  const cached = <T>(cache: WeakMap<number[], T>, members: number[], make: () => T): T => {
    let value = cache.get(members);
    if (value === undefined) {
      value = make();
      cache.set(members, value);
    }
    return value;
  };
  for (let round = 0; round < 20; round++) {
    const index = new StoryIndex();
    const vectors = current.map((members) => cached(centroids, members, () => centroid(members, prepared)));
    // Index every story's centroid with its time range, then find each story's best partner.
    current.forEach((members, c) => {
      index.create();
      index.add(c, c, vectors[c] as Vector, undefined);
      const story = index.stories[c] as Story;
      for (const m of members) {
        const t = (prepared[m] as Prepared).time;
        if (t !== undefined) {
          story.minTime = Math.min(story.minTime, t);
          story.maxTime = Math.max(story.maxTime, t);
        }
      }
    });
    // Short documents (headlines) need more overlap to be evidence: see shortBonus.
    const thresholds = current.map((members) => {
      let terms = 0;
      for (const m of members) terms += (prepared[m] as Prepared).vector.ids.length;
      return options.mergeThreshold + options.mergeShortBonus / Math.sqrt(Math.max(1, terms / members.length));
    });
    const evidence = current.map((members) => cached(evidences, members, () => evidenceOf(members, prepared)));
    const bestOf = current.map((_, c) => {
      let best = -1;
      let bestScore = Number.NEGATIVE_INFINITY;
      for (const [other, score] of index.similarities(vectors[c] as Vector)) {
        if (other === c) continue;
        if (score < Math.max(thresholds[c] ?? 0, thresholds[other] ?? 0)) continue;
        const mine = evidence[c] as Evidence;
        const theirs = evidence[other] as Evidence;
        if ((mine.allShort || theirs.allShort) && !strongEvidence(mine, theirs)) continue;
        if (!rangesWithinWindow(index.stories[c] as Story, index.stories[other] as Story, options.timeWindowMs))
          continue;
        if (score > bestScore || (score === bestScore && best >= 0 && other < best)) {
          best = other;
          bestScore = score;
        }
      }
      return best;
    });
    const merged: number[][] = [];
    const consumed = new Set<number>();
    let changed = false;
    current.forEach((members, c) => {
      if (consumed.has(c)) return;
      const partner = bestOf[c] ?? -1;
      if (partner > c && bestOf[partner] === c) {
        merged.push([...members, ...(current[partner] as number[])].sort((a, b) => a - b));
        consumed.add(partner);
        changed = true;
      } else merged.push(members);
    });
    current = merged;
    if (!changed) break;
  }
  return current;
}

/**
 * Groups documents into stories. Returns groups of ids: each group one story, groups ordered by
 * their first document's input position, ids within a group in input order. Deterministic.
 */
export function clusterStories(docs: readonly ClusterDocument[], options: ClusterOptions = {}): string[][] {
  const settings = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
  if (docs.length === 0) return [];
  const prepared = prepare(docs, settings);
  const groups = mergeStories(assign(prepared, settings), prepared, settings);
  return groups
    .map((members) => [...members].sort((a, b) => a - b))
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))
    .map((members) => members.map((m) => (docs[m] as ClusterDocument).id));
}
