// The connection pool every PostgreSQL port shares: bigint columns parsed as JavaScript numbers
// (epoch ms and ids stay far below 2^53), a statement timeout, and a transaction helper.
import pg from "pg";

const INT8_OID = 20;
const INT8_ARRAY_OID = 1016;

function parseInt8(value: string): number {
  const n = Number(value);
  // Ids and epoch milliseconds are far below 2^53; a bigger value is a bug, not data to round.
  if (!Number.isSafeInteger(n)) throw new Error(`PostgreSQL returned ${value}, beyond JavaScript's safe integers`);
  return n;
}

/** pg-types lists only scalar type ids in its TypeId union; array ids are real ids all the same. */
const parserFor = pg.types.getTypeParser as (oid: number, format?: "text" | "binary") => (value: string) => unknown;
const arrayParser = parserFor(INT8_ARRAY_OID);

/** Type parsers for this pool only: other users of `pg` in the process keep the defaults. */
export const PG_TYPES = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8_OID) return parseInt8;
    if (oid === INT8_ARRAY_OID) return (value: string) => (arrayParser(value) as string[]).map(parseInt8);
    return parserFor(oid, format);
  },
} as pg.CustomTypesConfig;

export interface PoolSettings {
  /** Connections per instance (BRIEFBOT_DB_POOL_SIZE). */
  poolSize: number;
  /** Server-side limit per statement in ms (BRIEFBOT_DB_STATEMENT_TIMEOUT_MS); 0 means none. */
  statementTimeoutMs: number;
  /** Shown in pg_stat_activity, so an operator can tell the instances apart. */
  applicationName?: string;
}

export function createPostgresPool(url: string, settings: PoolSettings): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max: settings.poolSize,
    types: PG_TYPES,
    application_name: settings.applicationName ?? "briefbot",
    ...(settings.statementTimeoutMs > 0 ? { statement_timeout: settings.statementTimeoutMs } : {}),
    // A connection that cannot be made in 10 s is an outage; the caller's retry loop reports it.
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
}

/** Runs `work` in one transaction on one pooled connection; rolls back on any error. */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
