// `briefbot migrate`: brings the configured database to the latest schema and says where it
// stands. Start-up migrates too; this is for deploys that migrate once before rolling instances.
import type { Logger } from "../briefing/ports.js";
import { openConfiguredStore } from "../compose-app.js";
import type { Config } from "../config.js";
import { migratePostgresDatabase } from "../store/postgres/open-postgres-store.js";
import { LATEST_SCHEMA_VERSION } from "../store/sqlite/migrations.js";
import { isPostgresUrl, redactDatabaseUrl } from "../store/store.js";
import type { CliIo } from "./cli-io.js";

export async function migrateCommand(config: Config, logger: Logger, io: CliIo): Promise<number> {
  const database = config.BRIEFBOT_DATABASE;
  if (isPostgresUrl(database)) {
    const outcome = await migratePostgresDatabase(database.trim(), {
      logger,
      poolSize: 1,
      statementTimeoutMs: 0,
      // A deploy step may start before the database: wait for it, saying so on stderr.
      connectWaitMs: Number.POSITIVE_INFINITY,
    });
    io.out(
      `${redactDatabaseUrl(database)}: schema version ${outcome.to}` +
        `${outcome.applied.length > 0 ? ` (applied ${outcome.applied.join(", ")})` : " (already up to date)"}.\n`,
    );
    return 0;
  }
  // Opening a SQLite file migrates it (one IMMEDIATE transaction per step).
  const store = await openConfiguredStore(config, logger);
  await store.close();
  io.out(`${database}: schema version ${LATEST_SCHEMA_VERSION}.\n`);
  return 0;
}
