// Pure slot arithmetic: the instants at which a schedule (local HH:MM, weekdays, IANA zone) runs
// within a range. Offsets come from Intl.DateTimeFormat (no clock reads, no libraries). A local
// time that a spring-forward day skips runs at the next valid minute; a repeated hour runs once.

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface SlotRule {
  /** Local wall time, minutes after midnight. */
  minuteOfDay: number;
  /** Weekdays (0 = Sunday) the rule runs on. */
  days: readonly number[];
  timeZone: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock of `instant` in `timeZone`, as if it were UTC (epoch ms of the local fields). */
export function localWallTime(instant: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
  // Seconds are enough: every zone in use since 1972 is offset by whole minutes.
  return Date.UTC(year, month - 1, day, hour, minute, second) + (instant - Math.floor(instant / 1000) * 1000);
}

/** UTC offset of `timeZone` at `instant`, in ms (Berlin in winter: +3,600,000). */
export function zoneOffset(instant: number, timeZone: string): number {
  return localWallTime(instant, timeZone) - instant;
}

/**
 * The instant at which the local wall time `wall` (epoch ms of the local fields) happens in
 * `timeZone`: the first occurrence when the hour repeats, and the first valid minute after the
 * gap when it does not exist.
 */
export function instantOfWallTime(wall: number, timeZone: string): number {
  // A day either side covers every transition around `wall`, which are never closer than that.
  const offsets = [...new Set([zoneOffset(wall - DAY, timeZone), zoneOffset(wall + DAY, timeZone)])];
  const valid = offsets.map((o) => wall - o).filter((t) => localWallTime(t, timeZone) === wall);
  if (valid.length > 0) return Math.min(...valid);
  // In a gap: the transition lies between the two candidate instants; the wall clock there jumps
  // past `wall`, so the first instant showing a later wall time is the next valid minute.
  let low = Math.min(...offsets.map((o) => wall - o));
  let high = Math.max(...offsets.map((o) => wall - o));
  while (high - low > MINUTE) {
    const mid = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
    if (localWallTime(mid, timeZone) > wall) high = mid;
    else low = mid;
  }
  return localWallTime(low, timeZone) > wall ? low : high;
}

/** Guard for callers: a range this long would be a bug, not a schedule. */
export const MAX_SLOT_RANGE_MS = 400 * DAY;

/** Slot instants with `after < slot <= until`, ascending. */
export function slotsBetween(rule: SlotRule, after: number, until: number): number[] {
  if (until <= after) return [];
  if (until - after > MAX_SLOT_RANGE_MS) throw new RangeError("slot range longer than 400 days");
  const days = new Set(rule.days);
  const slots: number[] = [];
  // Walk local calendar dates from the day before `after` to the day after `until`: offsets are
  // under a day, so every slot in the range belongs to one of these dates.
  const first = Math.floor(localWallTime(after, rule.timeZone) / DAY) * DAY - DAY;
  const last = Math.floor(localWallTime(until, rule.timeZone) / DAY) * DAY + DAY;
  for (let date = first; date <= last; date += DAY) {
    if (!days.has(new Date(date).getUTCDay())) continue;
    const slot = instantOfWallTime(date + rule.minuteOfDay * MINUTE, rule.timeZone);
    if (slot > after && slot <= until) slots.push(slot);
  }
  return slots;
}

/** The next slot strictly after `after` (for /digest list), or null if none within 8 days. */
export function nextSlot(rule: SlotRule, after: number): number | null {
  return slotsBetween(rule, after, after + 8 * DAY)[0] ?? null;
}
