// Synthetic but realistic feeds for benchmarks: seeded news-like prose (names, numbers, quotes),
// RSS 2.0 with content:encoded HTML, stable per (feed, item) so a rerun sees identical documents.
import { seeded } from "../support/seeded-random.js";

const NAMES = [
  "Claudia Sheinbaum",
  "Donald Trump",
  "Marco Rubio",
  "Olaf Scholz",
  "Ursula von der Leyen",
  "Narendra Modi",
  "Lula da Silva",
  "Keir Starmer",
  "Emmanuel Macron",
  "Fumio Kishida",
  "Cyril Ramaphosa",
  "Javier Milei",
];
const PLACES = [
  "Mexico City",
  "Washington",
  "Brussels",
  "Berlin",
  "New Delhi",
  "Brasília",
  "London",
  "Paris",
  "Tokyo",
  "Pretoria",
  "Buenos Aires",
  "Ottawa",
];
const TOPICS = [
  "tariffs",
  "cartel violence",
  "interest rates",
  "the election",
  "the budget",
  "energy prices",
  "the trade deal",
  "migration",
  "the strike",
  "flooding",
  "the merger",
  "vaccine supply",
];
const VERBS = ["said", "told reporters", "announced", "warned", "confirmed", "denied", "argued", "insisted"];
const FILLER =
  "officials government minister talks week agreement plan report meeting support economy security market policy country leaders deal growth pressure response statement analysts record increase percent spokesman committee parliament".split(
    " ",
  );

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

function sentence(random: () => number): string {
  const filler = Array.from({ length: 6 + Math.floor(random() * 10) }, () => pick(random, FILLER)).join(" ");
  const n = Math.floor(random() * 900) + 10;
  return `${pick(random, NAMES)} ${pick(random, VERBS)} in ${pick(random, PLACES)} on Tuesday that ${pick(random, TOPICS)} would ${filler}, with ${n} ${pick(random, FILLER)}s expected by ${2026 + Math.floor(random() * 3)}.`;
}

export function articleHtml(random: () => number, paragraphs: number): string {
  return Array.from(
    { length: paragraphs },
    () => `<p>${Array.from({ length: 3 }, () => sentence(random)).join(" ")}</p>`,
  ).join("\n");
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** RSS 2.0 for feed `feed` with `items` items (about 250 words each). */
export function syntheticFeed(baseUrl: string, feed: number, items: number): string {
  const random = seeded(feed * 7919 + 1);
  const start = Date.UTC(2026, 10, 20, 12);
  const entries = Array.from({ length: items }, (_, i) => {
    const title = `${pick(random, NAMES)} on ${pick(random, TOPICS)} in ${pick(random, PLACES)} (${feed}-${i})`;
    const html = articleHtml(random, 4);
    const link = `${baseUrl}/articles/${feed}/${i}?utm_source=rss`;
    return `<item><title>${esc(title)}</title><link>${esc(link)}</link><guid>${feed}-${i}</guid><pubDate>${new Date(start - (feed * items + i) * 60_000).toUTCString()}</pubDate><description>${esc(sentence(random))}</description><content:encoded><![CDATA[${html}]]></content:encoded></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Synthetic feed ${feed}</title><link>${baseUrl}/</link><description>bench</description>\n${entries.join("\n")}\n</channel></rss>\n`;
}
