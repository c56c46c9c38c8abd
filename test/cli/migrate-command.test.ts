// `briefbot migrate` on a SQLite file and on a PostgreSQL database: brings the schema to the latest
// version, says so, and is a no-op the second time.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { LATEST_POSTGRES_VERSION } from "../../src/store/postgres/postgres-migrations.js";
import { LATEST_SCHEMA_VERSION } from "../../src/store/sqlite/migrations.js";
import { captureIo } from "../support/capture-io.js";
import { postgresTestDatabase } from "../support/postgres-test-database.js";

describe("briefbot migrate", () => {
  const postgres = postgresTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), "briefbot-migrate-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("migrates PostgreSQL once and reports the version without the password", async () => {
    const url = new URL(await postgres.another());
    url.password = "not-needed-with-trust";
    const env = { BRIEFBOT_DATABASE: url.toString(), BRIEFBOT_LOG_LEVEL: "silent" };
    const first = captureIo(env, dir);
    expect(await runCli(["migrate"], first)).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`schema version ${LATEST_POSTGRES_VERSION} \\(applied 1, 2`));
    expect(first.stdout).not.toContain("not-needed-with-trust");
    const second = captureIo(env, dir);
    expect(await runCli(["migrate"], second)).toBe(0);
    expect(second.stdout).toMatch(/already up to date/);
  });

  it("migrates a SQLite file", async () => {
    const io = captureIo({ BRIEFBOT_DATABASE: join(dir, "m.db"), BRIEFBOT_LOG_LEVEL: "silent" }, dir);
    expect(await runCli(["migrate"], io)).toBe(0);
    expect(io.stdout).toContain(`schema version ${LATEST_SCHEMA_VERSION}`);
  });
});
