// `npm run demo`: a fresh local database, the sample feeds in examples/feeds ingested, and the
// `/brief mexico` card printed. No network, no keys: the first thing a new user runs.
import { readdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { renderTextCard } from "../adapters/render/render-text-card.js";
import { buildBrief } from "../briefing/briefs/build-brief.js";
import { countNoun } from "../briefing/commands/count-noun.js";
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
  const app = await composeApp(config, logger, { database });
  try {
    const files = readdirSync(EXAMPLES_DIR)
      .filter((f) => /\.(xml|rss|atom|json)$/.test(f))
      .sort();
    for (const file of files) {
      const result = await ingestFile(app.deps, join(EXAMPLES_DIR, file));
      io.out(
        `Ingested ${file}: feed #${result.feed.id} "${result.feed.title ?? ""}", ${countNoun(result.items, "item")}, ${result.inserted} stored.\n`,
      );
    }
    // The sample reports are from January 2026: ask "as of" the day after the newest one, so the
    // demo shows the same card whatever today's date is.
    const [newest] = await app.store.articles.recentArticles({ limit: 1 });
    const asOf = (newest?.publishedAt ?? app.deps.clock.now()) + 12 * 3_600_000;
    const card = await buildBrief(
      { articles: app.store.articles, feeds: app.store.feeds, clock: app.deps.clock },
      { topic: "mexico", asOf },
    );
    io.out(`\n$ briefbot brief mexico --as-of ${new Date(asOf).toISOString()}\n\n`);
    io.out(renderTextCard(card, { colour: io.isTty }));
    io.out(`\nThe database is ${database}. Try: BRIEFBOT_DATABASE=${database} npx briefbot console\n`);
    return 0;
  } finally {
    await app.close();
  }
}
