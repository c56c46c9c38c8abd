// The AllSides section of the evaluation: the dev trios fed through the real /brief pipeline (a
// SQLite store, `brief --since 1d`), two groups of different topics a day; pair precision and
// recall against the hand labels, then what the cards quote against two lead baselines.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { NewArticle } from "../../src/briefing/article.js";
import { composeBrief } from "../../src/briefing/briefs/build-brief.js";
import { withArticleKind } from "../../src/briefing/feeds/with-article-kind.js";
import { splitSentences } from "../../src/briefing/stories/split-sentences.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import { type ReportTerms, reportTerms, supports } from "./corroboration.js";
import { subjectivePer100 } from "./subjective-words.js";

const DAY_MS = 86_400_000;
/** Synthetic calendar: day k of the evaluation is this midnight plus k days (the real dates vary). */
const FIRST_DAY = Date.UTC(2030, 0, 1);
/** Items of one day arrive this far apart, the two groups' items interleaved. */
const ITEM_SPACING_MS = 40 * 60_000;

const ArticleSchema = z.object({
  ID: z.string(),
  source: z.string(),
  url: z.string(),
  title: z.string(),
  authors: z.string().optional().default(""),
  content_original: z.string(),
});
const PAIRS = ["left-center", "left-right", "center-right"] as const;
const TrioSchema = z.object({
  date: z.string(),
  topic: z.string(),
  articles: z.array(ArticleSchema).length(3),
  same_event: z.object({ "left-center": z.boolean(), "left-right": z.boolean(), "center-right": z.boolean() }),
  event: z.string().nullable().optional(),
});
export type Trio = z.infer<typeof TrioSchema>;
type TrioArticle = Trio["articles"][number];

export function loadTrios(evalDir: string, file = "trios_dev.jsonl"): Trio[] {
  const text = readFileSync(join(evalDir, "stories/allsides", file), "utf8");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => TrioSchema.parse(JSON.parse(line)));
}

/** Pairs the groups into days, in file order: each group with the next unpaired one of another topic. */
export function pairIntoDays(trios: readonly Trio[]): Trio[][] {
  const days: Trio[][] = [];
  const used = new Set<number>();
  trios.forEach((trio, i) => {
    if (used.has(i)) return;
    used.add(i);
    const partner = trios.findIndex((other, j) => !used.has(j) && other.topic !== trio.topic);
    if (partner >= 0) {
      used.add(partner);
      days.push([trio, trios[partner] as Trio]);
    } else days.push([trio]);
  });
  return days;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** The hand labels of a day: same-event pairs of article IDs (pairs across groups are never one event). */
function goldPairs(day: readonly Trio[]): Set<string> {
  const gold = new Set<string>();
  for (const trio of day) {
    const [left, center, right] = trio.articles as [TrioArticle, TrioArticle, TrioArticle];
    const byPair = { "left-center": [left, center], "left-right": [left, right], "center-right": [center, right] };
    for (const pair of PAIRS) {
      if (!trio.same_event[pair]) continue;
      const [a, b] = byPair[pair] as [TrioArticle, TrioArticle];
      gold.add(pairKey(a.ID, b.ID));
    }
  }
  return gold;
}

const OPINION_SOURCE = /\b(opinion|editorial|op-ed)\b/i;

export interface QuotedSentence {
  text: string;
  articleId: string;
}

/** One day's outcome: the stories as article IDs and the card's quotes per story. */
export interface DayOutcome {
  day: readonly Trio[];
  stories: string[][];
  quotes: QuotedSentence[][];
}

/** Feeds one day through a fresh SQLite store and `/brief --since 1d`. */
export async function runDay(day: readonly Trio[], index: number): Promise<DayOutcome> {
  const store = openSqliteStore(":memory:");
  try {
    const start = FIRST_DAY + index * DAY_MS;
    const feedIds = new Map<string, number>();
    const idOf = new Map<number, string>();
    const items: TrioArticle[] = [];
    for (let k = 0; k < 3; k++) for (const trio of day) items.push(trio.articles[k] as TrioArticle);
    let slot = 0;
    for (const item of items) {
      let feedId = feedIds.get(item.source);
      if (feedId === undefined) {
        const slug = item.source.toLowerCase().replace(/[^a-z0-9]+/g, "-");
        const feed = await store.feeds.addFeed({
          url: `https://${slug}.example/feed`,
          title: item.source,
          siteLink: null,
          origin: null,
          refreshMinutes: 15,
          nextFetchAt: 0,
          createdAt: start,
        });
        feedId = feed.id;
        feedIds.set(item.source, feedId);
      }
      const publishedAt = start + 2 * 3_600_000 + slot * ITEM_SPACING_MS;
      slot++;
      const article: NewArticle = {
        url: item.url,
        guid: item.ID,
        title: item.title,
        author: item.authors || null,
        publishedAt,
        publishedAtEstimated: false,
        fetchedAt: publishedAt,
        summary: null,
        text: item.content_original,
        contentHash: item.ID,
        language: "en",
      };
      // Labelled as ingest labels a feed's item (the feed's title is the outlet), so the brief reads
      // stored kinds as it does in service.
      await store.articles.upsertArticles(feedId, [withArticleKind(article, { kind: "auto" }, item.source)], {
        backlog: false,
      });
    }
    const stored = await store.articles.recentArticles({ limit: 100 });
    for (const a of stored) idOf.set(a.id, a.guid ?? String(a.id));
    const asOf = start + DAY_MS - 1;
    const { card, storyArticleIds } = await composeBrief(
      { articles: store.articles, feeds: store.feeds, clock: { now: () => asOf } },
      { sinceMs: DAY_MS, maxStories: 10, asOf },
    );
    const stories = storyArticleIds.map((ids) => ids.map((id) => idOf.get(id) ?? String(id)));
    const quotes = card.stories.map((story) =>
      story.sentences.map((s) => ({ text: s.text, articleId: idOf.get(s.articleId) ?? String(s.articleId) })),
    );
    return { day, stories, quotes };
  } finally {
    store.close();
  }
}

export interface AllSidesScores {
  days: number;
  groups: number;
  goldPairs: number;
  predictedPairs: number;
  truePairs: number;
  precision: number;
  recall: number;
  /** Wrongly joined pairs whose articles come from groups of different topics. */
  crossTopicErrors: number;
  /** Stories holding two or more reports of one event (where the quote metrics are measured). */
  eventStories: number;
  briefbot: QuoteScores;
  firstSentences: QuoteScores;
  leadThree: QuoteScores;
  /** Sentences quoted from opinion pieces in stories that also hold a news report. */
  opinionBesideNews: number;
}

export interface QuoteScores {
  sentences: number;
  subjectivePer100: number;
  /** Share of sentences supported by another report of their event, 0..1. */
  corroborated: number;
}

function quoteScores(sentences: readonly QuotedSentence[], others: (articleId: string) => ReportTerms[]): QuoteScores {
  let corroborated = 0;
  for (const s of sentences) if (others(s.articleId).some((r) => supports(r, s.text))) corroborated++;
  return {
    sentences: sentences.length,
    subjectivePer100: subjectivePer100(sentences.map((s) => s.text)),
    corroborated: sentences.length ? corroborated / sentences.length : 0,
  };
}

export function scoreAllSides(outcomes: readonly DayOutcome[]): AllSidesScores {
  let goldCount = 0;
  let predicted = 0;
  let truePairs = 0;
  let crossTopic = 0;
  let eventStories = 0;
  let opinionBesideNews = 0;
  const ours: QuotedSentence[] = [];
  const first: QuotedSentence[] = [];
  const three: QuotedSentence[] = [];
  const terms = new Map<string, ReportTerms>();
  const eventPartners = new Map<string, string[]>();
  for (const { day, stories, quotes } of outcomes) {
    const gold = goldPairs(day);
    goldCount += gold.size;
    const articles = new Map<string, TrioArticle>();
    const groupOf = new Map<string, number>();
    day.forEach((trio, g) => {
      for (const a of trio.articles) {
        articles.set(a.ID, a);
        groupOf.set(a.ID, g);
        terms.set(a.ID, reportTerms(a.title, a.content_original));
      }
    });
    for (const key of gold) {
      const [a, b] = key.split("|") as [string, string];
      eventPartners.set(a, [...(eventPartners.get(a) ?? []), b]);
      eventPartners.set(b, [...(eventPartners.get(b) ?? []), a]);
    }
    stories.forEach((members, s) => {
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) {
          const a = members[i] as string;
          const b = members[j] as string;
          predicted++;
          if (gold.has(pairKey(a, b))) truePairs++;
          else if (groupOf.get(a) !== groupOf.get(b)) crossTopic++;
        }
      }
      const reports = members.filter((m) => members.some((o) => o !== m && gold.has(pairKey(m, o))));
      const cardQuotes = quotes[s];
      if (reports.length >= 2) {
        eventStories++;
        if (cardQuotes) ours.push(...cardQuotes);
        for (const r of reports) {
          const lead = splitSentences((articles.get(r) as TrioArticle).content_original);
          if (lead[0]) first.push({ text: lead[0].text, articleId: r });
        }
        const one = reports[0] as string;
        for (const span of splitSentences((articles.get(one) as TrioArticle).content_original).slice(0, 3))
          three.push({ text: span.text, articleId: one });
      }
      const isOpinion = (id: string) => OPINION_SOURCE.test(articles.get(id)?.source ?? "");
      if (cardQuotes && members.some((m) => !isOpinion(m)))
        opinionBesideNews += cardQuotes.filter((q) => isOpinion(q.articleId)).length;
    });
  }
  const others = (id: string) => (eventPartners.get(id) ?? []).flatMap((p) => terms.get(p) ?? []);
  return {
    days: outcomes.length,
    groups: outcomes.reduce((n, o) => n + o.day.length, 0),
    goldPairs: goldCount,
    predictedPairs: predicted,
    truePairs,
    precision: predicted ? truePairs / predicted : 1,
    recall: goldCount ? truePairs / goldCount : 1,
    crossTopicErrors: crossTopic,
    eventStories,
    briefbot: quoteScores(ours, others),
    firstSentences: quoteScores(first, others),
    leadThree: quoteScores(three, others),
    opinionBesideNews,
  };
}

const f3 = (x: number) => x.toFixed(3);
const f1 = (x: number) => x.toFixed(2);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function allSidesMarkdown(r: AllSidesScores): string {
  const bestSubjective = Math.min(r.firstSentences.subjectivePer100, r.leadThree.subjectivePer100);
  const bestCorroborated = Math.max(r.firstSentences.corroborated, r.leadThree.corroborated);
  const row = (name: string, q: QuoteScores) =>
    `| ${name} | ${q.sentences} | ${f1(q.subjectivePer100)} | ${pct(q.corroborated)} |`;
  const met = (ok: boolean) => (ok ? "**met**" : "**missed**");
  return [
    "### AllSides trios (dev): one event per story, what the cards quote",
    "",
    `${r.groups} hand-labelled groups (three outlets' reports of one date and broad topic), two groups of different topics a day (${r.days} days), each day through a SQLite store and \`/brief --since 1d\` (\`composeBrief\`, up to 10 stories). Pairs across a day's two groups are different events.`,
    "",
    "| Gold same-event pairs | Pairs put in one story | Correct | Pair precision | Pair recall | Wrong pairs across topics |",
    "|---:|---:|---:|---:|---:|---:|",
    `| ${r.goldPairs} | ${r.predictedPairs} | ${r.truePairs} | ${f3(r.precision)} | ${f3(r.recall)} | ${r.crossTopicErrors} |`,
    "",
    `Quoted sentences in the ${r.eventStories} stories holding two or more reports of one event; baselines over the same stories' reports of that event. Subjective: words of test/eval/subjective-words.ts per 100 words outside quotation marks. Corroborated: most content words, and all names and numbers, found in another report of the event (test/eval/corroboration.ts).`,
    "",
    "| System | Sentences | Subjective / 100 words | Corroborated |",
    "|---|---:|---:|---:|",
    row("briefbot card", r.briefbot),
    row("each report's first sentence", r.firstSentences),
    row("one report's first three", r.leadThree),
    "",
    `Opinion sentences quoted beside news (stories that also hold a news report): ${r.opinionBesideNews}.`,
    "",
    "Targets:",
    `- pair precision ≥ 0.95 with recall ≥ 0.90: ${f3(r.precision)} / ${f3(r.recall)}: ${met(r.precision >= 0.95 && r.recall >= 0.9)}`,
    `- subjective words ≥ 15% below the better lead baseline (${f1(bestSubjective)}): ${f1(r.briefbot.subjectivePer100)}: ${met(r.briefbot.subjectivePer100 <= 0.85 * bestSubjective)}`,
    `- corroborated share ≥ 10 points above the better lead baseline (${pct(bestCorroborated)}): ${pct(r.briefbot.corroborated)}: ${met(r.briefbot.corroborated >= bestCorroborated + 0.1)}`,
    `- no opinion sentence quoted beside news: ${r.opinionBesideNews}: ${met(r.opinionBesideNews === 0)}`,
    "",
  ].join("\n");
}

export async function runAllSidesEval(
  evalDir: string,
  progress: (line: string) => void,
): Promise<{ markdown: string; scores: AllSidesScores }> {
  const days = pairIntoDays(loadTrios(evalDir));
  const outcomes: DayOutcome[] = [];
  for (const [i, day] of days.entries()) {
    if (i % 10 === 0) progress(`allsides: day ${i}/${days.length}`);
    outcomes.push(await runDay(day, i));
  }
  const scores = scoreAllSides(outcomes);
  return { markdown: allSidesMarkdown(scores), scores };
}
