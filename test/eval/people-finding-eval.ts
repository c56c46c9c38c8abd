// The people-finding section of the evaluation (issue 15 point 7): articles that name a people
// ("Belgian", "Thais") but never its country, stored among the other eval articles in a real SQLite store, and `brief <country>`.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { NewArticle } from "../../src/briefing/article.js";
import { CANDIDATE_LIMIT, composeBrief } from "../../src/briefing/briefs/build-brief.js";
import type { ArticleStore } from "../../src/briefing/ports.js";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/store.js";
import { seeded } from "../support/seeded-random.js";
import { loadTrios } from "./allsides-eval.js";
import { loadUciNews, loadWikiRef } from "./load-clustering-sets.js";
import { loadOpinionSet } from "./opinion-eval.js";
import { PeopleJudge } from "./people-mentions.js";
import { loadBbc, loadRealsumm } from "./summarization-eval.js";

const SILENT = { debug() {}, info() {}, warn() {}, error() {} };
const STORE_OPTIONS = { logger: SILENT, poolSize: 4, statementTimeoutMs: 60_000, connectWaitMs: 5_000 };

/** A fresh store of the engine, and how to close and remove it: a temp SQLite file, or a database of its own on the PostgreSQL server `adminUrl`. */
async function openEvalStore(adminUrl: string | null): Promise<{ store: Store; dispose: () => Promise<void> }> {
  if (adminUrl === null) {
    const dir = mkdtempSync(join(tmpdir(), "briefbot-people-eval-"));
    const store = await openStore(join(dir, "people.db"), STORE_OPTIONS);
    return {
      store,
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const { default: pg } = await import("pg");
  const name = `briefbot_eval_people_${randomBytes(4).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const store = await openStore(url.toString(), STORE_OPTIONS);
  return {
    store,
    dispose: async () => {
      await store.close();
      await admin(`DROP DATABASE IF EXISTS ${name}`);
    },
  };
}

const DAY_MS = 86_400_000;
const AS_OF = Date.UTC(2030, 5, 8);
/**
 * The articles are spread evenly over eight weeks (about 1,200 a week, a small newsroom's
 * feeds), and each case is briefed with the default 7-day window ending six hours after it.
 */
const SPREAD_MS = 56 * DAY_MS;
const CASE_LAG_MS = 6 * 3_600_000;
const WINDOW_MS = 7 * DAY_MS;
/** Cases whose country has many other matches are sampled (every k-th) to keep the run short. */
const MANY_SAMPLE = 100;
/** A country has "few other matches" when at most this many other stored articles name it or its people: a 5-story card can hold them all. */
export const FEW_OTHERS = 4;
/** Country names that are also common words or names: their cards are listed for a hand check. */
export const AMBIGUOUS_TOPICS = ["turkey", "chad", "georgia", "jordan", "guinea", "niger", "china", "dominica"];
/** What a reader types for a country whose common name they would not type. */
const TOPIC_OVERRIDES: Record<string, string> = { TR: "turkey" };

interface EvalArticle {
  set: string;
  source: string;
  title: string;
  text: string;
  /** Lowercased, tokenized texts (REALSumm) cannot be judged for capitals: stored, never a case. */
  judged: boolean;
}

function loadArticles(
  evalDir: string,
  uci: Awaited<ReturnType<typeof loadUciNews>>,
  wikiRef: Awaited<ReturnType<typeof loadWikiRef>>,
): EvalArticle[] {
  const out: EvalArticle[] = [];
  for (const d of loadBbc(evalDir))
    out.push({ set: "BBC", source: "BBC News", title: d.title ?? "", text: d.text, judged: true });
  for (const d of loadRealsumm(evalDir)) {
    const text = d.text;
    out.push({
      set: "REALSumm",
      source: "CNN/DailyMail",
      title: text.split(" ").slice(0, 12).join(" "),
      text,
      judged: false,
    });
  }
  const seen = new Set<string>();
  for (const r of loadOpinionSet(evalDir)) {
    seen.add(r.ID);
    out.push({ set: "AllSides", source: r.source, title: r.title, text: r.content_original, judged: true });
  }
  for (const trio of loadTrios(evalDir)) {
    for (const a of trio.articles) {
      if (seen.has(a.ID)) continue;
      seen.add(a.ID);
      out.push({ set: "AllSides", source: a.source, title: a.title, text: a.content_original, judged: true });
    }
  }
  for (const d of wikiRef.docs)
    out.push({ set: "WikiRef", source: "WikiRef", title: d.title, text: d.text ?? "", judged: true });
  for (const d of uci.docs) out.push({ set: "UCI", source: d.source ?? "UCI", title: d.title, text: "", judged: true });
  return out;
}

/** A deterministic shuffle (mulberry32), so the sets' articles interleave in time. */
function shuffled<T>(items: readonly T[], seed = 15): T[] {
  const random = seeded(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The store's articles with the demonym alternatives dropped from every search: the "country name only" baseline. */
function nameOnly(articles: ArticleStore): ArticleStore {
  return new Proxy(articles, {
    get(target, prop, receiver) {
      if (prop === "searchArticles") {
        const search: ArticleStore["searchArticles"] = (query, options) =>
          target.searchArticles({ ...query, alternatives: undefined }, options);
        return search;
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Records the ids of the first search's results (the brief's candidates in its window). */
function recording(articles: ArticleStore, found: Set<number>): ArticleStore {
  return new Proxy(articles, {
    get(target, prop, receiver) {
      if (prop === "searchArticles") {
        const search: ArticleStore["searchArticles"] = async (query, options) => {
          const result = await target.searchArticles(query, options);
          if (found.size === 0) for (const r of result) found.add(r.article.id);
          return result;
        };
        return search;
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export interface FindingScores {
  cases: number;
  inCandidates: number;
  inCard: number;
}

export interface SystemScores {
  all: FindingScores;
  few: FindingScores;
  /** Card articles that name the country or its people (proper noun or people form), of all card articles. */
  cardArticles: number;
  relevantCardArticles: number;
  missed: string[];
}

export interface PeopleFindingResult {
  engine: "SQLite" | "PostgreSQL";
  stored: number;
  cases: number;
  manyCases: number;
  sampledMany: number;
  countries: number;
  fewCountries: number;
  bySet: Record<string, number>;
  systems: Record<"briefbot" | "country name only", SystemScores>;
  ambiguous: { topic: string; system: string; headlines: string[] }[];
}

export async function evaluatePeopleFinding(
  evalDir: string,
  progress: (line: string) => void = () => {},
  postgresAdminUrl: string | null = null,
): Promise<PeopleFindingResult> {
  const judge = new PeopleJudge();
  const topicOf = new Map(judge.countries().map((c) => [c.code, TOPIC_OVERRIDES[c.code] ?? c.topic]));
  const articles = shuffled(loadArticles(evalDir, await loadUciNews(evalDir), await loadWikiRef(evalDir)));
  const { store, dispose } = await openEvalStore(postgresAdminUrl);
  try {
    progress(`storing ${articles.length} articles`);
    const feedIds = new Map<string, number>();
    const judged = new Map<number, { mentioned: Set<string>; peopleOnly: Set<string>; set: string }>();
    for (const [i, a] of articles.entries()) {
      let feedId = feedIds.get(a.source);
      if (feedId === undefined) {
        const slug = a.source.toLowerCase().replace(/[^a-z0-9]+/g, "-") || "feed";
        feedId = (
          await store.feeds.addFeed({
            url: `https://${slug}.example/feed`,
            title: a.source,
            siteLink: null,
            origin: null,
            refreshMinutes: 15,
            nextFetchAt: 0,
            createdAt: AS_OF - 30 * DAY_MS,
          })
        ).id;
        feedIds.set(a.source, feedId);
      }
      const publishedAt = Math.round(AS_OF - SPREAD_MS + (i * SPREAD_MS) / articles.length);
      const item: NewArticle = {
        url: `https://${feedId}.example/a/${i}`,
        guid: String(i),
        title: a.title,
        author: null,
        publishedAt,
        publishedAtEstimated: false,
        fetchedAt: publishedAt,
        summary: null,
        text: a.text,
        contentHash: `eval-${i}`,
        language: "en",
      };
      await store.articles.upsertArticles(feedId, [item], { backlog: false });
    }
    const stored = await store.articles.recentArticles({
      since: AS_OF - SPREAD_MS - DAY_MS,
      until: AS_OF + 1,
      limit: 100_000,
    });
    const setOfGuid = new Map(articles.map((a, i) => [String(i), a]));
    for (const s of stored) {
      const source = setOfGuid.get(s.guid ?? "");
      const verdict = judge.judge(`${s.title}\n${s.text}`);
      judged.set(s.id, {
        ...verdict,
        set: source?.set ?? "?",
        peopleOnly: source?.judged ? verdict.peopleOnly : new Set(),
      });
    }
    progress(`judged ${stored.length} articles`);

    // Cases: (article, country) where the article names the people only; others: the articles in
    // the case's window that name the country or its people.
    const published = new Map(stored.map((a) => [a.id, a.publishedAt]));
    const mentionTimes = new Map<string, number[]>();
    const cases: { id: number; code: string; asOf: number; others: number }[] = [];
    const bySet: Record<string, number> = {};
    for (const [id, v] of judged) {
      for (const code of v.mentioned)
        mentionTimes.set(code, [...(mentionTimes.get(code) ?? []), published.get(id) ?? 0]);
    }
    const countIn = (times: number[], since: number, until: number) =>
      times.filter((t) => t >= since && t < until).length;
    for (const [id, v] of judged) {
      for (const code of v.peopleOnly) {
        const asOf = (published.get(id) ?? 0) + CASE_LAG_MS;
        const others = countIn(mentionTimes.get(code) ?? [], asOf - WINDOW_MS, asOf + 1) - 1;
        cases.push({ id, code, asOf, others });
        bySet[v.set] = (bySet[v.set] ?? 0) + 1;
      }
    }
    const fewCases = cases.filter((c) => c.others <= FEW_OTHERS);
    const manyCases = cases.filter((c) => c.others > FEW_OTHERS);
    const step = Math.max(1, Math.ceil(manyCases.length / MANY_SAMPLE));
    const briefedCases = [...fewCases, ...manyCases.filter((_, i) => i % step === 0)];
    const empty = (): SystemScores => ({
      all: { cases: 0, inCandidates: 0, inCard: 0 },
      few: { cases: 0, inCandidates: 0, inCard: 0 },
      cardArticles: 0,
      relevantCardArticles: 0,
      missed: [],
    });
    const systems = { briefbot: empty(), "country name only": empty() };
    const brief = async (name: keyof typeof systems, topic: string, asOf: number, sinceMs = WINDOW_MS) => {
      const candidates = new Set<number>();
      const base = name === "briefbot" ? store.articles : nameOnly(store.articles);
      const { card, storyArticleIds } = await composeBrief(
        { articles: recording(base, candidates), feeds: store.feeds, clock: { now: () => asOf } },
        { topic, asOf, sinceMs },
      );
      return { card, candidates, inCard: new Set(storyArticleIds.slice(0, card.stories.length).flat()) };
    };
    let done = 0;
    for (const c of briefedCases) {
      const topic = topicOf.get(c.code) as string;
      const few = c.others <= FEW_OTHERS;
      for (const name of ["briefbot", "country name only"] as const) {
        const { candidates, inCard } = await brief(name, topic, c.asOf);
        const scores = systems[name];
        for (const bucket of few ? [scores.all, scores.few] : [scores.all]) {
          bucket.cases++;
          if (candidates.has(c.id)) bucket.inCandidates++;
          if (inCard.has(c.id)) bucket.inCard++;
        }
        if (!inCard.has(c.id) && name === "briefbot") {
          const a = stored.find((s) => s.id === c.id);
          scores.missed.push(`${topic}${few ? "" : " (many)"}: ${a?.title.slice(0, 70) ?? c.id}`);
        }
        for (const id of inCard) {
          scores.cardArticles++;
          if (judged.get(id)?.mentioned.has(c.code)) scores.relevantCardArticles++;
        }
      }
      if (++done % 20 === 0) progress(`${done}/${briefedCases.length} cases`);
    }
    const ambiguous: PeopleFindingResult["ambiguous"] = [];
    for (const topic of AMBIGUOUS_TOPICS) {
      for (const name of ["briefbot", "country name only"] as const) {
        const { card } = await brief(name, topic, AS_OF + 1, SPREAD_MS + DAY_MS);
        ambiguous.push({ topic, system: name, headlines: card.stories.map((s) => s.headline) });
      }
    }
    return {
      engine: postgresAdminUrl === null ? "SQLite" : "PostgreSQL",
      stored: stored.length,
      cases: cases.length,
      manyCases: manyCases.length,
      sampledMany: briefedCases.length - fewCases.length,
      countries: new Set(cases.map((c) => c.code)).size,
      fewCountries: new Set(fewCases.map((c) => c.code)).size,
      bySet,
      systems,
      ambiguous,
    };
  } finally {
    await dispose();
  }
}

const pct = (n: number, d: number) => (d === 0 ? "–" : `${((100 * n) / d).toFixed(1)}%`);

export function peopleFindingMarkdown(r: PeopleFindingResult, postgres: PeopleFindingResult | null = null): string {
  const rows = [r, ...(postgres ? [postgres] : [])].flatMap((run) =>
    (["briefbot", "country name only"] as const).map((name) => {
      const s = run.systems[name];
      const many = {
        cases: s.all.cases - s.few.cases,
        inCard: s.all.inCard - s.few.inCard,
        inCandidates: s.all.inCandidates - s.few.inCandidates,
      };
      return `| ${name}${postgres ? ` (${run.engine})` : ""} | ${s.few.inCard} / ${s.few.cases} (${pct(s.few.inCard, s.few.cases)}) | ${s.few.inCandidates} (${pct(s.few.inCandidates, s.few.cases)}) | ${many.inCard} / ${many.cases} (${pct(many.inCard, many.cases)}) | ${many.inCandidates} (${pct(many.inCandidates, many.cases)}) | ${pct(s.relevantCardArticles, s.cardArticles)} of ${s.cardArticles} |`;
    }),
  );
  const ours = r.systems.briefbot;
  const target = ours.few.cases > 0 && ours.few.inCard / ours.few.cases >= 0.8;
  const sets = Object.entries(r.bySet)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  return [
    "### Finding a country by its people (issue 15 point 7)",
    "",
    `${r.stored} articles (BBC News Summary, REALSumm CNN/DM, AllSides opinion set and dev trios, WikiRef220, UCI headlines as title-only items) in one SQLite store (and, with BRIEFBOT_EVAL_POSTGRES_URL set, a PostgreSQL one), spread evenly over 8 weeks (about 1,200 a week). A case is an article that names a people (the package's demonyms with plurals, plus a few forms the judge adds such as "Briton", "Philippine", "Saudi": test/eval/people-mentions.ts) but never its country (any name, alternative spelling or common short form, any case); REALSumm's lowercased texts are stored but never cases. Cases: ${r.cases} (${sets}) over ${r.countries} countries. Each case is briefed as \`brief <country>\` (\`composeBrief\`, 7-day window ending 6 hours after the article, 5 stories, ${CANDIDATE_LIMIT} candidates). Few other matches: at most ${FEW_OTHERS} other articles in that window name the country (proper noun) or its people: ${r.cases - r.manyCases} cases over ${r.fewCountries} countries, all briefed; of the ${r.manyCases} cases whose country has more, ${r.sampledMany} (every k-th) are briefed. Found = among the card's stories (what the reader sees); candidates = among the articles the store's search returned. Baseline: the same brief with the search given the country name only (no demonyms), same run. Precision: of the articles in those cards, the share that name the country as a proper noun or name its people.`,
    "",
    "| System | Few other matches: found in card | Few: in candidates | Many other matches (sample): found in card | Many: in candidates | Card articles naming the country |",
    "|---|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    `Target: at least 80% found by \`brief <country>\` when the country has few other matches: ${pct(ours.few.inCard, ours.few.cases)}: **${target ? "met" : "missed"}**.`,
    "",
    `Missed cases (few other matches first): ${[...ours.missed]
      .sort((a, b) => Number(a.includes("(many)")) - Number(b.includes("(many)")))
      .slice(0, 25)
      .join("; ")}${ours.missed.length > 25 ? `; and ${ours.missed.length - 25} more` : ""}.`,
    "",
    "Cards over the whole 8 weeks for country names that are also words, names or places elsewhere (for a hand check of false matches):",
    "",
    ...r.ambiguous.map(
      (a) =>
        `- \`brief ${a.topic}\`, ${a.system}: ${a.headlines.map((h) => `“${h.slice(0, 80)}”`).join("; ") || "(empty)"}`,
    ),
  ].join("\n");
}

export async function runPeopleFindingEval(
  evalDir: string,
  progress: (line: string) => void = () => {},
): Promise<{ markdown: string; result: PeopleFindingResult }> {
  const result = await evaluatePeopleFinding(evalDir, progress);
  // PostgreSQL on request (it doubles the section's time): BRIEFBOT_EVAL_POSTGRES_URL, a maintenance database URL.
  const adminUrl = process.env.BRIEFBOT_EVAL_POSTGRES_URL ?? null;
  const postgres = adminUrl ? await evaluatePeopleFinding(evalDir, progress, adminUrl) : null;
  return { markdown: peopleFindingMarkdown(result, postgres), result };
}
