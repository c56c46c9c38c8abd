// What a reader sees of a brief's card, kept to compare two stores' or two builds' answers (saved
// as JSON), and the differences between two of them named field by field for the bench's report.
import type { DigestCard } from "../../src/briefing/digest-card.js";

/** The card without article ids (a store's numbering, not something a reader sees). */
export function comparableCard(card: DigestCard) {
  return {
    title: card.title,
    subtitle: card.subtitle,
    notice: card.notice,
    emptyMessage: card.emptyMessage,
    counts: card.counts,
    stories: card.stories.map((s) => ({
      headline: s.headline,
      url: s.url,
      publishedAt: s.publishedAt,
      label: s.kind ?? "news",
      articleCount: s.articleCount,
      sentences: s.sentences.map((q) => ({
        text: q.text,
        url: q.url,
        source: q.source,
        supportedBy: q.supportedBy ?? [],
        alone: q.alone === true,
      })),
      sources: s.sources.map((o) => ({ name: o.name, url: o.url, title: o.title ?? null, label: o.kind ?? "news" })),
    })),
  };
}

export type ComparableCard = ReturnType<typeof comparableCard>;

/**
 * A saved answer: a card, or (files written before whole cards were kept) the story links joined
 * by newlines, which is all such a file can be compared on.
 */
export type SavedAnswer = ComparableCard | string;

const linksOf = (card: ComparableCard) => card.stories.map((s) => s.url ?? s.headline).join("\n");

export function sameAnswer(ours: ComparableCard, theirs: SavedAnswer): boolean {
  if (typeof theirs === "string") return linksOf(ours) === theirs;
  return JSON.stringify(ours) === JSON.stringify(theirs);
}

const clip = (text: string | null, max = 60) =>
  text === null ? "none" : JSON.stringify(text.length > max ? `${text.slice(0, max - 1)}…` : text);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Field by field, what differs between `ours` (the first) and `theirs` (the second): "a vs b". */
export function cardDifferences(ours: ComparableCard, theirs: SavedAnswer): string[] {
  if (typeof theirs === "string")
    return linksOf(ours) === theirs ? [] : ["story links (the saved file has links only)"];
  const out: string[] = [];
  for (const field of ["title", "subtitle", "notice", "emptyMessage"] as const)
    if (ours[field] !== theirs[field]) out.push(`${field} ${clip(ours[field])} vs ${clip(theirs[field])}`);
  if (!same(ours.counts, theirs.counts))
    out.push(`counts ${JSON.stringify(ours.counts)} vs ${JSON.stringify(theirs.counts)}`);
  // Stories are matched by link (headline when there is none): a story moved is one difference,
  // not five, and a matched pair is compared field by field.
  const key = (story: ComparableCard["stories"][number]) => story.url ?? story.headline;
  const firstKeys = ours.stories.map(key);
  const secondKeys = theirs.stories.map(key);
  const firstCommon = firstKeys.filter((k) => secondKeys.includes(k));
  const secondCommon = secondKeys.filter((k) => firstKeys.includes(k));
  if (!same(firstCommon, secondCommon))
    out.push(`stories in another order: ${secondCommon.map((k) => firstKeys.indexOf(k) + 1).join(",")} of the first`);
  for (const [i, a] of ours.stories.entries()) {
    const j = secondKeys.indexOf(key(a));
    const b = theirs.stories[j];
    if (!b) {
      out.push(`story ${i + 1} only in the first: ${clip(a.headline)}`);
      continue;
    }
    const at = `story ${i + 1}`;
    if (a.headline !== b.headline) out.push(`${at} headline ${clip(a.headline)} vs ${clip(b.headline)}`);
    if (a.label !== b.label) out.push(`${at} label ${a.label} vs ${b.label}`);
    if (a.articleCount !== b.articleCount) out.push(`${at} ${a.articleCount} vs ${b.articleCount} articles`);
    if (a.publishedAt !== b.publishedAt) out.push(`${at} time ${a.publishedAt} vs ${b.publishedAt}`);
    out.push(...sentenceDifferences(at, a.sentences, b.sentences), ...sourceDifferences(at, a.sources, b.sources));
  }
  for (const [j, b] of theirs.stories.entries())
    if (!firstKeys.includes(key(b))) out.push(`story ${j + 1} only in the second: ${clip(b.headline)}`);
  return out;
}

function sentenceDifferences(at: string, ours: ComparableCard["stories"][number]["sentences"], theirs: typeof ours) {
  const out: string[] = [];
  if (ours.length !== theirs.length) out.push(`${at} ${ours.length} vs ${theirs.length} quoted sentences`);
  for (let j = 0; j < Math.min(ours.length, theirs.length); j++) {
    const a = ours[j];
    const b = theirs[j];
    if (!a || !b) continue;
    const quote = `${at} quote ${j + 1}`;
    if (a.text !== b.text) out.push(`${quote} ${clip(a.text)} vs ${clip(b.text)}`);
    if (a.url !== b.url) out.push(`${quote} link ${a.url} vs ${b.url}`);
    const credit = (q: typeof a) =>
      `${q.source}${q.supportedBy.length > 0 ? ` +${q.supportedBy.join(", ")}` : ""}${q.alone ? " only" : ""}`;
    if (credit(a) !== credit(b)) out.push(`${quote} credit "${credit(a)}" vs "${credit(b)}"`);
  }
  return out;
}

function sourceDifferences(at: string, ours: ComparableCard["stories"][number]["sources"], theirs: typeof ours) {
  const out: string[] = [];
  const names = (list: typeof ours) => list.map((o) => o.name);
  if (!same(names(ours), names(theirs))) {
    const gone = names(ours).filter((n) => !names(theirs).includes(n));
    const added = names(theirs).filter((n) => !names(ours).includes(n));
    out.push(
      gone.length + added.length === 0
        ? `${at} sources in another order`
        : `${at} sources ${[...gone.map((n) => `-${n}`), ...added.map((n) => `+${n}`)].join(" ")}`,
    );
  }
  for (const a of ours) {
    const b = theirs.find((o) => o.name === a.name);
    if (!b) continue;
    if (a.url !== b.url) out.push(`${at} source ${a.name} link ${a.url} vs ${b.url}`);
    if (a.title !== b.title) out.push(`${at} source ${a.name} title ${clip(a.title)} vs ${clip(b.title)}`);
    if (a.label !== b.label) out.push(`${at} source ${a.name} label ${a.label} vs ${b.label}`);
  }
  return out;
}

/**
 * Per differing topic, a line naming it and how many fields differ, then the first `per` of them
 * indented below it; nothing when every card agrees.
 */
export function describeDifferences(
  topics: readonly string[],
  ours: (topic: string) => ComparableCard | undefined,
  theirs: (topic: string) => SavedAnswer | undefined,
  per = 4,
): { differ: number; lines: string[] } {
  const lines: string[] = [];
  let differ = 0;
  for (const topic of topics) {
    const a = ours(topic);
    const b = theirs(topic);
    if (a && b !== undefined && sameAnswer(a, b)) continue;
    differ += 1;
    const found = !a || b === undefined ? [`no card on ${a ? "the second" : "the first"} side`] : cardDifferences(a, b);
    if (found.length === 0) found.push("another card (in no field named here)");
    lines.push(`  ${JSON.stringify(topic)}: ${found.length} difference${found.length === 1 ? "" : "s"}`);
    for (const difference of found.slice(0, per)) lines.push(`    ${difference}`);
    if (found.length > per) lines.push(`    … and ${found.length - per} more`);
  }
  return { differ, lines };
}
