// Slot arithmetic across DST changes (New York, Berlin), a zone without DST since 2022 (Mexico
// City), weekday filters and month ends: pure functions of the schedule and the range.
import { describe, expect, it } from "vitest";
import {
  instantOfWallTime,
  localWallTime,
  nextSlot,
  type SlotRule,
  slotsBetween,
  zoneOffset,
} from "../../../src/briefing/digests/schedule-slots.js";

const iso = (ms: number) => new Date(ms).toISOString();
const at = (s: string) => Date.parse(s);
const rule = (hhmm: string, timeZone: string, days = [0, 1, 2, 3, 4, 5, 6]): SlotRule => {
  const [h, m] = hhmm.split(":").map(Number);
  return { minuteOfDay: (h ?? 0) * 60 + (m ?? 0), days, timeZone };
};
const slots = (r: SlotRule, from: string, to: string) => slotsBetween(r, at(from), at(to)).map(iso);

describe("zone offsets from Intl", () => {
  it("reads standard and summer offsets", () => {
    expect(zoneOffset(at("2025-01-15T12:00:00Z"), "America/New_York")).toBe(-5 * 3_600_000);
    expect(zoneOffset(at("2025-07-15T12:00:00Z"), "America/New_York")).toBe(-4 * 3_600_000);
    expect(zoneOffset(at("2025-07-15T12:00:00Z"), "Europe/Berlin")).toBe(2 * 3_600_000);
    expect(zoneOffset(at("2025-07-15T12:00:00Z"), "Asia/Kolkata")).toBe(5.5 * 3_600_000);
    expect(localWallTime(at("2025-07-15T12:00:00Z"), "UTC")).toBe(at("2025-07-15T12:00:00Z"));
  });
});

describe("instantOfWallTime", () => {
  it("moves a local time in the spring-forward gap to the next valid minute", () => {
    // New York 2025-03-09: 02:00 EST jumps to 03:00 EDT (07:00Z).
    expect(iso(instantOfWallTime(at("2025-03-09T02:30:00Z"), "America/New_York"))).toBe("2025-03-09T07:00:00.000Z");
    expect(iso(instantOfWallTime(at("2025-03-09T02:00:00Z"), "America/New_York"))).toBe("2025-03-09T07:00:00.000Z");
    expect(iso(instantOfWallTime(at("2025-03-09T03:00:00Z"), "America/New_York"))).toBe("2025-03-09T07:00:00.000Z");
    // Berlin 2025-03-30: 02:00 CET jumps to 03:00 CEST (01:00Z).
    expect(iso(instantOfWallTime(at("2025-03-30T02:15:00Z"), "Europe/Berlin"))).toBe("2025-03-30T01:00:00.000Z");
  });

  it("takes the first occurrence of a repeated hour", () => {
    // New York 2025-11-02: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(iso(instantOfWallTime(at("2025-11-02T01:30:00Z"), "America/New_York"))).toBe("2025-11-02T05:30:00.000Z");
    // Berlin 2025-10-26: 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET).
    expect(iso(instantOfWallTime(at("2025-10-26T02:30:00Z"), "Europe/Berlin"))).toBe("2025-10-26T00:30:00.000Z");
  });
});

describe("slotsBetween", () => {
  it("keeps 07:30 local across New York's spring and autumn changes", () => {
    expect(slots(rule("07:30", "America/New_York"), "2025-03-08T00:00:00Z", "2025-03-10T23:59:00Z")).toEqual([
      "2025-03-08T12:30:00.000Z",
      "2025-03-09T11:30:00.000Z",
      "2025-03-10T11:30:00.000Z",
    ]);
    expect(slots(rule("07:30", "America/New_York"), "2025-11-01T00:00:00Z", "2025-11-03T23:59:00Z")).toEqual([
      "2025-11-01T11:30:00.000Z",
      "2025-11-02T12:30:00.000Z",
      "2025-11-03T12:30:00.000Z",
    ]);
  });

  it("runs a gap time once, at the next valid minute, and a repeated time once", () => {
    // node-cron 4 skips this day entirely; we post at 03:00 EDT.
    expect(slots(rule("02:30", "America/New_York"), "2025-03-08T12:00:00Z", "2025-03-10T12:00:00Z")).toEqual([
      "2025-03-09T07:00:00.000Z",
      "2025-03-10T06:30:00.000Z",
    ]);
    expect(slots(rule("01:30", "America/New_York"), "2025-11-01T12:00:00Z", "2025-11-03T12:00:00Z")).toEqual([
      "2025-11-02T05:30:00.000Z",
      "2025-11-03T06:30:00.000Z",
    ]);
    expect(slots(rule("02:30", "Europe/Berlin"), "2025-03-29T12:00:00Z", "2025-03-31T12:00:00Z")).toEqual([
      "2025-03-30T01:00:00.000Z",
      "2025-03-31T00:30:00.000Z",
    ]);
    expect(slots(rule("02:30", "Europe/Berlin"), "2025-10-25T12:00:00Z", "2025-10-27T12:00:00Z")).toEqual([
      "2025-10-26T00:30:00.000Z",
      "2025-10-27T01:30:00.000Z",
    ]);
  });

  it("keeps Berlin at 08:00 local through both changes of 2025", () => {
    const r = rule("08:00", "Europe/Berlin");
    expect(slots(r, "2025-03-29T00:00:00Z", "2025-03-31T00:00:00Z")).toEqual([
      "2025-03-29T07:00:00.000Z",
      "2025-03-30T06:00:00.000Z",
    ]);
    expect(slots(r, "2025-10-25T00:00:00Z", "2025-10-27T00:00:00Z")).toEqual([
      "2025-10-25T06:00:00.000Z",
      "2025-10-26T07:00:00.000Z",
    ]);
  });

  it("has no DST in Mexico City since 2022 (and had it before)", () => {
    const r = rule("07:00", "America/Mexico_City");
    expect(slots(r, "2024-04-06T00:00:00Z", "2024-04-08T00:00:00Z")).toEqual([
      "2024-04-06T13:00:00.000Z",
      "2024-04-07T13:00:00.000Z",
    ]);
    expect(slots(r, "2024-07-01T00:00:00Z", "2024-07-02T00:00:00Z")).toEqual(["2024-07-01T13:00:00.000Z"]);
    // Summer 2021 still had CDT (UTC-5).
    expect(slots(r, "2021-07-01T00:00:00Z", "2021-07-02T00:00:00Z")).toEqual(["2021-07-01T12:00:00.000Z"]);
  });

  it("filters weekdays: mon-fri skips the weekend, sat,sun keeps only it", () => {
    // 2025-01-31 is a Friday.
    const weekdays = slots(rule("09:00", "UTC", [1, 2, 3, 4, 5]), "2025-01-30T00:00:00Z", "2025-02-04T00:00:00Z");
    expect(weekdays).toEqual(["2025-01-30T09:00:00.000Z", "2025-01-31T09:00:00.000Z", "2025-02-03T09:00:00.000Z"]);
    const weekend = slots(rule("09:00", "Europe/Berlin", [0, 6]), "2025-01-30T00:00:00Z", "2025-02-04T00:00:00Z");
    expect(weekend).toEqual(["2025-02-01T08:00:00.000Z", "2025-02-02T08:00:00.000Z"]);
  });

  it("crosses month and year ends and leap days in the zone's own calendar", () => {
    // 23:30 in New York on 2024-02-28/29 and 03-01 is the next UTC day.
    expect(slots(rule("23:30", "America/New_York"), "2024-02-28T12:00:00Z", "2024-03-02T12:00:00Z")).toEqual([
      "2024-02-29T04:30:00.000Z",
      "2024-03-01T04:30:00.000Z",
      "2024-03-02T04:30:00.000Z",
    ]);
    // Tokyo's New Year's morning is still 2024 in UTC.
    expect(slots(rule("06:00", "Asia/Tokyo"), "2024-12-31T00:00:00Z", "2025-01-01T00:00:00Z")).toEqual([
      "2024-12-31T21:00:00.000Z",
    ]);
    // A Wednesday-only digest on the last day of April 2025 (a Wednesday).
    expect(slots(rule("12:00", "Europe/Berlin", [3]), "2025-04-27T00:00:00Z", "2025-05-06T00:00:00Z")).toEqual([
      "2025-04-30T10:00:00.000Z",
    ]);
  });

  it("is exclusive of the start and inclusive of the end, and refuses absurd ranges", () => {
    const r = rule("09:00", "UTC");
    expect(slots(r, "2025-01-01T09:00:00Z", "2025-01-02T09:00:00Z")).toEqual(["2025-01-02T09:00:00.000Z"]);
    expect(slotsBetween(r, at("2025-01-02T09:00:00Z"), at("2025-01-01T00:00:00Z"))).toEqual([]);
    expect(() => slotsBetween(r, 0, at("2025-01-01T00:00:00Z"))).toThrow(RangeError);
    expect(iso(nextSlot(r, at("2025-01-01T09:00:00Z")) ?? 0)).toBe("2025-01-02T09:00:00.000Z");
    expect(nextSlot({ ...r, days: [] }, 0)).toBeNull();
  });
});
