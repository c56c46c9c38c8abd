// `briefbot ingest`: one pass over every due feed (progress on a terminal, a summary at the end,
// each failure named), then retention pruning; `--file` stores a local feed file instead.

import { keepFeedLeases } from "../adapters/feeds/keep-feed-leases.js";
import { countNoun } from "../briefing/commands/count-noun.js";
import { pollDueFeeds } from "../briefing/feeds/poll-due-feeds.js";
import type { App } from "../compose-app.js";
import { createArticleExtraction } from "../compose-extraction.js";
import { instanceId } from "../instance-id.js";
import { type CliIo, progress } from "./cli-io.js";
import { ingestFile } from "./ingest-file.js";

const DAY = 86_400_000;
/**
 * Feeds fetched at once in a pass; the fetcher still keeps one request per host. In bench:ingest
 * on 2 cores, 6 gave 2% fewer items/s than 8 (6,462 against 6,621, six alternating runs each) and
 * 13 MB less peak memory (210-219 MB against 224-228 MB); 4 was 6% slower still.
 */
export const INGEST_CONCURRENCY = 6;

export async function ingestCommand(
  app: App,
  io: CliIo,
  options: { file?: string; feedUrl?: string },
): Promise<number> {
  if (options.file) {
    const result = await ingestFile(app.deps, options.file, options.feedUrl);
    io.out(
      `${result.created ? "Added" : "Updated"} feed #${result.feed.id} ${result.feed.title ?? ""}: ` +
        `${countNoun(result.items, "item")} read, ${result.inserted} new, ${result.updated} updated.\n`,
    );
    return 0;
  }
  const bar = progress(io);
  const started = performance.now();
  let items = 0;
  const failures: string[] = [];
  // A manual pass beside running instances must not fetch what they are fetching.
  const lease = { holder: instanceId("ingest"), ms: app.config.BRIEFBOT_FEED_LEASE_MS };
  const summary = await keepFeedLeases(app.deps, lease, () =>
    pollDueFeeds(app.deps, {
      concurrency: INGEST_CONCURRENCY,
      limit: 100_000,
      lease,
      onOutcome: (outcome, done, total) => {
        if (outcome.status === "stored") items += outcome.items;
        if (outcome.status === "failed")
          failures.push(`  feed #${outcome.feedId}: ${outcome.error}${outcome.disabled ? " (now disabled)" : ""}`);
        bar.update(`ingest ${done}/${total} feeds`);
      },
    }),
  );
  const pruned = await app.store.articles.pruneArticles(
    app.deps.clock.now() - app.config.BRIEFBOT_RETENTION_DAYS * DAY,
  );
  bar.done();
  const seconds = (performance.now() - started) / 1000;
  // Operators size machines from these figures; bench:ingest reads them too.
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  io.out(
    `${countNoun(summary.due, "feed")} due: ${summary.stored} fetched, ${summary.notModified} unchanged, ${summary.failed} failed` +
      `${summary.disabled ? ` (${summary.disabled} disabled)` : ""}; ${countNoun(summary.inserted, "new article")}, ${summary.updated} updated` +
      `${pruned ? `; ${countNoun(pruned, "old article")} pruned` : ""}.\n` +
      `${countNoun(items, "item")} in ${seconds.toFixed(2)} s (${Math.round(items / Math.max(seconds, 0.001))} items/s); peak memory ${peakMb} MB.\n`,
  );
  if (failures.length > 0) io.out(`Failures:\n${failures.join("\n")}\n`);
  // Then the pages of teaser items (the figures above are the feeds' own, as bench:ingest reads them).
  const extraction = createArticleExtraction(app.config, app.deps);
  try {
    const pages = await extraction.extractor.runOnce();
    if (pages.due > 0) {
      io.out(
        `Full text: ${pages.due} pages due: ${pages.extracted} extracted, ${pages.kept} kept the feed's text, ` +
          `${pages.retried} to retry, ${pages.failed} failed${pages.merged ? `, ${pages.merged} merged as duplicates` : ""}.\n`,
      );
    }
  } finally {
    await extraction.close();
  }
  return 0;
}
