// How many cases each property test tries: a bounded default so `npm test` stays quick, more
// through BRIEFBOT_PROPERTY_RUNS for a longer local run (see docs/testing.md).
const DEFAULT_RUNS = 200;

function askedRuns(): number | null {
  const asked = Number(process.env.BRIEFBOT_PROPERTY_RUNS);
  return Number.isInteger(asked) && asked > 0 ? asked : null;
}

export function propertyRuns(defaultRuns = DEFAULT_RUNS): number {
  return askedRuns() ?? defaultRuns;
}

/** A test's timeout: a minute for the bounded runs (a busy CI machine), an hour for a long local run. */
export function propertyTimeout(): number {
  return askedRuns() === null ? 60_000 : 3_600_000;
}
