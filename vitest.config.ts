// Test runner settings: real files and loopback servers, so tests get generous timeouts and run
// in forked processes (better-sqlite3 is a native addon).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Names this run's PostgreSQL test databases and drops them all at the end.
    globalSetup: ["test/support/postgres-global-setup.ts"],
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
