// How many cases each property test tries: a bounded default so `npm test` stays quick, more
// through BRIEFBOT_PROPERTY_RUNS for a longer local run (see docs/testing.md).
const DEFAULT_RUNS = 200;

export function propertyRuns(defaultRuns = DEFAULT_RUNS): number {
  const asked = Number(process.env.BRIEFBOT_PROPERTY_RUNS);
  return Number.isInteger(asked) && asked > 0 ? asked : defaultRuns;
}
