// Dates and windows as cards print them: UTC, minute precision, "last 7 days" wording.
// Pure (formats given instants; never reads the clock).

export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function describeWindow(windowMs: number): string {
  const hours = windowMs / 3_600_000;
  const last = (n: number, unit: string) => (n === 1 ? `in the last ${unit}` : `in the last ${n} ${unit}s`);
  if (hours < 1) return last(Math.round(windowMs / 60_000), "minute");
  if (hours < 48 && !Number.isInteger(hours / 24)) return last(Math.round(hours), "hour");
  const days = Math.round(hours / 24);
  return days === 1 ? "in the last day" : `in the last ${days} days`;
}
