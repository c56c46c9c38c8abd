// Bounds every store applies the same way to what a caller asks for: open ends of a time window
// and row limits, so SQLite and PostgreSQL answer odd inputs alike.

/** Open ends of a time window, as bound parameters (epoch ms; far beyond any real date). */
export const EARLIEST = Number.MIN_SAFE_INTEGER;
export const LATEST = Number.MAX_SAFE_INTEGER;

/** A caller's limit as a row count: 0, negative, NaN or Infinity mean nothing (SQLite reads a negative LIMIT as none). */
export function rowLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
}
