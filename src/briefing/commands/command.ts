// The one command grammar of every door (command line, console, Slack, Discord): text such as
// `/brief mexico since:3d stories:5` becomes a neutral Command, or a UserError naming the fix.

import { UserError } from "../errors.js";
import { FEED_KINDS, type FeedKind, FULLTEXT_MODES, type FulltextMode } from "../feed.js";
import { didYouMean } from "./did-you-mean.js";
import { editDistance } from "./edit-distance.js";

export type Command =
  | { kind: "brief"; topic: string | null; sinceMs: number | null; maxStories: number | null }
  | { kind: "feed-add"; url: string; name: string | null }
  | { kind: "feed-list" }
  | { kind: "feed-status"; ref: string | null }
  /** In a channel, ends its subscription; `everywhere` (or the CLI) removes the feed for all (issue 17). */
  | { kind: "feed-remove"; ref: string; everywhere: boolean }
  | { kind: "feed-enable"; ref: string }
  /** Whether articles of this feed get their page's full text (issue 7). */
  | { kind: "feed-fulltext"; ref: string; mode: FulltextMode }
  /** Whether every article of this feed is opinion, news, or classified one by one (issue 15). */
  | { kind: "feed-kind"; ref: string; feedKind: FeedKind }
  | { kind: "help"; topic: string | null }
  /**
   * Scheduled digests: the words after /digest, parsed by parseDigestCommand when handled. Kept as
   * words so adapters can ask isAdminCommand() before the core answers (see digest-command.ts).
   */
  | { kind: "digest"; args: string[] }
  /** Story alerts (issue 17): the words after /watch, parsed by parseWatchCommand when handled (as /digest). */
  | { kind: "watch"; args: string[] };

export const MAX_STORIES = 10;
/** /brief looks back at most this far: retention is 90 days by default. */
export const MAX_SINCE_DAYS = 365;

const DAY_MS = 86_400_000;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };

const BRIEF_USAGE = "/brief [topic] [since:3d] [stories:5]";
const FEED_USAGE =
  '/feed add <url> [name:"Name"] | /feed list | /feed status [id] | /feed remove <id> [everywhere] | /feed enable <id> | ' +
  "/feed fulltext <id> auto|always|never | /feed kind <id> opinion|news|auto";

function bad(message: string, usage: string): never {
  throw new UserError("bad_command", `${message} Usage: ${usage}`);
}

/** Splits on spaces, keeping "quoted phrases" (with their quotes) as one token. */
export function tokenizeCommand(text: string): string[] {
  return text.match(/(?:[^\s"]+|"[^"]*"?)+/g) ?? [];
}

export function parseDuration(value: string): number {
  const match = /^(\d{1,4})([mhdw])$/i.exec(value);
  const amount = match ? Number(match[1]) : Number.NaN;
  const unit = UNIT_MS[(match?.[2] ?? "").toLowerCase()];
  if (!unit || !(amount > 0))
    bad(
      `"since:${value}" is not a duration; use a number and m, h, d or w, such as since:3d or since:12h.`,
      BRIEF_USAGE,
    );
  const ms = amount * unit;
  if (ms > MAX_SINCE_DAYS * DAY_MS)
    bad(`since:${value} is too far back; the most is since:${MAX_SINCE_DAYS}d.`, BRIEF_USAGE);
  return ms;
}

function parseBrief(tokens: string[]): Command {
  let sinceMs: number | null = null;
  let maxStories: number | null = null;
  const topic: string[] = [];
  for (const token of tokens) {
    const option = /^([a-z]+):(.*)$/i.exec(token);
    const key = option?.[1]?.toLowerCase();
    if (key === "since") sinceMs = parseDuration(option?.[2] ?? "");
    else if (key === "stories") {
      const n = Number(option?.[2]);
      if (!Number.isInteger(n) || n < 1 || n > MAX_STORIES)
        bad(`stories:${option?.[2]} must be a whole number from 1 to ${MAX_STORIES}.`, BRIEF_USAGE);
      maxStories = n;
    } else if (option && key && option[2] !== "" && looksLikeOption(key)) {
      bad(
        `Unknown option "${option[1]}:". Did you mean ${nearestOption(key)}:? The options are since:3d and stories:5.`,
        BRIEF_USAGE,
      );
    } else topic.push(token);
  }
  const text = topic.join(" ").trim();
  return { kind: "brief", topic: text === "" ? null : text, sinceMs, maxStories };
}

const OPTIONS = ["since", "stories"] as const;

function nearestOption(key: string): string {
  return [...OPTIONS].sort((x, y) => editDistance(key, x) - editDistance(key, y))[0] ?? "since";
}

function looksLikeOption(key: string): boolean {
  return ["days", "limit", "count", "after", "from"].includes(key) || OPTIONS.some((o) => editDistance(key, o) <= 2);
}

const FEED_ACTIONS = ["add", "list", "status", "remove", "enable", "fulltext", "kind"] as const;
const COMMAND_NAMES = ["brief", "feed", "digest", "watch", "help"] as const;

function parseFeed(tokens: string[]): Command {
  const [sub, ...rest] = tokens;
  const action = sub?.toLowerCase();
  const one = (what: string): string => {
    if (rest.length === 0) bad(`/feed ${action} needs a ${what}.`, FEED_USAGE);
    if (rest.length > 1) bad(`/feed ${action} takes a single ${what}; got "${rest.join(" ")}".`, FEED_USAGE);
    return rest[0] as string;
  };
  switch (action) {
    case "add": {
      const url = rest.find((t) => !/^name:/i.test(t));
      const nameToken = rest.find((t) => /^name:/i.test(t));
      const extra = rest.filter((t) => t !== url && t !== nameToken);
      if (!url) bad("/feed add needs the feed's URL, such as /feed add https://example.com/rss.", FEED_USAGE);
      if (extra.length > 0)
        bad(`Unexpected "${extra.join(" ")}" after the URL; to name the feed, write name:"My Name".`, FEED_USAGE);
      const name = nameToken?.slice(5).replace(/^"|"$/g, "").trim() || null;
      return { kind: "feed-add", url, name };
    }
    case "list":
      if (rest.length > 0) bad("/feed list takes no arguments.", FEED_USAGE);
      return { kind: "feed-list" };
    case "status":
      if (rest.length > 1) bad("/feed status takes at most one feed id.", FEED_USAGE);
      return { kind: "feed-status", ref: rest[0] ?? null };
    case "remove": {
      const everywhere = rest.length === 2 && rest[1]?.toLowerCase() === "everywhere";
      const ref = everywhere ? (rest[0] as string) : one("feed id or URL");
      return { kind: "feed-remove", ref, everywhere };
    }
    case "enable":
      return { kind: "feed-enable", ref: one("feed id or URL") };
    case "fulltext": {
      const [ref, mode, ...extra] = rest;
      const modes = FULLTEXT_MODES.join(", ");
      if (!ref || !mode)
        bad(`/feed fulltext needs a feed id and one of ${modes}, such as /feed fulltext 3 never.`, FEED_USAGE);
      if (extra.length > 0) bad(`Unexpected "${extra.join(" ")}" after the mode.`, FEED_USAGE);
      const chosen = FULLTEXT_MODES.find((m) => m === mode.toLowerCase());
      if (!chosen) bad(`"${mode}" is not a fulltext mode; use one of ${modes}.`, FEED_USAGE);
      return { kind: "feed-fulltext", ref, mode: chosen };
    }
    case "kind": {
      const [ref, value, ...extra] = rest;
      const kinds = FEED_KINDS.join(", ");
      if (!ref || !value)
        bad(`/feed kind needs a feed id and one of ${kinds}, such as /feed kind 3 opinion.`, FEED_USAGE);
      if (extra.length > 0) bad(`Unexpected "${extra.join(" ")}" after the kind.`, FEED_USAGE);
      const chosen = FEED_KINDS.find((k) => k === value.toLowerCase());
      if (!chosen) bad(`"${value}" is not a feed kind; use one of ${kinds}.`, FEED_USAGE);
      return { kind: "feed-kind", ref, feedKind: chosen };
    }
    case undefined:
      return bad("/feed needs an action.", FEED_USAGE);
    default: {
      const meant = didYouMean(sub ?? "", FEED_ACTIONS);
      return bad(`Unknown /feed action "${sub}".${meant ? ` Did you mean /feed ${meant}?` : ""}`, FEED_USAGE);
    }
  }
}

/** Parses a command whose name is already known (Slack and Discord deliver name and text apart). */
export function parseNamedCommand(name: string, text: string): Command {
  const tokens = tokenizeCommand(text);
  switch (name.replace(/^\//, "").toLowerCase()) {
    case "brief":
      return parseBrief(tokens);
    case "feed":
      return parseFeed(tokens);
    case "help":
      return { kind: "help", topic: tokens[0]?.replace(/^\//, "").toLowerCase() ?? null };
    case "digest":
      return { kind: "digest", args: tokens };
    case "watch":
      return { kind: "watch", args: tokens };
    default: {
      const meant = didYouMean(name.replace(/^\//, ""), COMMAND_NAMES);
      const hint = meant ? `Did you mean /${meant}?` : "Try /brief <topic>, /feed list or help.";
      throw new UserError("unknown_command", `Unknown command "${name}". ${hint}`);
    }
  }
}

/** Parses a whole line as typed: `/brief mexico`, `brief mexico`, `feed list`, `help`. */
export function parseCommand(line: string): Command {
  const trimmed = line.trim();
  if (trimmed === "")
    throw new UserError("empty_command", "Type a command, such as /brief mexico, /feed list or help.");
  const space = trimmed.search(/\s/);
  const name = space === -1 ? trimmed : trimmed.slice(0, space);
  return parseNamedCommand(name, space === -1 ? "" : trimmed.slice(space + 1));
}
