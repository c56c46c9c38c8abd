// Test runner settings: real files and loopback servers, so tests get generous timeouts and run
// in forked processes (better-sqlite3 is a native addon).
// `vitest run` (npm test, what CI runs) is the full suite. `vitest run --mode unit` (npm run test:unit)
// needs neither PostgreSQL nor ../shared/eval: it leaves out the files below and runs the
// store-backed suites on SQLite only.
import { defineConfig } from "vitest/config";

/** Test files that need the PostgreSQL server or the evaluation data in ../shared/eval. */
export const NEEDS_POSTGRES_OR_EVAL_DATA = [
  "test/store/postgres-store.test.ts",
  "test/cli/export-import.test.ts",
  "test/cli/migrate-command.test.ts",
  "test/cli/serve-fleet.test.ts",
  "test/adapters/feeds/feed-corpus.test.ts",
  "test/eval/load-clustering-sets.test.ts",
  "test/eval/rouge.test.ts",
];

export default defineConfig(({ mode }) => {
  const unit = mode === "unit";
  return {
    test: {
      include: ["test/**/*.test.ts"],
      exclude: unit ? ["**/node_modules/**", ...NEEDS_POSTGRES_OR_EVAL_DATA] : ["**/node_modules/**"],
      // Names this run's PostgreSQL test databases and drops them all at the end.
      globalSetup: unit ? [] : ["test/support/postgres-global-setup.ts"],
      // Read by test/support: without PostgreSQL, storeFactories() yields SQLite alone.
      provide: { postgresAvailable: !unit },
      pool: "forks",
      testTimeout: 20_000,
      hookTimeout: 20_000,
    },
  };
});
