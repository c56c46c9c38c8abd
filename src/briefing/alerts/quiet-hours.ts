// Quiet hours of a channel: a span of local wall time, [start, end), that may wrap past midnight
// (22:00-07:00), read in the channel's IANA zone with the digest's offset arithmetic.
import { localWallTime } from "../digests/schedule-slots.js";
import { formatMinuteOfDay } from "../schedule.js";
import type { AlertSettings } from "./watch.js";

const MINUTE = 60_000;
const DAY = 86_400_000;

export function inQuietHours(settings: AlertSettings, now: number): boolean {
  const { quietStart: start, quietEnd: end } = settings;
  if (start === null || end === null || start === end) return false;
  const wall = localWallTime(now, settings.timeZone);
  const minute = Math.floor((((wall % DAY) + DAY) % DAY) / MINUTE);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** "22:00-07:00 Europe/Berlin", or "none". */
export function describeQuietHours(settings: AlertSettings): string {
  if (settings.quietStart === null || settings.quietEnd === null) return "none";
  return `${formatMinuteOfDay(settings.quietStart)}-${formatMinuteOfDay(settings.quietEnd)} ${settings.timeZone}`;
}
