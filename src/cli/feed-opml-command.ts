// `briefbot feed import <file.opml> [--channel ...]` and `briefbot feed export --opml [--out F]`:
// subscription lists in and out. Each entry passes the URL checks of `feed add` (http(s), length,
// the SSRF guard's address policy) and is stored without a fetch; a broken entry is reported by its
// line and title and the others are imported. Progress redraws on a terminal.
import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { buildOpml } from "../adapters/feeds/build-opml.js";
import { type OpmlEntry, parseOpmlDocument } from "../adapters/feeds/parse-opml.js";
import { UserError } from "../briefing/errors.js";
import type { Origin } from "../briefing/feed.js";
import { channelOfOrigin } from "../briefing/feeds/feed-url.js";
import { importFeeds } from "../briefing/feeds/import-feed.js";
import { type ChannelRef, channelKey } from "../briefing/schedule.js";
import type { App } from "../compose-app.js";
import { type CliIo, progress, UsageError } from "./cli-io.js";
import { parseChannelOption } from "./digest-command.js";

/** A subscription list of 10,000 feeds is about 2 MB; anything past this is not one. */
const MAX_OPML_BYTES = 32 * 1024 * 1024;
/** Problems printed on a terminal; --json lists them all. */
const MAX_PRINTED_PROBLEMS = 100;

export interface OpmlCliOptions {
  channel?: string | undefined;
  json?: boolean | undefined;
  opml?: boolean | undefined;
  out?: string | undefined;
}

/** Why an entry was not imported: `invalid` needs fixing; the others were there already. */
export type OpmlProblemKind = "invalid" | "duplicate" | "exists";

export interface OpmlProblem {
  kind: OpmlProblemKind;
  line: number | null;
  position: number;
  title: string | null;
  url: string | null;
  reason: string;
}

export interface OpmlImportReport {
  file: string;
  channel: ChannelRef | null;
  entries: number;
  added: number;
  /** Stored already (for other channels or the whole install); this channel now follows them too. */
  joined: number;
  problems: OpmlProblem[];
}

function optionChannel(value: string | undefined): { origin: Origin | null; channel: ChannelRef | null } {
  if (value === undefined) return { origin: null, channel: null };
  const origin = parseChannelOption(value);
  const channel = channelOfOrigin(origin);
  if (channel === null) {
    throw new UsageError(
      `--channel "${value}" needs a channel id: <platform>:<workspace id>:<channel id>, such as slack:T0123:C0456.`,
    );
  }
  return { origin, channel };
}

async function readOpmlFile(io: CliIo, file: string): Promise<string> {
  const path = resolve(io.cwd, file);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "there is no such file" : code === "EISDIR" ? "it is a folder" : String(error);
    throw new UserError(
      "opml_file",
      `Cannot read ${file}: ${why}. Give the path of the OPML file your feed reader exported.`,
    );
  }
  if (bytes.length > MAX_OPML_BYTES) {
    throw new UserError(
      "opml_too_large",
      `${file} is ${Math.round(bytes.length / 1048576)} MB; a subscription list is a few MB at most. Check that it is the OPML export, or split it.`,
    );
  }
  return bytes.toString("utf8");
}

/** Text from the file, safe to print on a terminal: control characters (escape sequences) dropped. */
function printable(text: string, max = 80): string {
  const clean = [...text]
    .filter((c) => c.charCodeAt(0) >= 0x20 && !(c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) < 0xa0))
    .join("");
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

function where(entry: { line: number | null; position: number; title: string | null }): string {
  const at = entry.line === null ? `entry ${entry.position}` : `line ${entry.line}`;
  return entry.title === null ? at : `${at} "${printable(entry.title)}"`;
}

export async function importOpmlCommand(
  app: App,
  io: CliIo,
  file: string | undefined,
  options: OpmlCliOptions,
): Promise<number> {
  if (!file)
    throw new UsageError(
      "Missing <file.opml>. For example: briefbot feed import subscriptions.opml --channel slack:T1:C1",
    );
  const { origin, channel } = optionChannel(options.channel);
  const document = parseOpmlDocument(await readOpmlFile(io, file), file);
  if (document.entries.length === 0) {
    throw new UserError(
      "opml_empty",
      `${file} lists no feeds (no <outline> with an xmlUrl). Export the subscriptions again from your feed reader, or add feeds one at a time with \`briefbot feed add <url>\`.`,
    );
  }
  const bar = progress(io);
  const outcomes = await importFeeds(
    app.deps,
    document.entries.map((e) => ({ url: e.xmlUrl, title: e.title, siteLink: e.htmlUrl })),
    {
      origin,
      checkUrl: (url) => app.fetcher.checkUrl(url),
      onProgress: (done, total) =>
        bar.update(`Importing ${file}: ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} entries`),
    },
  );
  const report: OpmlImportReport = {
    file,
    channel,
    entries: document.entries.length,
    added: 0,
    joined: 0,
    problems: [],
  };
  outcomes.forEach((outcome, index) => {
    const entry = document.entries[index] as OpmlEntry;
    const problem = (kind: OpmlProblemKind, reason: string) =>
      report.problems.push({
        kind,
        line: entry.line,
        position: entry.position,
        title: entry.title,
        url: entry.xmlUrl,
        reason,
      });
    switch (outcome.status) {
      case "added":
        report.added += 1;
        break;
      case "joined":
        report.joined += 1;
        break;
      case "exists":
        problem("exists", `already subscribed${channel ? " in this channel" : ""} as feed #${outcome.feed.id}`);
        break;
      case "duplicate":
        problem("duplicate", `the same feed as ${where(document.entries[outcome.of] as OpmlEntry)}`);
        break;
      case "invalid":
        problem("invalid", outcome.reason);
        break;
    }
  });
  bar.done();
  const invalid = report.problems.filter((p) => p.kind === "invalid").length;
  if (options.json) {
    io.out(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    io.out(`${summaryLine(report)}\n`);
    const shown = report.problems.slice(0, MAX_PRINTED_PROBLEMS);
    for (const p of shown)
      io.err(`  ${where(p)}: ${p.kind === "invalid" ? "" : "skipped, "}${printable(p.reason, 400)}\n`);
    if (report.problems.length > shown.length)
      io.err(`  ... and ${report.problems.length - shown.length} more (--json lists every one).\n`);
    if (invalid > 0)
      io.err(
        `${invalid} ${invalid === 1 ? "entry was" : "entries were"} not imported; fix ${invalid === 1 ? "it" : "them"} in ${file} and run the import again (feeds already imported are skipped).\n`,
      );
  }
  return invalid > 0 ? 1 : 0;
}

function summaryLine(report: OpmlImportReport): string {
  const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
  const skipped = (kind: OpmlProblemKind) => report.problems.filter((p) => p.kind === kind).length;
  const parts = [
    `${count(report.added, "feed", "feeds")} added`,
    ...(report.joined > 0 ? [`${count(report.joined, "stored feed", "stored feeds")} now followed here too`] : []),
    ...(skipped("exists") > 0 ? [`${count(skipped("exists"), "already subscribed", "already subscribed")}`] : []),
    ...(skipped("duplicate") > 0 ? [`${count(skipped("duplicate"), "duplicate", "duplicates")} in the file`] : []),
    ...(skipped("invalid") > 0 ? [`${count(skipped("invalid"), "entry", "entries")} not imported`] : []),
  ];
  const target = report.channel === null ? "" : ` for ${channelKey(report.channel)}`;
  const fetch =
    report.added > 0 ? "; new feeds are fetched within their first refresh interval (briefbot serve or ingest)" : "";
  return `Imported ${report.file}${target} (${count(report.entries, "entry", "entries")}): ${parts.join(", ")}${fetch}.`;
}

export async function exportOpmlCommand(app: App, io: CliIo, options: OpmlCliOptions): Promise<number> {
  if (!options.opml) {
    throw new UsageError(
      "briefbot feed export writes the feed list as OPML: add --opml (and --out FILE to write a file). For the whole database, use `briefbot export`.",
    );
  }
  const { channel } = optionChannel(options.channel);
  const all = await app.deps.feeds.listFeeds();
  const ids = channel === null ? null : new Set(await app.deps.feeds.channelFeedIds(channel));
  const feeds = ids === null ? all : all.filter((f) => ids.has(f.id));
  const title = channel === null ? "briefbot feeds" : `briefbot feeds of ${channelKey(channel)}`;
  const xml = buildOpml(feeds, title, app.deps.clock.now());
  if (options.out === undefined) {
    io.out(xml);
    return 0;
  }
  const path = resolve(io.cwd, options.out);
  await writeFile(path, xml).catch((error: unknown) => {
    throw new UserError(
      "opml_out",
      `Cannot write ${options.out}: ${error instanceof Error ? error.message : String(error)}. Give --out a file path in a folder you can write.`,
    );
  });
  io.err(`Wrote ${feeds.length} ${feeds.length === 1 ? "feed" : "feeds"} to ${options.out}.\n`);
  return 0;
}
