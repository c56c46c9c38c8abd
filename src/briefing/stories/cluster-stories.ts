// Groups articles into stories: reports of one event from several outlets, syndicated copies and
// updates become one group. TF-IDF over the candidate set (titles and leads above bodies, names
// up), single-pass assignment to story centroids within a time window, then a merge pass.

import type { ArticleKind } from "../article.js";
import { documentLinks, documentPhrases } from "./event-evidence.js";
import { contentTerms } from "./text/content-terms.js";
import { stem } from "./text/stem.js";
import { isStopWord } from "./text/stop-words.js";
import { capitalizedRuns, tokenize } from "./text/tokenize.js";

export interface ClusterDocument {
  id: string;
  title: string;
  text?: string;
  source?: string;
  /** The item's link: an item sharing a link with a story is one of its reports (see strongEvidence). */
  url?: string | null;
  /** Publication time, epoch milliseconds. Without it, time does not constrain the document. */
  publishedAt?: number;
  /**
   * prepareDocument(title, text) computed earlier (by the first brief that read the article, stored with it): used instead
   * of tokenizing again when the options that shape it (leadTerms, maxBodyTerms, maxTextChars) are
   * the defaults. It must be of this document's title and text.
   */
  features?: DocumentFeatures;
  /**
   * News, opinion or other, as ingest labelled it (classify-article-kind.ts); absent when unknown.
   * In a dense window a comment on a happening is not a report of it: see opinionEvidence.
   */
  kind?: ArticleKind;
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
  /**
   * Mean cosine between the window's texts above which the window is dense: most of it is one or
   * two broad topics (a topic search, a small candidate set), so the inverse document frequency
   * no longer discounts the topic's words and cosine alone cannot tell two happenings apart. A
   * mix of unrelated news shares about 0.02-0.04 (see decision 004).
   */
  densityFloor?: number;
  /** In a dense window, the excess of the mean over densityFloor, times this, raises every text threshold. */
  densityWeight?: number;
  /**
   * In a dense window a text document joins a story only if it shares this many specific names,
   * numbers or phrases with at least half of the story's texts (and stories merge likewise): the
   * famous names and the topic's words that every story of the day shares are not evidence of one
   * happening.
   */
  specificEvidence?: number;
  /**
   * Cosine from which two texts are one happening without specific evidence: copies, updates and
   * reports that share most of their words (in a window that is all one event, nothing is rare).
   */
  sameTextCosine?: number;
  /** A name, number or phrase is specific when at most this share of the window's documents (and at least 2) has it. */
  specificShare?: number;
  /**
   * More shared specific items a news report and an opinion (or other) piece need, beyond
   * specificEvidence, to count as one happening in a dense window: a column or explainer on a
   * day's topic names its people and places without reporting the day's happening. Both kinds
   * must be known.
   */
  opinionEvidence?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Defaults tuned on the development sets (UCI News Aggregator headlines, WikiRef220 full texts;
 * see docs/eval.md) under the constraint that the unit tests' different events on one topic stay
 * apart. Effective thresholds: a 6-term headline joins at cosine 0.05 + 0.6/√6 ≈ 0.30 and merges
 * at 0.1 + 0.5/√6 ≈ 0.30; a 60-term full text joins at ≈ 0.13 and merges at ≈ 0.16. The window
 * follows the usual practice that reports of one event arrive within a few days. The density
 * knobs (AllSides dev trios, issue 15) leave a mixed window alone; a day of two broad topics (mean
 * cosine about 0.13) raises text thresholds by about 0.05 and asks for five shared specific items,
 * eleven between a news report and an opinion piece.
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
  densityFloor: 0.05,
  densityWeight: 0.6,
  specificEvidence: 5,
  sameTextCosine: 0.5,
  specificShare: 0.5,
  opinionEvidence: 6,
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
  hasText: boolean;
  /** Stems of the words in capitalized runs (people, places, bodies), the numbers, the links. */
  names: Set<string>;
  numbers: Set<string>;
  links: Set<string>;
  /**
   * Names, numbers and phrases few documents of the window share: evidence of a happening, not a
   * topic. Filled only for a dense window (see markSpecific), the one place it is read.
   */
  specific: Set<number>;
  /** The document's terms as ids (title, lead, body), and how many ids there are: its phrases. */
  termIds: Int32Array;
  vocabularySize: number;
  /** Whether ingest labelled it news; undefined when its kind is unknown. */
  news: boolean | undefined;
  features: DocumentFeatures;
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
 * article by the first pass that reads it (src/briefing/stories/candidate-documents.ts) and again here only when absent.
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
  /** The term's id if some document has it, without interning it. */
  find(term: string): number | undefined {
    return this.#ids.get(term);
  }
  get size(): number {
    return this.#ids.size;
  }
}

/**
 * Numbers indexed by term id, reused by every call: clustering runs synchronously, so one set
 * serves all, and the hot path hashes no term twice and leaves no per-document Map behind (issue
 * 16: Map counting and the garbage collector were a third of a brief's clustering). A slot holds
 * a value only while its stamp is the current round's, so nothing is cleared between rounds.
 */
class TermSlots {
  values = new Float64Array(1024);
  stamps = new Int32Array(1024);
  #round = 0;

  /** Starts a round in which every slot of ids below `size` is empty. */
  begin(size: number): number {
    if (this.values.length < size) {
      const length = Math.max(size, 2 * this.values.length);
      this.values = new Float64Array(length);
      this.stamps = new Int32Array(length);
      this.#round = 0;
    }
    if (this.#round === 0x7fffffff) {
      this.stamps.fill(0);
      this.#round = 0;
    }
    return ++this.#round;
  }
}

/** Per part: each term's count. Per document (or centroid): each term's summed weight. */
const partSlots = new TermSlots();
const sumSlots = new TermSlots();

/** Growable scratch lists for the same reason: ids of one part or document, and their weights. */
let scratchIds = new Int32Array(1024);
let scratchWeights = new Float64Array(1024);
let scratchTies = new Int32Array(1024);
function reserveScratch(size: number): void {
  if (scratchIds.length >= size) return;
  const length = Math.max(size, 2 * scratchIds.length);
  scratchIds = new Int32Array(length);
  scratchWeights = new Float64Array(length);
  scratchTies = new Int32Array(length);
}

/** The distinct ids of one part, in order of first appearance, and in the part's slots their counts. */
let partIds = new Int32Array(1024);
let partWeights = new Float64Array(1024);

const hasText = (doc: ClusterDocument | undefined) => (doc?.text ?? "").trim() !== "";

/**
 * What may be specific evidence of a happening: names, numbers, phrases (disjoint by their form),
 * as numbers: a name or number is -1 - its index in `known` (one per distinct string), a phrase
 * what documentPhrases makes of the two term ids (never negative).
 */
function specificCandidates(p: Prepared, known: Map<string, number>): number[] {
  const keys: number[] = [];
  const keyOf = (item: string): number => {
    let index = known.get(item);
    if (index === undefined) {
      index = known.size;
      known.set(item, index);
    }
    return -1 - index;
  };
  for (const name of p.names) keys.push(keyOf(name));
  for (const n of p.numbers) keys.push(keyOf(n));
  for (const phrase of documentPhrases(p.termIds, p.vocabularySize)) keys.push(phrase);
  return keys;
}

/** Fills each document's specific evidence: what at most specificShare of the window's documents has. */
function markSpecific(prepared: readonly Prepared[], o: Required<ClusterOptions>): void {
  const df = new Map<number, number>();
  const known = new Map<string, number>();
  const candidates = prepared.map((p) => specificCandidates(p, known));
  for (const list of candidates) for (const k of list) df.set(k, (df.get(k) ?? 0) + 1);
  const limit = Math.max(2, o.specificShare * prepared.length);
  prepared.forEach((p, i) => {
    for (const k of candidates[i] as number[]) if ((df.get(k) ?? 0) <= limit) p.specific.add(k);
  });
}

function prepare(docs: readonly ClusterDocument[], o: Required<ClusterOptions>): Prepared[] {
  const vocabulary = new Vocabulary();
  const stock =
    o.leadTerms === DEFAULT_CLUSTER_OPTIONS.leadTerms &&
    o.maxBodyTerms === DEFAULT_CLUSTER_OPTIONS.maxBodyTerms &&
    o.maxTextChars === DEFAULT_CLUSTER_OPTIONS.maxTextChars;
  const parts = docs.map((d) => (stock && d.features ? d.features : splitParts(d, o)));
  // Each term is interned once, in reading order (title, lead, body, document by document), and
  // counted once per document it occurs in; the parts are read as ids from then on.
  // All parts' ids in one array: part k of the documents (three a document) is `at[k]`..`at[k + 1]`.
  let total = 0;
  for (const p of parts) total += p.title.length + p.lead.length + p.body.length;
  const termIds = new Int32Array(total);
  const at = new Int32Array(3 * parts.length + 1);
  const df: number[] = [];
  const lastDoc: number[] = [];
  let next = 0;
  parts.forEach((p, i) => {
    for (const [k, part] of [p.title, p.lead, p.body].entries()) {
      for (const term of part) {
        const id = vocabulary.id(term);
        termIds[next++] = id;
        if (id === df.length) {
          df.push(1);
          lastDoc.push(i);
        } else if (lastDoc[id] !== i) {
          df[id] = (df[id] as number) + 1;
          lastDoc[id] = i;
        }
      }
      at[3 * i + k + 1] = next;
    }
  });
  const n = docs.length;
  const terms = vocabulary.size;
  const idf = new Float64Array(terms);
  for (let id = 0; id < terms; id++) idf[id] = Math.log((1 + n) / (1 + (df[id] as number))) + 1;
  // The document (numbered from 1) whose names include the term: a term is one of a document's
  // names exactly when some name of the document has the term's id.
  const nameOf = new Int32Array(terms);

  return parts.map((p, i) => {
    for (const name of p.names) {
      const id = vocabulary.find(name);
      if (id !== undefined) nameOf[id] = i + 1;
    }
    reserveScratch((at[3 * i + 3] as number) - (at[3 * i] as number));
    const docRound = sumSlots.begin(terms);
    let docTerms = 0;
    const addPart = (part: number, weight: number) => {
      const from = at[3 * i + part] as number;
      const to = at[3 * i + part + 1] as number;
      if (to === from) return;
      if (partIds.length < to - from) {
        partIds = new Int32Array(Math.max(to - from, 2 * partIds.length));
        partWeights = new Float64Array(partIds.length);
      }
      const round = partSlots.begin(terms);
      const counts = partSlots.values;
      const counted = partSlots.stamps;
      let distinct = 0;
      for (let k = from; k < to; k++) {
        const id = termIds[k] as number;
        if (counted[id] === round) counts[id] = (counts[id] as number) + 1;
        else {
          counted[id] = round;
          counts[id] = 1;
          partIds[distinct++] = id;
        }
      }
      let norm2 = 0;
      for (let u = 0; u < distinct; u++) {
        const id = partIds[u] as number;
        const w = (1 + Math.log(counts[id] as number)) * (idf[id] as number) * (nameOf[id] === i + 1 ? o.nameBoost : 1);
        partWeights[u] = w;
        norm2 += w * w;
      }
      const norm = Math.sqrt(norm2);
      const sums = sumSlots.values;
      const summed = sumSlots.stamps;
      for (let u = 0; u < distinct; u++) {
        const id = partIds[u] as number;
        const add = (weight * (partWeights[u] as number)) / norm;
        if (summed[id] === docRound) sums[id] = (sums[id] as number) + add;
        else {
          summed[id] = docRound;
          sums[id] = 0 + add;
          scratchIds[docTerms++] = id;
        }
      }
    };
    addPart(0, o.titleWeight);
    addPart(1, o.leadWeight);
    addPart(2, o.bodyWeight);
    const withText = hasText(docs[i]);
    return {
      vector: topTerms(scratchIds, docTerms, sumSlots.values, o.maxVectorTerms),
      time: docs[i]?.publishedAt,
      // A bare headline (no text) is judged by the size-scaled threshold alone, as in the UCI set;
      // an item with a text that says this little is a teaser or a brief, and needs more.
      short: withText && p.words < o.shortItemWords,
      hasText: withText,
      names: p.names,
      numbers: p.numbers,
      links: new Set(documentLinks(docs[i] ?? {})),
      specific: new Set(),
      termIds: termIds.subarray(at[3 * i] as number, at[3 * i + 3] as number),
      vocabularySize: terms,
      news: docs[i]?.kind === undefined ? undefined : docs[i]?.kind === "news",
      features: p,
    };
  });
}

/** The k-th smallest (from 0) of the first n values, which it reorders (Hoare's selection). */
function kthSmallest(values: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const t = values[i] as number;
        values[i++] = values[j] as number;
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k] as number;
}

/**
 * The `limit` heaviest of the first `n` ids (ties by id), with their weights read from
 * `weightOf` (indexed by id), normalized to unit length, sorted by id. The cut is the limit-th
 * largest weight, found by selection rather than a sort: the same terms at a fraction of the
 * cost of the /brief hot path (issue 16). `ids` is scratch: it may be reordered.
 */
function topTerms(ids: Int32Array, n: number, weightOf: Float64Array, limit: number): Vector {
  let kept: Int32Array;
  if (n > limit) {
    const values = scratchWeights;
    for (let k = 0; k < n; k++) values[k] = weightOf[ids[k] as number] as number;
    const cut = kthSmallest(values, n, n - limit);
    // Exactly `limit` ids weigh at least the cut once ties at the cut keep their smallest ids, as
    // a sort by weight then id would.
    kept = new Int32Array(limit);
    let above = 0;
    let ties = 0;
    for (let k = 0; k < n; k++) {
      const id = ids[k] as number;
      const w = weightOf[id] as number;
      if (w > cut) kept[above++] = id;
      else if (w === cut) scratchTies[ties++] = id;
    }
    const tied = scratchTies.subarray(0, ties).sort();
    for (let k = 0; above < limit; k++) kept[above++] = tied[k] as number;
  } else kept = ids.slice(0, n);
  kept.sort();
  let norm2 = 0;
  for (let k = 0; k < kept.length; k++) norm2 += (weightOf[kept[k] as number] as number) ** 2;
  const norm = Math.sqrt(norm2) || 1;
  const weights = new Float64Array(kept.length);
  for (let k = 0; k < kept.length; k++) weights[k] = (weightOf[kept[k] as number] as number) / norm;
  return { ids: kept, weights };
}

interface Story {
  members: number[];
  norm2: number;
  minTime: number;
  maxTime: number;
  /** The story's centroid entries: those of its first member are `first`.. `first + count - 1`. */
  first: number;
  count: number;
  /** Term id to entry, made when a second member joins (the first's entries need no lookup). */
  terms: Map<number, number> | undefined;
}

/**
 * The entries of a story index, by number: one weight of one story's centroid each, in its term's
 * posting list. Typed arrays reused by every index rather than an object and a Map entry per
 * weight (issue 16: the index was most of clustering's garbage). One index lives at a time: each
 * pass builds its own and is done with it before the next is built, and a newer index makes an
 * older one throw rather than read storage that is no longer its own.
 */
const storage = {
  owner: undefined as StoryIndex | undefined,
  round: 0,
  entries: 0,
  cluster: new Int32Array(4096),
  weight: new Float64Array(4096),
  term: new Int32Array(4096),
  /** The next entry of the same term's posting list, or -1. */
  next: new Int32Array(4096),
  /** Per term: the first and last entry of its posting list, valid where postedIn is the round. */
  head: new Int32Array(4096),
  tail: new Int32Array(4096),
  postedIn: new Int32Array(4096),
  scores: new Float64Array(256),
  touched: new Int32Array(256),
  pairs: [] as Array<[number, number]>,
};

function grown<T extends Int32Array | Float64Array>(array: T, size: number): T {
  if (array.length >= size) return array;
  const bigger = new (array.constructor as new (length: number) => T)(Math.max(size, 2 * array.length));
  bigger.set(array);
  return bigger;
}

/** Stories with an inverted index from term to centroid entries, for fast similarity. */
class StoryIndex {
  readonly stories: Story[] = [];

  constructor() {
    storage.owner = this;
    storage.entries = 0;
    storage.scores.fill(0);
    if (++storage.round === 0x7fffffff) {
      storage.postedIn.fill(0);
      storage.round = 1;
    }
  }

  #own(): void {
    if (storage.owner !== this) throw new Error("StoryIndex: a newer index has taken over its storage");
  }

  create(): number {
    this.#own();
    this.stories.push({
      members: [],
      norm2: 0,
      minTime: Number.POSITIVE_INFINITY,
      maxTime: Number.NEGATIVE_INFINITY,
      first: 0,
      count: 0,
      terms: undefined,
    });
    storage.scores = grown(storage.scores, this.stories.length);
    storage.touched = grown(storage.touched, this.stories.length);
    return this.stories.length - 1;
  }

  add(cluster: number, member: number, vector: Vector, time: number | undefined): void {
    this.#own();
    const story = this.stories[cluster] as Story;
    story.members.push(member);
    if (time !== undefined) {
      story.minTime = Math.min(story.minTime, time);
      story.maxTime = Math.max(story.maxTime, time);
    }
    const size = vector.ids.length;
    if (storage.entries + size > storage.cluster.length) {
      const entries = storage.entries + size;
      storage.cluster = grown(storage.cluster, entries);
      storage.weight = grown(storage.weight, entries);
      storage.term = grown(storage.term, entries);
      storage.next = grown(storage.next, entries);
    }
    if (size > 0) {
      const terms = (vector.ids[size - 1] as number) + 1;
      if (terms > storage.head.length) {
        storage.head = grown(storage.head, terms);
        storage.tail = grown(storage.tail, terms);
        storage.postedIn = grown(storage.postedIn, terms);
      }
    }
    // A vector's ids are distinct: while the story had no entries, none needs looking up.
    let lookup = story.terms;
    if (lookup === undefined && story.count > 0) {
      lookup = new Map();
      for (let e = story.first; e < story.first + story.count; e++) lookup.set(storage.term[e] as number, e);
      story.terms = lookup;
    }
    if (story.count === 0) story.first = storage.entries;
    const { cluster: clusterOf, weight, term, next, head, tail, postedIn } = storage;
    for (let i = 0; i < size; i++) {
      const id = vector.ids[i] as number;
      const w = vector.weights[i] as number;
      let entry = lookup?.get(id);
      if (entry === undefined) {
        entry = storage.entries++;
        story.count++;
        lookup?.set(id, entry);
        clusterOf[entry] = cluster;
        weight[entry] = 0;
        term[entry] = id;
        next[entry] = -1;
        if (postedIn[id] === storage.round) next[tail[id] as number] = entry;
        else {
          postedIn[id] = storage.round;
          head[id] = entry;
        }
        tail[id] = entry;
      }
      story.norm2 += 2 * (weight[entry] as number) * w + w * w;
      weight[entry] = (weight[entry] as number) + w;
    }
  }

  /**
   * Cosine of a unit vector with every story sharing a term: [story, similarity] pairs. The pairs
   * are reused by the next call (no garbage per story per call): read them before asking again.
   */
  similarities(vector: Vector): Array<[number, number]> {
    this.#own();
    const { scores, cluster: clusterOf, weight, next, head, postedIn } = storage;
    let touched = storage.touched;
    let count = 0;
    for (let i = 0; i < vector.ids.length; i++) {
      const id = vector.ids[i] as number;
      if (id >= postedIn.length || postedIn[id] !== storage.round) continue;
      const w = vector.weights[i] as number;
      for (let e = head[id] as number; e !== -1; e = next[e] as number) {
        const cluster = clusterOf[e] as number;
        if (scores[cluster] === 0) {
          // A score back at 0 lists its story again, as before; only weights of 0 could do that.
          if (count === touched.length) storage.touched = touched = grown(touched, count + 1);
          touched[count++] = cluster;
        }
        scores[cluster] = (scores[cluster] as number) + w * (weight[e] as number);
      }
    }
    const pairs = storage.pairs;
    while (pairs.length < count) pairs.push([0, 0]);
    const result: Array<[number, number]> = new Array(count);
    for (let k = 0; k < count; k++) {
      const cluster = touched[k] as number;
      const story = this.stories[cluster] as Story;
      const pair = pairs[k] as [number, number];
      pair[0] = cluster;
      pair[1] = (scores[cluster] as number) / Math.sqrt(story.norm2);
      result[k] = pair;
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

/** What a story offers as strong evidence: its members' names, numbers and links, and whether all are short. */
interface Evidence {
  names: Set<string>;
  numbers: Set<string>;
  links: Set<string>;
  allShort: boolean;
}

const noEvidence = (): Evidence => ({ names: new Set(), numbers: new Set(), links: new Set(), allShort: true });

function evidenceOf(members: readonly number[], prepared: readonly Prepared[]): Evidence {
  const evidence = noEvidence();
  for (const m of members) addEvidence(evidence, prepared[m] as Prepared);
  return evidence;
}

function addEvidence(evidence: Evidence, doc: Prepared | Evidence): void {
  for (const n of doc.names) evidence.names.add(n);
  for (const n of doc.numbers) evidence.numbers.add(n);
  for (const n of doc.links) evidence.links.add(n);
  evidence.allShort &&= "short" in doc ? doc.short : doc.allShort;
}

/**
 * Strong evidence that a short item reports this story: a shared link, or names and numbers
 * together (two shared names and a shared number), or three shared names. One shared place and a
 * common word ("Mexico", "cartel") is what any two items about a country have in common.
 */
function strongEvidence(a: Prepared | Evidence, b: Evidence): boolean {
  for (const link of a.links) if (b.links.has(link)) return true;
  let names = 0;
  for (const n of a.names) if (b.names.has(n) && ++names >= 3) return true;
  if (names < 2) return false;
  for (const n of a.numbers) if (b.numbers.has(n)) return true;
  return false;
}

/** Dot product of two unit vectors (cosine), by merging their sorted ids. */
function dotVectors(a: Vector, b: Vector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i] as number;
    const y = b.ids[j] as number;
    if (x === y) sum += (a.weights[i++] as number) * (b.weights[j++] as number);
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

/** Texts compared for the window's density: enough for a steady mean, and the cost stays bounded. */
const DENSITY_SAMPLE = 240;

/**
 * How much denser than a mix of unrelated news the window is: the mean cosine between its texts
 * (an even sample of them when there are many) above densityFloor, or 0. Bare headlines are left
 * out: their size-scaled thresholds already ask for more.
 */
function windowDensity(prepared: readonly Prepared[], o: Required<ClusterOptions>): number {
  const texts = prepared.filter((p) => p.hasText);
  const step = Math.max(1, texts.length / DENSITY_SAMPLE);
  const sample: Vector[] = [];
  let terms = 0;
  for (let k = 0; Math.floor(k) < texts.length; k += step) {
    const vector = (texts[Math.floor(k)] as Prepared).vector;
    sample.push(vector);
    if (vector.ids.length > 0) terms = Math.max(terms, (vector.ids[vector.ids.length - 1] as number) + 1);
  }
  // Every pair's cosine at once, term by term: each term's postings (sample order) add their
  // products to the pairs that share it. A pair's products are added in id order, as dotVectors
  // adds them, so each cosine is dotVectors' to the bit; the work is the shared terms, not every
  // pair's merge of 60 and 60 ids (a third of a brief's clustering before, issue 16).
  const m = sample.length;
  const starts = new Int32Array(terms + 1);
  for (const v of sample)
    for (let k = 0; k < v.ids.length; k++) {
      const next = (v.ids[k] as number) + 1;
      starts[next] = (starts[next] as number) + 1;
    }
  for (let id = 0; id < terms; id++) starts[id + 1] = (starts[id + 1] as number) + (starts[id] as number);
  const postedAt = starts.slice(0, terms);
  const postedDoc = new Int32Array(starts[terms] as number);
  const postedWeight = new Float64Array(starts[terms] as number);
  sample.forEach((v, doc) => {
    for (let k = 0; k < v.ids.length; k++) {
      const id = v.ids[k] as number;
      const at = postedAt[id] as number;
      postedAt[id] = at + 1;
      postedDoc[at] = doc;
      postedWeight[at] = v.weights[k] as number;
    }
  });
  const dots = new Float64Array(m * m);
  for (let id = 0; id < terms; id++) {
    const end = starts[id + 1] as number;
    for (let a = starts[id] as number; a < end; a++) {
      const row = (postedDoc[a] as number) * m;
      const wa = postedWeight[a] as number;
      for (let b = a + 1; b < end; b++) {
        const cell = row + (postedDoc[b] as number);
        dots[cell] = (dots[cell] as number) + wa * (postedWeight[b] as number);
      }
    }
  }
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < m; i++)
    for (let j = i + 1; j < m; j++) {
      sum += dots[i * m + j] as number;
      pairs++;
    }
  return pairs === 0 ? 0 : Math.max(0, sum / pairs - o.densityFloor);
}

/** What a window's density asks of a join beyond the size-scaled thresholds. */
interface Strictness {
  /** Added to the threshold of any comparison involving a text. */
  textBonus: number;
  /** Shared specific names, numbers or phrases a pair of texts needs to count as one happening; 0 when off. */
  specific: number;
  /** Added to `specific` for a pair of a news report and an opinion or other piece. */
  opinion: number;
}

function strictness(prepared: readonly Prepared[], o: Required<ClusterOptions>): Strictness {
  const excess = windowDensity(prepared, o);
  if (excess > 0 && o.specificEvidence > 0) markSpecific(prepared, o);
  return {
    textBonus: o.densityWeight * excess,
    specific: excess > 0 ? o.specificEvidence : 0,
    opinion: o.opinionEvidence,
  };
}

function sharesSpecific(a: Prepared, b: Prepared, strict: Strictness, sameText: number): boolean {
  // A column beside a report is neither its copy nor its update: no cosine shortcut, more items.
  const mixed = a.news !== undefined && b.news !== undefined && a.news !== b.news;
  if (!mixed && dotVectors(a.vector, b.vector) >= sameText) return true;
  const needed = strict.specific + (mixed ? strict.opinion : 0);
  let shared = 0;
  for (const k of a.specific) if (b.specific.has(k) && ++shared >= needed) return true;
  return false;
}

/**
 * Average linkage on evidence: whether at least half of the pairs of texts across two member lists
 * share enough specific names, numbers or phrases; a story's centroid alone lets one report chain
 * in the next. Pairs with a bare headline or a short item (judged by strongEvidence) do not count.
 */
function specificLinkage(
  as: readonly number[],
  bs: readonly number[],
  prepared: readonly Prepared[],
  strict: Strictness,
  sameText: number,
): boolean {
  if (strict.specific <= 0) return true;
  let pairs = 0;
  let linked = 0;
  for (const a of as) {
    const x = prepared[a] as Prepared;
    if (!x.hasText || x.short) continue;
    for (const b of bs) {
      const y = prepared[b] as Prepared;
      if (!y.hasText || y.short) continue;
      pairs++;
      if (sharesSpecific(x, y, strict, sameText)) linked++;
    }
  }
  return pairs === 0 || 2 * linked >= pairs;
}

function linkedStory(doc: Prepared, evidence: readonly Evidence[], index: StoryIndex, window: number): number {
  if (doc.links.size === 0) return -1;
  return evidence.findIndex(
    (known, cluster) =>
      [...doc.links].some((link) => known.links.has(link)) &&
      withinWindow(index.stories[cluster] as Story, doc.time, window),
  );
}

/** Single pass: each document joins the most similar story in its time window, or starts one. */
function assign(prepared: readonly Prepared[], options: Required<ClusterOptions>, strict: Strictness): number[][] {
  const index = new StoryIndex();
  const evidence: Evidence[] = [];
  prepared.forEach((doc, i) => {
    let best = -1;
    let bestScore =
      options.assignThreshold +
      options.shortBonus / Math.sqrt(Math.max(1, doc.vector.ids.length)) +
      (doc.hasText ? strict.textBonus : 0);
    for (const [cluster, score] of index.similarities(doc.vector)) {
      const story = index.stories[cluster] as Story;
      if (!withinWindow(story, doc.time, options.timeWindowMs)) continue;
      const known = evidence[cluster] as Evidence;
      if ((doc.short || known.allShort) && !strongEvidence(doc, known)) continue;
      if (score > bestScore || (score === bestScore && best >= 0 && cluster < best)) {
        if (!specificLinkage([i], story.members, prepared, strict, options.sameTextCosine)) continue;
        best = cluster;
        bestScore = score;
      }
    }
    // A short item that links to a story's report (or is its link) is about that report, whatever
    // few words it says: the first such story in the window takes it.
    if (best < 0 && doc.short) best = linkedStory(doc, evidence, index, options.timeWindowMs);
    const target = best >= 0 ? best : index.create();
    if (target === evidence.length) evidence.push(noEvidence());
    addEvidence(evidence[target] as Evidence, doc);
    index.add(target, i, doc.vector, doc.time);
  });
  return index.stories.map((s) => s.members);
}

/** Unit-length centroid of member vectors, as a vector. */
function centroid(members: readonly number[], prepared: readonly Prepared[]): Vector {
  let size = 0;
  let terms = 0;
  for (const m of members) {
    const v = (prepared[m] as Prepared).vector;
    size += v.ids.length;
    if (v.ids.length > 0) terms = Math.max(terms, (v.ids[v.ids.length - 1] as number) + 1);
  }
  reserveScratch(size);
  // Summed in member order, term by term, as a Map of sums would add them.
  const round = sumSlots.begin(terms);
  const sums = sumSlots.values;
  const summed = sumSlots.stamps;
  let distinct = 0;
  for (const m of members) {
    const v = (prepared[m] as Prepared).vector;
    for (let i = 0; i < v.ids.length; i++) {
      const id = v.ids[i] as number;
      if (summed[id] === round) sums[id] = (sums[id] as number) + (v.weights[i] as number);
      else {
        summed[id] = round;
        sums[id] = 0 + (v.weights[i] as number);
        scratchIds[distinct++] = id;
      }
    }
  }
  return topTerms(scratchIds, distinct, sums, Number.POSITIVE_INFINITY);
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
  strict: Strictness,
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
      let texts = false;
      for (const m of members) {
        terms += (prepared[m] as Prepared).vector.ids.length;
        texts ||= (prepared[m] as Prepared).hasText;
      }
      return (
        options.mergeThreshold +
        options.mergeShortBonus / Math.sqrt(Math.max(1, terms / members.length)) +
        (texts ? strict.textBonus : 0)
      );
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
          const members = [current[c] as number[], current[other] as number[]] as const;
          if (!specificLinkage(...members, prepared, strict, options.sameTextCosine)) continue;
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
  const strict = strictness(prepared, settings);
  const groups = mergeStories(assign(prepared, settings, strict), prepared, settings, strict);
  return groups
    .map((members) => [...members].sort((a, b) => a - b))
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))
    .map((members) => members.map((m) => (docs[m] as ClusterDocument).id));
}
