// The /digest grammar, shared by every door: `schedule <HH:MM> [topic] [tz:Area/City]
// [days:mon-fri|daily|sat,sun] [stories:N] [quiet:off]`, `list`, `remove <id>`, `timezone [zone]`,
// `preview <id>`, `resume <id>`. Tokens in, a DigestCommand out, or a UserError naming the fix.

import { parseTimeZone } from "../digests/time-zone.js";
import { UserError } from "../errors.js";
import { EVERY_DAY, WEEKDAY_NAMES } from "../schedule.js";
import { editDistance } from "./edit-distance.js";

export type DigestCommand =
  | {
      action: "schedule";
      minuteOfDay: number;
      topic: string | null;
      /** Null: the workspace's default zone (or UTC). */
      timeZone: string | null;
      days: number[];
      maxStories: number | null;
      quiet: boolean;
    }
  | { action: "list" }
  | { action: "remove"; id: number }
  /** Without a zone: show the workspace's default. */
  | { action: "timezone"; timeZone: string | null }
  | { action: "preview"; id: number }
  | { action: "resume"; id: number };

export const DIGEST_USAGE =
  "/digest schedule <HH:MM> [topic] [tz:Area/City] [days:mon-fri|daily|sat,sun] [stories:N] [quiet:off] | /digest list | /digest remove <id> | /digest timezone <Area/City> | /digest preview <id> | /digest resume <id>";

const SCHEDULE_USAGE = "/digest schedule <HH:MM> [topic] [tz:Area/City] [days:mon-fri|daily|sat,sun] [stories:N]";
const MAX_STORIES = 10;
const OPTIONS = ["tz", "days", "stories", "quiet"] as const;
const ACTIONS = ["schedule", "list", "remove", "timezone", "preview", "resume"] as const;

function bad(message: string, usage = DIGEST_USAGE): never {
  throw new UserError("bad_command", `${message} Usage: ${usage}`);
}

/** "7:30" or "07:30", 24-hour; minutes after midnight. */
export function parseLocalTime(text: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  const h = Number(match?.[1]);
  const m = Number(match?.[2]);
  if (!match || h > 23 || m > 59)
    bad(`"${text}" is not a time of day; use 24-hour HH:MM, such as 07:30 or 18:00.`, SCHEDULE_USAGE);
  return h * 60 + m;
}

function weekday(name: string, whole: string): number {
  const index = WEEKDAY_NAMES.findIndex((d) => name.length >= 3 && d === name.slice(0, 3));
  const full = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
  if (index === -1 || !full[index]?.startsWith(name))
    bad(`"days:${whole}" has an unknown day "${name}"; use mon, tue, wed, thu, fri, sat, sun.`, SCHEDULE_USAGE);
  return index;
}

/** daily | weekdays | weekends | mon-fri | sat,sun | mon,wed,fri | fri-mon (ranges wrap). */
export function parseDays(text: string): number[] {
  const value = text.toLowerCase();
  if (value === "daily" || value === "everyday" || value === "all") return [...EVERY_DAY];
  if (value === "weekdays") return [1, 2, 3, 4, 5];
  if (value === "weekends" || value === "weekend") return [0, 6];
  const days = new Set<number>();
  for (const part of value.split(",")) {
    if (part === "") bad(`"days:${text}" has an empty day.`, SCHEDULE_USAGE);
    const [from, to, ...rest] = part.split("-");
    if (rest.length > 0) bad(`"days:${text}": a range is two days, such as mon-fri.`, SCHEDULE_USAGE);
    const start = weekday(from ?? "", text);
    const end = to === undefined ? start : weekday(to, text);
    for (let d = start; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === end) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

function parseId(text: string | undefined, action: string): number {
  if (text === undefined) bad(`/digest ${action} needs a schedule id; see them with /digest list.`);
  const id = Number(text.replace(/^#/, ""));
  if (!Number.isInteger(id) || id < 1) bad(`"${text}" is not a schedule id; see them with /digest list.`);
  return id;
}

function parseSchedule(tokens: string[]): DigestCommand {
  const [time, ...rest] = tokens;
  if (time === undefined) bad("/digest schedule needs a time, such as /digest schedule 07:30 mexico.", SCHEDULE_USAGE);
  const minuteOfDay = parseLocalTime(time);
  let timeZone: string | null = null;
  let days: number[] = [...EVERY_DAY];
  let maxStories: number | null = null;
  let quiet = true;
  const topic: string[] = [];
  for (const token of rest) {
    const option = /^([a-z]+):(.*)$/i.exec(token);
    const key = option?.[1]?.toLowerCase() ?? "";
    const value = option?.[2] ?? "";
    if (key === "tz") timeZone = parseTimeZone(value, SCHEDULE_USAGE);
    else if (key === "days") days = parseDays(value);
    else if (key === "stories") {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > MAX_STORIES)
        bad(`stories:${value} must be a whole number from 1 to ${MAX_STORIES}.`, SCHEDULE_USAGE);
      maxStories = n;
    } else if (key === "quiet") {
      if (!["on", "off", "yes", "no"].includes(value.toLowerCase()))
        bad(`quiet:${value} must be on (post nothing when nothing is new) or off.`, SCHEDULE_USAGE);
      quiet = ["on", "yes"].includes(value.toLowerCase());
    } else if (["zone", "timezone", "time", "tzone"].includes(key) && value !== "") {
      bad(`Unknown option "${option?.[1]}:". Did you mean tz:${value}?`, SCHEDULE_USAGE);
    } else if (option && value !== "" && OPTIONS.some((o) => editDistance(key, o) <= (o.length <= 2 ? 1 : 2))) {
      const nearest = [...OPTIONS].sort((x, y) => editDistance(key, x) - editDistance(key, y))[0];
      bad(`Unknown option "${option[1]}:". Did you mean ${nearest}:?`, SCHEDULE_USAGE);
    } else if (key === "since") {
      bad("A digest covers what is new since the previous one; since: does not apply.", SCHEDULE_USAGE);
    } else topic.push(token);
  }
  const text = topic.join(" ").trim();
  return { action: "schedule", minuteOfDay, topic: text === "" ? null : text, timeZone, days, maxStories, quiet };
}

/** Parses the words after /digest. */
export function parseDigestCommand(tokens: readonly string[]): DigestCommand {
  const [sub, ...rest] = tokens;
  const action = sub?.toLowerCase();
  const noMore = (after: number) => {
    if (rest.length > after) bad(`Unexpected "${rest.slice(after).join(" ")}" after /digest ${action}.`);
  };
  switch (action) {
    case "schedule":
      return parseSchedule(rest);
    case "list":
      noMore(0);
      return { action: "list" };
    case "remove":
    case "preview":
    case "resume":
      noMore(1);
      return { action, id: parseId(rest[0], action) };
    case "timezone":
    case "tz":
      noMore(1);
      return {
        action: "timezone",
        timeZone: rest[0] === undefined ? null : parseTimeZone(rest[0], "/digest timezone <Area/City>"),
      };
    case undefined:
      return bad("/digest needs an action.");
    default: {
      const nearest = [...ACTIONS].sort((x, y) => editDistance(action, x) - editDistance(action, y))[0];
      const hint = nearest && editDistance(action, nearest) <= 2 ? ` Did you mean /digest ${nearest}?` : "";
      return bad(`Unknown /digest action "${sub}".${hint}`);
    }
  }
}

/** Actions that change schedules: admins only. `timezone` with no zone only shows it. */
export function isDigestChange(tokens: readonly string[]): boolean {
  const action = tokens[0]?.toLowerCase();
  if (action === "timezone" || action === "tz") return tokens.length > 1;
  return action === "schedule" || action === "remove" || action === "resume";
}
