// vitest global setup: gives this run an id that names its PostgreSQL test databases, and drops
// every database of this run at the end, so a worker that crashed before its afterAll leaks nothing.
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { adminQuery } from "./postgres-test-database.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgresRunId: string;
    /** False under `vitest run --mode unit` (npm run test:unit), which runs without a server. */
    postgresAvailable: boolean;
  }
}

export default function setup(project: TestProject): () => Promise<void> {
  const run = randomBytes(3).toString("hex");
  project.provide("postgresRunId", run);
  return async () => {
    try {
      const { rows } = await adminQuery(
        `SELECT datname FROM pg_database WHERE datname LIKE 'briefbot\\_test\\_${run}\\_%'`,
      );
      for (const row of rows as Array<{ datname: string }>) {
        await adminQuery(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
      }
    } catch {
      // No server: the PostgreSQL tests have already failed and said why.
    }
  };
}
