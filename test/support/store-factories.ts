// The stores the engine's store-backed tests run on: SQLite (a temp file per open) and PostgreSQL
// (this file's own database, emptied per open; left out under npm run test:unit, which runs without
// a server). `for (const f of storeFactories()) describe(...)`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, inject } from "vitest";
import type { Logger } from "../../src/briefing/ports.js";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/store.js";
import { postgresTestDatabase } from "./postgres-test-database.js";

export interface StoreFactory {
  name: "sqlite" | "postgres";
  /** A fresh, empty, migrated store; the caller closes it. */
  open(): Promise<Store>;
  /** The BRIEFBOT_DATABASE value of the store the last open() returned. */
  database(): Promise<string>;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export const TEST_STORE_OPTIONS = {
  logger: silentLogger,
  poolSize: 4,
  statementTimeoutMs: 30_000,
  connectWaitMs: 5_000,
};

/** Registers afterAll hooks (temp files, test databases); call at a test file's top level. */
export function storeFactories(): StoreFactory[] {
  const dir = mkdtempSync(join(tmpdir(), "briefbot-stores-"));
  let files = 0;
  let lastFile = "";
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const postgres = postgresTestDatabase();
  const factories: StoreFactory[] = [
    {
      name: "sqlite",
      async open() {
        files += 1;
        lastFile = join(dir, `store-${files}.db`);
        return openStore(lastFile, TEST_STORE_OPTIONS);
      },
      async database() {
        return lastFile;
      },
    },
    {
      name: "postgres",
      async open() {
        await postgres.reset();
        return openStore(await postgres.url(), TEST_STORE_OPTIONS);
      },
      database: () => postgres.url(),
    },
  ];
  return inject("postgresAvailable") ? factories : factories.filter((f) => f.name !== "postgres");
}
