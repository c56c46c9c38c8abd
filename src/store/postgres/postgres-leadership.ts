// Fleet leadership on PostgreSQL: a session advisory lock held on a dedicated connection. Exactly one
// instance holds it; when that process dies its connection closes, the server releases the lock,
// and the next standby that asks gets it. Used for the one Discord gateway connection per fleet.
import pg from "pg";
import type { Logger } from "../../briefing/ports.js";
import type { LeaderLease, Leadership } from "../store.js";
import { PG_TYPES } from "./postgres-pool.js";

/** How often the holder checks its connection, so a broken one is noticed within seconds. */
const HEARTBEAT_MS = 5_000;

export class PostgresLeadership implements Leadership {
  readonly #url: string;
  readonly #logger: Logger;

  constructor(url: string, logger: Logger) {
    this.#url = url;
    this.#logger = logger;
  }

  async tryAcquire(name: string): Promise<LeaderLease | null> {
    const client = new pg.Client({
      connectionString: this.#url,
      types: PG_TYPES,
      application_name: `briefbot leader:${name}`,
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    });
    // An error on an idle client is reported through 'error'; without a listener it would crash the process.
    let onLost: () => void = () => {};
    const lost = new Promise<void>((resolve) => {
      onLost = resolve;
    });
    client.on("error", (error) => {
      this.#logger.warn({ err: error, lock: name }, "leader connection broke; giving up leadership");
      onLost();
    });
    client.on("end", () => onLost());
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok", [
      `briefbot:leader:${name}`,
    ]);
    if (rows[0]?.ok !== true) {
      await client.end().catch(() => {});
      return null;
    }
    const heartbeat = setInterval(() => {
      client.query("SELECT 1").catch(() => onLost());
    }, HEARTBEAT_MS);
    heartbeat.unref();
    void lost.then(() => clearInterval(heartbeat));
    return {
      lost,
      async release() {
        clearInterval(heartbeat);
        // Ending the session releases every advisory lock it holds.
        await client.end().catch(() => {});
        onLost();
      },
    };
  }
}
