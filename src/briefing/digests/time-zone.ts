// IANA time zones for digest schedules: accepts what Intl knows (names such as Europe/Berlin and
// their aliases), returns the canonical spelling, and suggests the nearest name on a typo.
import { editDistance } from "../commands/edit-distance.js";
import { UserError } from "../errors.js";

/** Names Intl lists, computed once (a few hundred strings). */
let known: readonly string[] | undefined;
function knownZones(): readonly string[] {
  known ??= [...Intl.supportedValuesOf("timeZone"), "UTC"];
  return known;
}

/** The canonical name of an IANA zone, or null when Intl does not know it as an Area/City name. */
export function canonicalTimeZone(name: string): string | null {
  const trimmed = name.trim();
  // Intl also accepts abbreviations such as EST (which it maps to America/Panama): too ambiguous
  // for a schedule people rely on, so only Area/City names and UTC count.
  if (trimmed === "" || (!trimmed.includes("/") && !/^(utc|gmt)$/i.test(trimmed))) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The known zone nearest to a mistyped name (whole name or its city part), when one is close. */
export function suggestTimeZone(name: string): string | null {
  const wanted = name.trim().toLowerCase().replace(/\s+/g, "_");
  if (wanted === "") return null;
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const zone of knownZones()) {
    const lower = zone.toLowerCase();
    const city = lower.slice(lower.lastIndexOf("/") + 1);
    const d = Math.min(editDistance(wanted, lower), editDistance(wanted, city));
    if (d < bestDistance) {
      bestDistance = d;
      best = zone;
    }
  }
  // A third of the name (at least 2 edits) still reads as a typo; more is a different name.
  return best !== null && bestDistance <= Math.max(2, Math.floor(wanted.length / 3)) ? best : null;
}

/** The canonical zone, or a UserError that names the nearest known zone. */
export function parseTimeZone(name: string, usage: string): string {
  const zone = canonicalTimeZone(name);
  if (zone !== null) return zone;
  const suggestion = suggestTimeZone(name);
  throw new UserError(
    "unknown_time_zone",
    `"${name}" is not a time zone I know.${suggestion ? ` Did you mean ${suggestion}?` : ""} Use an IANA name such as Europe/Berlin or America/New_York. Usage: ${usage}`,
  );
}
