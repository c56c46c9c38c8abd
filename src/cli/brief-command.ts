// `briefbot brief <topic> [--since 7d] [--stories N] [--as-of ISO] [--format text|markdown|json]`:
// the /brief card on the command line, rendered for a terminal, as Markdown or as JSON.

import { renderMarkdownCard } from "../adapters/render/render-markdown-card.js";
import { renderTextCard } from "../adapters/render/render-text-card.js";
import { buildBrief } from "../briefing/briefs/build-brief.js";
import { MAX_STORIES, parseDuration } from "../briefing/commands/command.js";
import type { App } from "../compose-app.js";
import { type CliIo, UsageError } from "./cli-io.js";

export interface BriefOptions {
  since?: string | undefined;
  stories?: string | undefined;
  asOf?: string | undefined;
  format?: string | undefined;
}

const FORMATS = ["text", "markdown", "json"] as const;

function parseAsOf(value: string | undefined): number | null {
  if (value === undefined) return null;
  const ms = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw new UsageError(`--as-of "${value}" is not an ISO 8601 time; write for example --as-of 2026-01-14T08:00:00Z.`);
  return ms;
}

export async function briefCommand(app: App, io: CliIo, topic: string, options: BriefOptions): Promise<number> {
  const format = options.format ?? "text";
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")}.`);
  const stories = options.stories === undefined ? null : Number(options.stories);
  if (stories !== null && (!Number.isInteger(stories) || stories < 1 || stories > MAX_STORIES)) {
    throw new UsageError(`--stories must be a whole number from 1 to ${MAX_STORIES}.`);
  }
  const card = await buildBrief(
    { articles: app.store.articles, feeds: app.store.feeds, clock: app.deps.clock },
    {
      topic: topic || null,
      sinceMs: options.since ? parseDuration(options.since) : null,
      maxStories: stories,
      asOf: parseAsOf(options.asOf),
    },
  );
  if (format === "json") io.out(`${JSON.stringify(card, null, 2)}\n`);
  else if (format === "markdown") io.out(renderMarkdownCard(card));
  else io.out(renderTextCard(card, { colour: io.isTty }));
  return 0;
}
