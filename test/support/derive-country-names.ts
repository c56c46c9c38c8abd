// Derives src/briefing/briefs/country-names.ts from the installed world-countries package: each
// country's common English name, English alternative spellings and demonyms, folded as topic words are. The test in
// test/briefing/briefs/country-names.test.ts keeps the two equal; `npx tsx
// test/support/derive-country-names.ts` rewrites the module after a package update.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import countriesModule, { type Countries } from "world-countries";

// The package is CommonJS with a default export typed as ESM: under NodeNext the default import
// is the module object, whose `default` holds the list (tsx and node agree at run time).
const countries: Countries =
  (countriesModule as unknown as { default?: Countries }).default ?? (countriesModule as unknown as Countries);

/** Lowercase, accents removed, words of letters and digits joined by one space: "Côte" → "cote". */
function fold(name: string): string {
  const words =
    name
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.join(" ");
}

/** "Republic of Turkey" → "Turkey": the form of an official name before it. */
const STATE_FORM =
  /^(?:[A-Za-z' ]+ )?(?:Republic|Kingdom|State|Commonwealth|Federation|Principality|Sultanate|Grand Duchy) of (?:the )?([A-Za-z' ]+)$/;

/**
 * The English alternative spellings a reader might type: abbreviations ("UK", "USA"; not the
 * two-letter ISO code, as "US" and "IT" are words) and the X of an ASCII "Republic of X". Other
 * spellings are left out: many are native names that are English words ("Island" for Iceland).
 */
function englishAlternatives(altSpellings: readonly string[], code: string): string[] {
  const found: string[] = [];
  for (const spelling of altSpellings) {
    if (spelling === code || !/^[A-Za-z' .-]+$/.test(spelling)) continue;
    const form = STATE_FORM.exec(spelling);
    if (form?.[1]) found.push(form[1]);
    else if (/^[A-Z]{2,5}$/.test(spelling)) found.push(spelling);
  }
  return found;
}

/** "Antiguan, Barbudan" and "Kittitian or Nevisian" are two demonyms each. */
function demonymForms(demonym: string | undefined): string[] {
  return (demonym ?? "").split(/,\s*|\s+or\s+/).filter((f) => f.trim() !== "");
}

/** The words of `part` occur, in order and adjacent, in `whole`: "Great Britain" in the official name of the UK. */
function isPartOf(part: string, whole: string): boolean {
  return ` ${fold(whole)} `.includes(` ${fold(part)} `);
}

/**
 * The adjective of a currency only this country uses, when it is one word that begins like the
 * country's name: "Philippine" (peso), "Saudi" (riyal), "Lao" (kip). News names peoples by these
 * adjectives ("Philippine troops") as often as by the demonym.
 */
function currencyAdjectives(country: Countries[number], usedBy: ReadonlyMap<string, number>): string[] {
  const found: string[] = [];
  for (const [code, currency] of Object.entries(country.currencies ?? {})) {
    if (usedBy.get(code) !== 1) continue;
    const words = currency.name.split(" ");
    const adjective = words.slice(0, -1).join(" ");
    if (words.length !== 2 || !/^[A-Z][a-z]+$/.test(adjective)) continue;
    if (fold(adjective).slice(0, 3) === fold(country.name.common).slice(0, 3)) found.push(adjective);
  }
  return found;
}

/**
 * Per country, its distinct names (common name first), sorted by common name. An alternative name
 * another country also claims is left out ("China" for Taiwan and Macau, "Korea" for either Korea), and
 * so is one that holds the common name or a demonym ("Republic of Chile", "French Republic");
 * a demonym several countries share stays only with the one UN member among them ("American" is
 * the United States', not the Northern Mariana Islands'), or with the member whose name uses it
 * ("Dominican" is the Dominican Republic's, not Dominica's).
 */
export function deriveCountryNames(): string[][] {
  const usedBy = new Map<string, number>();
  for (const country of countries) {
    for (const code of Object.keys(country.currencies ?? {})) usedBy.set(code, (usedBy.get(code) ?? 0) + 1);
  }
  const alternativesOf = (country: Countries[number]) => [
    ...englishAlternatives(country.altSpellings ?? [], country.cca2),
    ...(country.altSpellings ?? []).filter(
      (a) => /^[A-Za-z' -]+$/.test(a) && a !== country.cca2 && isPartOf(a, country.name.official),
    ),
  ];
  const claims = new Map<string, number>();
  const demonymOwners = new Map<string, Countries[number][]>();
  for (const country of countries) {
    const names = new Set([fold(country.name.common), ...alternativesOf(country).map(fold)]);
    for (const name of names) claims.set(name, (claims.get(name) ?? 0) + 1);
    const forms = new Set(
      [...demonymForms(country.demonyms?.eng?.m), ...demonymForms(country.demonyms?.eng?.f)].map(fold),
    );
    for (const form of forms) demonymOwners.set(form, [...(demonymOwners.get(form) ?? []), country]);
  }
  const keepsDemonym = (form: string, country: Countries[number]) => {
    const owners = demonymOwners.get(form) ?? [];
    const members = owners.filter((o) => o.unMember);
    // Two members sharing a demonym: the one whose very name uses it ("Dominican Republic", not Dominica).
    const named = members.filter((o) => isPartOf(form, o.name.common));
    if (named.length === 1) return named[0] === country;
    return members.length !== 1 || members[0] === country;
  };
  const sets: string[][] = [];
  for (const country of countries) {
    const common = fold(country.name.common);
    const demonyms = [...demonymForms(country.demonyms?.eng?.m), ...demonymForms(country.demonyms?.eng?.f)]
      .map(fold)
      .filter((n) => keepsDemonym(n, country));
    const adjectives = currencyAdjectives(country, usedBy).map(fold);
    const shorter = [common, ...demonyms, ...adjectives];
    const alternatives = alternativesOf(country)
      .map(fold)
      // "Republic of Chile" or "French Republic" finds nothing "Chile" or "French" does not.
      .filter((n) => (claims.get(n) ?? 0) < 2 && !shorter.some((m) => m !== n && isPartOf(m, n)));
    const names = [common, ...alternatives, ...demonyms, ...adjectives].filter((n) => n !== "");
    const distinct = [...new Set(names)];
    if (distinct.length > 1) sets.push(distinct);
  }
  return sets.sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}

export const COUNTRY_NAMES_PATH = resolve(import.meta.dirname, "../../src/briefing/briefs/country-names.ts");

export function renderCountryNamesModule(sets: readonly string[][]): string {
  const lines = sets.map((set) => {
    const line = `  [${set.map((n) => JSON.stringify(n)).join(", ")}],`;
    // Wrapped as Biome formats a line over 120 characters, so the check leaves the module as written.
    return line.length <= 120 ? line : ["  [", ...set.map((n) => `    ${JSON.stringify(n)},`), "  ],"].join("\n");
  });
  return [
    '// Country names and demonyms, both ways, so /brief chile also finds "Chilean" (issue 15).',
    "// Generated from the world-countries package by test/support/derive-country-names.ts: do not edit.",
    "",
    "/** Per country: its common English name, English alternative spellings and demonyms, lowercase, accents folded. */",
    "export const COUNTRY_NAMES: readonly (readonly string[])[] = [",
    ...lines,
    "];",
    "",
  ].join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  writeFileSync(COUNTRY_NAMES_PATH, renderCountryNamesModule(deriveCountryNames()));
  process.stdout.write(`Wrote ${COUNTRY_NAMES_PATH}\n`);
}
