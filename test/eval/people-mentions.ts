// The evaluation's own judge of which countries an article names and which peoples it names
// ("Belgian", "Thais", "Filipinos"), written apart from the product's country helpers so the people-finding row is not scored by the code it measures.
import countriesModule, { type Countries } from "world-countries";

// The package is CommonJS with a default export typed as ESM (see test/support/derive-country-names.ts).
const countries: Countries =
  (countriesModule as unknown as { default?: Countries }).default ?? (countriesModule as unknown as Countries);

/**
 * People forms news uses that the package's demonyms lack, by ISO code: typed here for the judge
 * only (the product must not read this list), from common English usage.
 */
const EXTRA_PEOPLE: Record<string, string[]> = {
  GB: ["Briton", "Brit"],
  PH: ["Philippine", "Filipina"],
  SA: ["Saudi"],
  AR: ["Argentinian", "Argentinean"],
  EC: ["Ecuadorian"],
  KG: ["Kyrgyz"],
  TJ: ["Tajik"],
  KZ: ["Kazakh"],
  UZ: ["Uzbek"],
  NP: ["Nepali"],
  SI: ["Slovenian"],
  LA: ["Lao"],
  MV: ["Maldivian"],
  FR: ["Frenchman", "Frenchmen", "Frenchwoman"],
  NL: ["Dutchman", "Dutchmen"],
  IE: ["Irishman", "Irishmen"],
  AF: ["Afghani"],
};

/**
 * Other names of a country, by ISO code: an article using one of them names the country, so it
 * is not a "people only" case (conservative: the judge would rather drop a case than invent one).
 */
const EXTRA_NAMES: Record<string, string[]> = {
  GB: ["Britain", "England", "Scotland", "Wales", "Northern Ireland", "U.K."],
  TR: ["Turkey"],
  US: ["America", "U.S.", "U.S.A.", "U.S"],
  NL: ["Holland"],
  MM: ["Burma"],
  CZ: ["Czech Republic"],
  KR: ["Korea"],
  KP: ["Korea"],
  CD: ["Congo"],
  CG: ["Congo"],
  SZ: ["Swaziland"],
  TL: ["East Timor"],
  MK: ["Macedonia"],
  CV: ["Cape Verde"],
  VA: ["Vatican", "Holy See"],
};

/** A people form right after these words belongs to a longer name ("Latin American", "South African"). */
const LONGER_NAME_BEFORE = new Set([
  "latin",
  "south",
  "north",
  "central",
  "native",
  "northern",
  "southern",
  "western",
  "eastern",
  "west",
  "east",
  "new",
  "equatorial",
  "anglo",
  "afro",
  "african",
  "asian",
  "pan",
]);
/** ...or right before these ("Indian Ocean"). */
const LONGER_NAME_AFTER = new Set(["ocean", "islands", "island", "republic"]);

export interface JudgedCountry {
  code: string;
  /** The package's common English name, lowercase: what a reader types after `brief`. */
  topic: string;
  names: string[];
  people: string[];
}

function plural(form: string): string[] {
  return /(?:s|sh|ch|x|z|ese|i)$/.test(form) ? [form] : [form, `${form}s`];
}

/** "Antiguan, Barbudan", "Kittitian or Nevisian" → each form. */
function splitForms(demonym: string | undefined): string[] {
  return (demonym ?? "").split(/,\s*|\s+or\s+/).flatMap((f) => (f.trim() === "" ? [] : [f.trim()]));
}

const LATIN = /^[\p{Script=Latin}\s'’.-]+$/u;

/** Every country with its names and people forms; a form two UN members share (Congolese, Dominican) is left out. */
export function judgedCountries(): JudgedCountry[] {
  const formOwners = new Map<string, string[]>();
  for (const c of countries) {
    for (const form of [...splitForms(c.demonyms?.eng?.m), ...splitForms(c.demonyms?.eng?.f)]) {
      const owners = formOwners.get(form) ?? [];
      if (!owners.includes(c.cca2)) owners.push(c.cca2);
      formOwners.set(form, owners);
    }
  }
  const unMember = new Map(countries.map((c) => [c.cca2, c.unMember]));
  const owner = (form: string): string | null => {
    const owners = formOwners.get(form) ?? [];
    if (owners.length === 1) return owners[0] as string;
    const members = owners.filter((o) => unMember.get(o));
    return members.length === 1 ? (members[0] as string) : null;
  };
  return countries.map((c) => {
    const names = [
      c.name.common,
      c.name.official,
      ...(c.altSpellings ?? []).filter((s) => LATIN.test(s) && s.length > 1),
      ...(EXTRA_NAMES[c.cca2] ?? []),
    ];
    const own = [...splitForms(c.demonyms?.eng?.m), ...splitForms(c.demonyms?.eng?.f)].filter(
      (f) => owner(f) === c.cca2,
    );
    const people = [...new Set([...own, ...(EXTRA_PEOPLE[c.cca2] ?? [])].flatMap(plural))];
    // A native name that is also a people form ("Prathet Thai" lists "Thai") is not a name of the country.
    const peopleKeys = new Set(people.map((p) => p.toLowerCase()));
    return {
      code: c.cca2,
      topic: c.name.common
        .normalize("NFD")
        .replace(/\p{M}+/gu, "")
        .toLowerCase(),
      names: [...new Set(names)].filter((n) => !peopleKeys.has(n.toLowerCase())),
      people,
    };
  });
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A phrase as a regex over words, spaces and hyphens interchangeable. */
const phraseSource = (phrase: string) => escapeRegex(phrase).replace(/(?:\\-|\s)+/g, "[\\s-]+");

interface CompiledCountry {
  country: JudgedCountry;
  /** Any name, case-insensitive (all-capital codes such as "UK" case-sensitive). */
  anyName: RegExp[];
  /** A name written as a proper noun (capitalized): what the precision check accepts. */
  properName: RegExp;
  people: RegExp;
  /** Lowercase words one of which a text must hold before the regexes are worth running. */
  keys: string[];
}

const WORDS = /[\p{L}\p{N}]+/gu;
const tokenSet = (text: string) => new Set(text.toLowerCase().match(WORDS) ?? []);

export class PeopleJudge {
  readonly #compiled: CompiledCountry[];

  constructor(judged: readonly JudgedCountry[] = judgedCountries()) {
    this.#compiled = judged
      .filter((c) => c.people.length > 0)
      .map((country) => {
        const caps = country.names.filter((n) => /^[A-Z.]{2,6}$/.test(n));
        const words = country.names.filter((n) => !/^[A-Z.]{2,6}$/.test(n));
        const anyName: RegExp[] = [];
        if (words.length > 0)
          anyName.push(
            new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(phraseSource).join("|")})(?![\\p{L}\\p{N}])`, "iu"),
          );
        if (caps.length > 0)
          anyName.push(new RegExp(`(?<![\\p{L}\\p{N}])(?:${caps.map(escapeRegex).join("|")})(?![\\p{L}\\p{N}])`, "u"));
        const proper = new RegExp(
          `(?<![\\p{L}\\p{N}])(?:${country.names.map(phraseSource).join("|")})(?![\\p{L}\\p{N}])`,
          "u",
        );
        // Longest forms first, so "Papua New Guinean" is not read as "Guinean".
        const forms = [...country.people].sort((a, b) => b.length - a.length);
        const alternatives = forms.flatMap((f) => [phraseSource(f), phraseSource(f.toUpperCase())]);
        const people = new RegExp(`(?<![\\p{L}\\p{N}])(${alternatives.join("|")})(?![\\p{L}\\p{N}])`, "gu");
        const keys = [...country.names, ...country.people].flatMap(
          (n) => n.toLowerCase().match(WORDS)?.slice(0, 1) ?? [],
        );
        return { country, anyName, properName: proper, people, keys: [...new Set(keys)] };
      });
  }

  countries(): JudgedCountry[] {
    return this.#compiled.map((c) => c.country);
  }

  /** What the text says: countries named as a proper noun or by their people (relevant), and those named only by their people. */
  judge(text: string): { mentioned: Set<string>; peopleOnly: Set<string> } {
    const tokens = tokenSet(text);
    const mentioned = new Set<string>();
    const peopleOnly = new Set<string>();
    for (const c of this.#compiled) {
      if (!c.keys.some((k) => tokens.has(k))) continue;
      const people = this.#namesPeople(c, text);
      if (people || c.properName.test(text)) mentioned.add(c.country.code);
      if (people && !c.anyName.some((r) => r.test(text))) peopleOnly.add(c.country.code);
    }
    return { mentioned, peopleOnly };
  }

  #namesPeople(c: CompiledCountry, text: string): boolean {
    for (const m of text.matchAll(c.people)) {
      const before = /([\p{L}]+)[\s-]+$/u.exec(text.slice(Math.max(0, m.index - 20), m.index))?.[1];
      const after = /^[\s-]+([\p{L}]+)/u.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 20))?.[1];
      if (before && LONGER_NAME_BEFORE.has(before.toLowerCase())) continue;
      if (after && LONGER_NAME_AFTER.has(after.toLowerCase())) continue;
      return true;
    }
    return false;
  }
}
