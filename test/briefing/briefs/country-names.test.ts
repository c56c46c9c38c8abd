// The country names module is the world-countries package's data, derived, not typed by hand:
// this fails when the package or the derivation changes until the module is regenerated.
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { COUNTRY_NAMES } from "../../../src/briefing/briefs/country-names.js";
import { parseTopicQuery, withCountryNames } from "../../../src/briefing/briefs/topic-query.js";
import { stem } from "../../../src/briefing/stories/text/stem.js";
import {
  COUNTRY_NAMES_PATH,
  deriveCountryNames,
  renderCountryNamesModule,
} from "../../support/derive-country-names.js";
import { adminQuery } from "../../support/postgres-test-database.js";

describe("country names", () => {
  it("are exactly what test/support/derive-country-names.ts derives from world-countries", () => {
    expect(readFileSync(COUNTRY_NAMES_PATH, "utf8")).toBe(renderCountryNamesModule(deriveCountryNames()));
  });

  it("expand a country to its people and a people to its country, compared on stems", () => {
    const alternatives = (topic: string) => withCountryNames(parseTopicQuery(topic)).alternatives;
    expect(alternatives("chile")).toEqual([[["chilean"]]]);
    expect(alternatives("Chileans")).toEqual([[["chile"]]]);
    expect(alternatives("thai")).toEqual([[["thailand"]]]);
    // "New Zealander" has the stems of "new zealand": the index already matches it.
    expect(alternatives('"new zealand" vote')).toBeUndefined();
    expect(alternatives("dutch")).toEqual([[["netherlands"]]]);
    expect(withCountryNames(parseTopicQuery("tariffs"))).toEqual(parseTopicQuery("tariffs"));
  });

  it("join words typed apart that together name a country into one phrase with its people", () => {
    expect(withCountryNames(parseTopicQuery("South Africa"))).toEqual({
      groups: [["south", "africa"]],
      alternatives: [[["rsa"], ["south", "african"]]],
    });
    expect(withCountryNames(parseTopicQuery("united states election")).groups).toEqual([
      ["united", "states"],
      ["election"],
    ]);
    expect(withCountryNames(parseTopicQuery("saudi arabia")).alternatives).toEqual([[["saudi"], ["saudi", "arabian"]]]);
    // The longest name wins: "papua new guinea" is one country, not "papua" and "new guinea".
    expect(withCountryNames(parseTopicQuery("papua new guinea")).groups).toEqual([["papua", "new", "guinea"]]);
    // Words that name no country stay apart.
    expect(withCountryNames(parseTopicQuery("south china sea")).groups).toEqual([["south"], ["china"], ["sea"]]);
  });

  it("give a demonym two countries share to the one UN member, and a name two countries claim to neither", () => {
    const alternatives = (topic: string) =>
      withCountryNames(parseTopicQuery(topic)).alternatives?.[0]?.map((p) => p.join(" "));
    expect(alternatives("american")).toEqual(["united states", "usa"]);
    expect(alternatives("china")).toEqual(["chinese"]);
    expect(alternatives("north korea")).not.toContain("korea");
    expect(alternatives("taiwan")).not.toContain("china");
    expect(alternatives("dominica")).toBeUndefined();
    expect(alternatives("dominican republic")).toEqual(["dominican"]);
  });

  it("add the forms the package spells apart or only in a currency's name", () => {
    const alternatives = (topic: string) =>
      withCountryNames(parseTopicQuery(topic)).alternatives?.[0]?.map((p) => p.join(" "));
    // "Philippine" has the stems of "philippines": the index already matches it.
    expect(alternatives("philippines")).toEqual(["filipino"]);
    expect(alternatives("maldives")).toEqual(["maldivan", "maldivian"]);
    expect(alternatives("bosnia and herzegovina")).toEqual(expect.arrayContaining(["bosnian", "herzegovinian"]));
    expect(alternatives("united kingdom")).toEqual(["uk", "great britain", "british"]);
  });

  // withCountryNames leaves out a name with the Porter stems of another ("new zealander"), trusting
  // the index to match it: PostgreSQL's english config must agree with FTS5's porter tokenizer there.
  it.runIf(inject("postgresAvailable"))(
    "leave out only names PostgreSQL's english config stems alike too",
    async () => {
      const key = (name: string) => name.split(" ").map(stem).join(" ");
      const pairs = COUNTRY_NAMES.flatMap((set) =>
        set.flatMap((a) => set.filter((b) => a < b && key(a) === key(b)).map((b) => [a, b])),
      );
      expect(pairs.length).toBeGreaterThan(5);
      const differ: string[] = [];
      for (const [a, b] of pairs) {
        // Folded names: lowercase letters, digits and spaces only, safe inside a literal.
        const { rows } = await adminQuery(
          `SELECT plainto_tsquery('english', '${a}')::text = plainto_tsquery('english', '${b}')::text AS same`,
        );
        if (rows[0]?.same !== true) differ.push(`${a} / ${b}`);
      }
      expect(differ).toEqual([]);
    },
  );
});
