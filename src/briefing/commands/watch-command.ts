// The /watch grammar, shared by every door: `<topic> [sources:a,b] [min-sources:N] [include:"w"]
// [exclude:"w"] [opinion:off]`, `add [topic] ...` (no topic: this channel's feeds), `list`,
// `remove|pause|resume|preview <id>`, `why <article url>`, `limits [N/min] [N/day] [quiet HH:MM-HH:MM|off] [tz:Area/City]`.
import { MAX_MIN_SOURCES, MAX_PATTERNS } from "../alerts/watch.js";
import { formatPattern, MAX_PATTERN_CHARS, parsePattern } from "../alerts/watch-pattern.js";
import { parseTimeZone } from "../digests/time-zone.js";
import { UserError } from "../errors.js";
import { didYouMean } from "./did-you-mean.js";
import { editDistance } from "./edit-distance.js";

export interface WatchFilters {
  topic: string | null;
  sources: string[];
  minSources: number;
  include: string[];
  exclude: string[];
  opinion: boolean;
}

export type WatchCommand =
  | ({ action: "add" } & WatchFilters)
  | { action: "list" }
  | { action: "remove" | "pause" | "resume" | "preview"; id: number }
  | { action: "why"; url: string }
  | {
      action: "limits";
      perMinute: number | null;
      perDay: number | null;
      /** undefined: unchanged; null: none. */
      quiet: { start: number; end: number } | null | undefined;
      timeZone: string | null;
    };

export const WATCH_USAGE =
  '/watch <topic> [sources:reuters,bbc] [min-sources:2] [include:"word"] [exclude:"word"] [opinion:off] | /watch add (this channel\'s feeds) | /watch list | /watch remove|pause|resume|preview <id> | /watch why <article url> | /watch limits [1/min] [30/day] [quiet 22:00-07:00|off] [tz:Area/City]';

const ADD_USAGE =
  '/watch <topic> [sources:reuters,bbc] [min-sources:2] [include:"word"] [exclude:"word"] [opinion:off]';
const LIMITS_USAGE = "/watch limits [1/min] [30/day] [quiet 22:00-07:00|off] [tz:Area/City]";
const ACTIONS = ["add", "list", "remove", "pause", "resume", "preview", "why", "limits"] as const;
const OPTIONS = ["sources", "min-sources", "include", "exclude", "opinion"] as const;

function bad(message: string, usage = WATCH_USAGE): never {
  throw new UserError("bad_command", `${message} Usage: ${usage}`);
}

function parseId(text: string | undefined, action: string): number {
  if (text === undefined) bad(`/watch ${action} needs a watch id; see them with /watch list.`);
  const id = Number(text.replace(/^#/, ""));
  if (!Number.isInteger(id) || id < 1) bad(`"${text}" is not a watch id; see them with /watch list.`);
  return id;
}

/** One pattern or a comma list of them ("a,b" or a "quoted phrase"), checked and normalised. */
function patterns(key: string, value: string): string[] {
  const parts = value.startsWith('"') ? [value] : value.split(",");
  return parts.map((part) => {
    if (part.length > MAX_PATTERN_CHARS)
      bad(
        `${key}: "${part.slice(0, 20)}..." is too long; a pattern is at most ${MAX_PATTERN_CHARS} characters.`,
        ADD_USAGE,
      );
    const parsed = parsePattern(part);
    if (!parsed)
      bad(`${key}:${part} has no word in it; use a word, a "quoted phrase" or a prefix such as elect*.`, ADD_USAGE);
    return formatPattern(parsed);
  });
}

function parseAdd(tokens: readonly string[]): WatchCommand {
  const filters: WatchFilters = { topic: null, sources: [], minSources: 1, include: [], exclude: [], opinion: true };
  const topic: string[] = [];
  for (const token of tokens) {
    const option = /^([a-z][a-z-]*):(.*)$/i.exec(token);
    const key = option?.[1]?.toLowerCase() ?? "";
    const value = option?.[2] ?? "";
    if (option && value === "" && (OPTIONS as readonly string[]).includes(key))
      bad(`${key}: needs a value, such as ${key === "min-sources" ? "min-sources:2" : `${key}:word`}.`, ADD_USAGE);
    if (key === "sources" || key === "source") {
      const names = value
        .split(",")
        .map((s) => s.trim().toLowerCase())
        .filter((s) => s !== "");
      filters.sources.push(...names);
    } else if (key === "min-sources" || key === "minsources" || key === "min") {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > MAX_MIN_SOURCES)
        bad(`min-sources:${value} must be a whole number from 1 to ${MAX_MIN_SOURCES}.`, ADD_USAGE);
      filters.minSources = n;
    } else if (key === "include") filters.include.push(...patterns(key, value));
    else if (key === "exclude") filters.exclude.push(...patterns(key, value));
    else if (key === "opinion") {
      const v = value.toLowerCase();
      if (!["on", "off", "yes", "no"].includes(v))
        bad(`opinion:${value} must be on (opinion pieces count) or off (they never do).`, ADD_USAGE);
      filters.opinion = v === "on" || v === "yes";
    } else if (option && value !== "" && OPTIONS.some((o) => editDistance(key, o) <= 2)) {
      const nearest = [...OPTIONS].sort((x, y) => editDistance(key, x) - editDistance(key, y))[0];
      bad(`Unknown option "${option[1]}:". Did you mean ${nearest}:?`, ADD_USAGE);
    } else topic.push(token);
  }
  for (const [name, list] of [
    ["sources", filters.sources],
    ["include", filters.include],
    ["exclude", filters.exclude],
  ] as const) {
    if (list.length > MAX_PATTERNS) bad(`At most ${MAX_PATTERNS} ${name} in one watch.`, ADD_USAGE);
  }
  const text = topic.join(" ").trim();
  filters.topic = text === "" ? null : text;
  return { action: "add", ...filters };
}

function parseLimits(tokens: readonly string[]): WatchCommand {
  const result: Extract<WatchCommand, { action: "limits" }> = {
    action: "limits",
    perMinute: null,
    perDay: null,
    quiet: undefined,
    timeZone: null,
  };
  for (let i = 0; i < tokens.length; i += 1) {
    const token = (tokens[i] as string).toLowerCase();
    const rate = /^(\d{1,4})\/(min|minute|day|d|m)$/.exec(token);
    if (rate) {
      const n = Number(rate[1]);
      if (rate[2]?.startsWith("m")) {
        if (n < 1 || n > 60) bad(`${token}: a channel takes from 1/min to 60/min.`, LIMITS_USAGE);
        result.perMinute = n;
      } else {
        if (n < 1 || n > 1000) bad(`${token}: a channel takes from 1/day to 1000/day.`, LIMITS_USAGE);
        result.perDay = n;
      }
    } else if (token === "quiet" || token.startsWith("quiet:")) {
      const value = token === "quiet" ? tokens[++i] : token.slice(6);
      if (value === undefined) bad("quiet needs hours such as quiet 22:00-07:00, or quiet off.", LIMITS_USAGE);
      if (value.toLowerCase() === "off" || value.toLowerCase() === "none") result.quiet = null;
      else {
        const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(value);
        const [h1, m1, h2, m2] = [m?.[1], m?.[2], m?.[3], m?.[4]].map(Number) as [number, number, number, number];
        if (!m || h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59)
          bad(`"${value}" is not a span of hours; use 24-hour HH:MM-HH:MM, such as quiet 22:00-07:00.`, LIMITS_USAGE);
        if (h1 * 60 + m1 === h2 * 60 + m2) bad("Quiet hours must start and end at different times.", LIMITS_USAGE);
        result.quiet = { start: h1 * 60 + m1, end: h2 * 60 + m2 };
      }
    } else if (token.startsWith("tz:")) {
      result.timeZone = parseTimeZone((tokens[i] as string).slice(3), LIMITS_USAGE);
    } else {
      bad(`Unexpected "${tokens[i]}": write limits as 1/min, 30/day, quiet 22:00-07:00 or tz:Area/City.`, LIMITS_USAGE);
    }
  }
  return result;
}

/** Parses the words after /watch. */
export function parseWatchCommand(tokens: readonly string[]): WatchCommand {
  const [sub, ...rest] = tokens;
  const action = sub?.toLowerCase();
  const noMore = (after: number) => {
    if (rest.length > after) bad(`Unexpected "${rest.slice(after).join(" ")}" after /watch ${action}.`);
  };
  switch (action) {
    case undefined:
      return bad("/watch needs a topic (or add, to follow this channel's feeds) or an action.");
    case "add":
      return parseAdd(rest);
    case "list":
      noMore(0);
      return { action: "list" };
    case "remove":
    case "pause":
    case "resume":
    case "preview":
      noMore(1);
      return { action, id: parseId(rest[0], action) };
    case "why": {
      if (rest.length !== 1) bad("/watch why needs one article link, such as /watch why https://example.com/news/1.");
      const url = (rest[0] as string).replace(/^<|>$/g, "").replace(/\|.*$/, "");
      return { action: "why", url };
    }
    case "limits":
      return parseLimits(rest);
    default: {
      // A near-miss of an action is a typo, not a topic: `/watch lsit` should not watch "lsit".
      const nearest = rest.length === 0 ? didYouMean(action, ACTIONS) : null;
      if (nearest !== null && nearest !== "add")
        bad(
          `Unknown /watch action "${sub}". Did you mean /watch ${nearest}? To watch a topic with that name, write /watch add ${sub}.`,
        );
      return parseAdd(tokens);
    }
  }
}

/** Actions that change watches or a channel's limits: admins only. `limits` alone only shows them. */
export function isWatchChange(tokens: readonly string[]): boolean {
  const action = tokens[0]?.toLowerCase();
  if (action === undefined || action === "list" || action === "preview" || action === "why") return false;
  if (action === "limits") return tokens.length > 1;
  return true;
}
