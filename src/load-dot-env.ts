// Reads ./.env into the environment before anything else runs. Its own module so the entry point
// loads it without the configuration's schema (zod), which `briefbot --help` never needs.
import { existsSync } from "node:fs";

/** Loads `.env` into process.env when it exists (Node's own env-file support; variables already set win). */
export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
