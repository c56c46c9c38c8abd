// `npm run demo`: a fresh local database, the sample feed in examples/feeds ingested, and what
// was stored printed. No network, no keys: the first thing a new user runs.
import { readdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "../briefing/ports.js";
import { composeApp } from "../compose-app.js";
import type { Config } from "../config.js";
import type { CliIo } from "./cli-io.js";
import { ingestFile } from "./ingest-file.js";

/** examples/ sits at the package root, one level above src/ and dist/. */
export const EXAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../examples/feeds");

export async function demoCommand(config: Config, logger: Logger, io: CliIo): Promise<number> {
  const database = resolve(io.cwd, "data/demo.db");
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${database}${suffix}`, { force: true });
  const app = composeApp(config, logger, database);
  try {
    const files = readdirSync(EXAMPLES_DIR)
      .filter((f) => /\.(xml|rss|atom|json)$/.test(f))
      .sort();
    for (const file of files) {
      const result = await ingestFile(app.deps, join(EXAMPLES_DIR, file));
      io.out(
        `Ingested ${file}: feed #${result.feed.id} "${result.feed.title ?? ""}", ${result.items} items, ${result.inserted} stored.\n`,
      );
    }
    const articles = await app.store.articles.recentArticles({ limit: 50 });
    io.out(`\n${articles.length} articles in ${database}:\n`);
    for (const article of articles) {
      const words = article.text.split(/\s+/).filter(Boolean).length;
      io.out(
        `\n• ${article.title}\n  ${new Date(article.publishedAt).toISOString()}  ${words} words\n  ${article.url ?? "(no link)"}\n`,
      );
    }
    io.out(`\nTry: node dist/main.js feed inspect ${join(dirname(EXAMPLES_DIR), "feeds", files[0] ?? "")}\n`);
    return 0;
  } finally {
    await app.close();
  }
}
