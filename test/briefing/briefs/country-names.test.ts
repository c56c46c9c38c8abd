// The country names module is the world-countries package's data, derived, not typed by hand:
// this fails when the package or the derivation changes until the module is regenerated.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseTopicQuery, withCountryNames } from "../../../src/briefing/briefs/topic-query.js";
import {
  COUNTRY_NAMES_PATH,
  deriveCountryNames,
  renderCountryNamesModule,
} from "../../support/derive-country-names.js";

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
    expect(alternatives("dutch")).toEqual([[["caribbean", "netherlands"], ["netherlands"]]]);
    expect(withCountryNames(parseTopicQuery("tariffs"))).toEqual(parseTopicQuery("tariffs"));
  });
});
