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

/** Per country, its distinct names (common name first), sorted by common name. */
export function deriveCountryNames(): string[][] {
  const sets: string[][] = [];
  for (const country of countries) {
    const names = [
      country.name.common,
      ...englishAlternatives(country.altSpellings ?? [], country.cca2),
      country.demonyms?.eng?.m,
      country.demonyms?.eng?.f,
    ]
      .filter((n): n is string => typeof n === "string" && n.trim() !== "")
      .map(fold)
      .filter((n) => n !== "");
    const distinct = [...new Set(names)];
    if (distinct.length > 1) sets.push(distinct);
  }
  return sets.sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}

export const COUNTRY_NAMES_PATH = resolve(import.meta.dirname, "../../src/briefing/briefs/country-names.ts");

export function renderCountryNamesModule(sets: readonly string[][]): string {
  const lines = sets.map((set) => `  [${set.map((n) => JSON.stringify(n)).join(", ")}],`);
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
