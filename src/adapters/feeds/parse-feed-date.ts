// Feed dates to epoch milliseconds UTC: RFC 822/2822 (RSS), RFC 3339/ISO 8601/W3CDTF (Atom, dc:date,
// JSON Feed) and the usual real-world deviations. Anything doubtful returns null, and the ingester
// then substitutes the fetch time; Date.parse is avoided because it reads zone-less text as local time.

/** Dates before the epoch or after this year are treated as errors, not news (an issue requirement). */
const MIN_YEAR = 1970;
const MAX_YEAR = 2200;

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  // Abbreviations seen in Portuguese, Spanish, German, French and Italian feeds that put their own
  // language into an RFC 822 date (e.g. "Seg, 24 Set 2018" in the rss-parser uolNoticias fixture).
  fev: 2,
  abr: 4,
  mai: 5,
  ago: 8,
  set: 9,
  out: 10,
  dez: 12,
  ene: 1,
  dic: 12,
  mär: 3,
  mrz: 3,
  okt: 10,
  janv: 1,
  févr: 2,
  fevr: 2,
  avr: 4,
  juil: 7,
  août: 8,
  aout: 8,
  déc: 12,
  gen: 1,
  mag: 5,
  giu: 6,
  lug: 7,
  ott: 10,
};

/** Zone names in minutes east of UTC. RFC 822 names first, then common ones seen in feeds. */
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
  bst: 60,
  ist: 330,
  wet: 0,
  west: 60,
  cet: 60,
  cest: 120,
  met: 60,
  mest: 120,
  eet: 120,
  eest: 180,
  msk: 180,
  jst: 540,
  kst: 540,
  aest: 600,
  aedt: 660,
  acst: 570,
  awst: 480,
  nzst: 720,
  nzdt: 780,
};

// RFC 3339 / ISO 8601 / W3CDTF, leniently: "t"/"z" in any case, a space (or " T ") instead of "T",
// missing colons, fractional seconds, a zone with or without a colon, no zone (= UTC), date only,
// year-month or year only (W3CDTF). Anchored and without nested quantifiers: linear.
const ISO_DATE =
  /^(\d{4})(?:([-/]?)(\d{2})(?:\2(\d{2})(?:\s*[Tt\s]\s*(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?\s*([Zz]|[Uu][Tt][Cc]|[Gg][Mm][Tt]|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;

// RFC 822/2822 with an optional weekday (not checked: producers often get it wrong), full or
// abbreviated month names, 2-4 digit years, optional seconds and a named or numeric zone.
const RFC822_DATE =
  /^(?:[\p{L}]+\.?\s*,?\s*)?(\d{1,2})[\s-]+([\p{L}]+)\.?[\s-]+(\d{2,4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([\p{L}]+(?:\s*[+-]\d{1,2}:?\d{2})?|[+-]\d{1,2}:?\d{2})?$/u;

// ctime and JavaScript's Date#toString: "Tue Oct 01 2019 14:30:00 GMT-0700", "Tue Oct  1 14:30:00 2019".
const CTIME_DATE =
  /^(?:[\p{L}]+,?\s+)?([\p{L}]+)\s+(\d{1,2}),?\s+(?:(\d{4})\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([\p{L}]+(?:\s*[+-]\d{1,2}:?\d{2})?|[+-]\d{1,2}:?\d{2})\s*)?(\d{4})?$/u;

const COMMENTS = /\([^()]*\)/g;
const WHITESPACE_RUN = /\s+/g;

/** Epoch milliseconds UTC for a feed date, or null when missing, invalid or implausible. */
export function parseFeedDate(value: unknown): number | null {
  if (value instanceof Date) return plausible(value.getTime());
  if (typeof value !== "string") return null;
  // RFC 822 allows comments in parentheses; drop them along with surrounding junk whitespace.
  const text = value.replace(COMMENTS, " ").replace(WHITESPACE_RUN, " ").trim();
  if (text === "" || text.length > 100) return null;
  return parseIso(text) ?? parseRfc822(text) ?? parseCtime(text);
}

function parseIso(text: string): number | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const [, year, , month, day, hour, minute, second, fraction, zone] = m;
  const offset = zone === undefined ? 0 : zoneOffset(zone);
  if (offset === null) return null;
  return build(
    Number(year),
    month === undefined ? 1 : Number(month),
    day === undefined ? 1 : Number(day),
    hour === undefined ? 0 : Number(hour),
    minute === undefined ? 0 : Number(minute),
    second === undefined ? 0 : Number(second),
    offset,
    fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, "0")),
  );
}

function parseRfc822(text: string): number | null {
  const m = RFC822_DATE.exec(text);
  if (!m) return null;
  const [, day, monthName, year, hour, minute, second, zone] = m;
  const month = monthNumber(monthName);
  const offset = zone === undefined ? 0 : zoneOffset(zone);
  if (month === null || offset === null) return null;
  return build(
    fullYear(year as string),
    month,
    Number(day),
    Number(hour),
    Number(minute),
    second === undefined ? 0 : Number(second),
    offset,
  );
}

function parseCtime(text: string): number | null {
  const m = CTIME_DATE.exec(text);
  if (!m) return null;
  const [, monthName, day, yearBefore, hour, minute, second, zone, yearAfter] = m;
  const year = yearBefore ?? yearAfter;
  const month = monthNumber(monthName);
  const offset = zone === undefined ? 0 : zoneOffset(zone);
  if (year === undefined || month === null || offset === null) return null;
  return build(
    Number(year),
    month,
    Number(day),
    Number(hour),
    Number(minute),
    second === undefined ? 0 : Number(second),
    offset,
  );
}

function monthNumber(name: string | undefined): number | null {
  if (name === undefined) return null;
  const lower = name.toLowerCase();
  return MONTHS[lower] ?? MONTHS[lower.slice(0, 4)] ?? MONTHS[lower.slice(0, 3)] ?? null;
}

/** RFC 2822 section 4.3: two-digit years below 50 are 20xx, others 19xx; three digits add 1900. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (text.length === 3) return 1900 + year;
  return year;
}

/** Minutes east of UTC, or null for an unusable zone. */
function zoneOffset(zone: string): number | null {
  const numeric = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(zone);
  if (numeric) return numericOffset(numeric[1], numeric[2], numeric[3]);
  // "GMT+0200", "UTC-07:00"
  const named = /^([\p{L}]+)\s*(?:([+-])(\d{1,2}):?(\d{2}))?$/u.exec(zone);
  if (!named) return null;
  const [, name, sign, hours, minutes] = named;
  const base = ZONES[(name as string).toLowerCase()];
  if (sign !== undefined) return base === 0 ? numericOffset(sign, hours, minutes) : null;
  if (base !== undefined) return base;
  // RFC 2822 section 4.3: military single letters are unreliable (RFC 822 had their signs reversed)
  // and SHOULD be read as -0000; other unknown names are read the same way rather than dropping
  // the date, since an hour or two off beats substituting the fetch time.
  return 0;
}

function numericOffset(
  sign: string | undefined,
  hours: string | undefined,
  minutes: string | undefined,
): number | null {
  const h = Number(hours ?? "0");
  const m = Number(minutes ?? "0");
  if (h > 23 || m > 59) return null;
  return (sign === "-" ? -1 : 1) * (h * 60 + m);
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  offsetMinutes: number,
  milliseconds = 0,
): number | null {
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  // 24:00 is not accepted; a leap second (60) is read as 59.
  if (hour > 23 || minute > 59 || second > 60) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), milliseconds) - offsetMinutes * 60_000;
  return plausible(ms);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function plausible(ms: number): number | null {
  if (!Number.isFinite(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  return year < MIN_YEAR || year > MAX_YEAR ? null : Math.trunc(ms);
}
