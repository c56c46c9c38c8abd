// The /digest grammar: every form, its defaults, and each error path with the fix it names;
// time zones checked against IANA names with a suggestion on a typo.
import { describe, expect, it } from "vitest";
import { parseCommand, tokenizeCommand } from "../../../src/briefing/commands/command.js";
import { isDigestChange, parseDays, parseDigestCommand } from "../../../src/briefing/commands/digest-command.js";
import { isAdminCommand } from "../../../src/briefing/commands/handle-command.js";
import { canonicalTimeZone, suggestTimeZone } from "../../../src/briefing/digests/time-zone.js";

const parse = (text: string) => parseDigestCommand(tokenizeCommand(text));
const error = (text: string): { code: string; message: string } => {
  try {
    parse(text);
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error(`expected "${text}" to be refused`);
};

describe("/digest grammar", () => {
  it("parses schedule with defaults and with every option", () => {
    expect(parse("schedule 07:30")).toEqual({
      action: "schedule",
      minuteOfDay: 450,
      topic: null,
      timeZone: null,
      days: [0, 1, 2, 3, 4, 5, 6],
      maxStories: null,
      quiet: true,
    });
    expect(parse('schedule 7:05 "white house" tariffs tz:europe/berlin days:mon-fri stories:3 quiet:off')).toEqual({
      action: "schedule",
      minuteOfDay: 425,
      topic: '"white house" tariffs',
      timeZone: "Europe/Berlin",
      days: [1, 2, 3, 4, 5],
      maxStories: 3,
      quiet: false,
    });
    expect(parse("schedule 23:59 days:sat,sun tz:UTC")).toMatchObject({
      minuteOfDay: 1439,
      days: [0, 6],
      timeZone: "UTC",
    });
    expect(parse("SCHEDULE 00:00 re:invent")).toMatchObject({ minuteOfDay: 0, topic: "re:invent" });
  });

  it("parses the other actions", () => {
    expect(parse("list")).toEqual({ action: "list" });
    expect(parse("remove 3")).toEqual({ action: "remove", id: 3 });
    expect(parse("remove #3")).toEqual({ action: "remove", id: 3 });
    expect(parse("preview 12")).toEqual({ action: "preview", id: 12 });
    expect(parse("resume 4")).toEqual({ action: "resume", id: 4 });
    expect(parse("timezone America/New_York")).toEqual({ action: "timezone", timeZone: "America/New_York" });
    expect(parse("timezone")).toEqual({ action: "timezone", timeZone: null });
    expect(parseCommand("/digest list")).toEqual({ kind: "digest", args: ["list"] });
  });

  it("parses day sets: names, ranges (wrapping), lists and words", () => {
    expect(parseDays("daily")).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(parseDays("weekdays")).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays("weekends")).toEqual([0, 6]);
    expect(parseDays("Mon,Wed,Friday")).toEqual([1, 3, 5]);
    expect(parseDays("fri-mon")).toEqual([0, 1, 5, 6]);
    expect(parseDays("tue")).toEqual([2]);
  });

  it("refuses wrong times, days, stories and options, naming the fix", () => {
    expect(error("schedule")).toMatchObject({ code: "bad_command", message: expect.stringMatching(/needs a time/) });
    expect(error("schedule 25:00").message).toMatch(/"25:00" is not a time of day; use 24-hour HH:MM/);
    expect(error("schedule 7am").message).toMatch(/not a time of day/);
    expect(error("schedule 07:60").message).toMatch(/not a time of day/);
    expect(error("schedule 07:30 days:mon-funday").message).toMatch(/unknown day "funday"/);
    expect(error("schedule 07:30 days:").message).toMatch(/empty day/);
    expect(error("schedule 07:30 days:mon-wed-fri").message).toMatch(/a range is two days/);
    expect(error("schedule 07:30 stories:0").message).toMatch(/from 1 to 10/);
    expect(error("schedule 07:30 stories:11").message).toMatch(/from 1 to 10/);
    expect(error("schedule 07:30 quiet:maybe").message).toMatch(/quiet:maybe must be on/);
    expect(error("schedule 07:30 day:mon").message).toMatch(/Did you mean days:\?/);
    expect(error("schedule 07:30 storys:3").message).toMatch(/Did you mean stories:\?/);
    expect(error("schedule 07:30 zone:Europe/Berlin").message).toMatch(/Did you mean tz:Europe\/Berlin\?/);
    expect(error("schedule 07:30 since:3d").message).toMatch(/since: does not apply/);
  });

  it("refuses unknown zones with the nearest IANA name", () => {
    const typo = error("schedule 07:30 tz:Europe/Berln");
    expect(typo.code).toBe("unknown_time_zone");
    expect(typo.message).toMatch(/"Europe\/Berln" is not a time zone I know\. Did you mean Europe\/Berlin\?/);
    expect(error("timezone America/New_Yrok").message).toMatch(/Did you mean America\/New_York\?/);
    expect(error("timezone New_York").message).toMatch(/Did you mean America\/New_York\?/);
    expect(error("timezone EST").message).toMatch(/not a time zone I know/);
    expect(error("timezone Qwertyuiop/Zxcvbnm").message).not.toMatch(/Did you mean/);
  });

  it("refuses missing or wrong ids, extra words and unknown actions", () => {
    expect(error("").message).toMatch(/needs an action/);
    expect(error("remove").message).toMatch(/needs a schedule id; see them with \/digest list/);
    expect(error("preview abc").message).toMatch(/"abc" is not a schedule id/);
    expect(error("resume 0").message).toMatch(/not a schedule id/);
    expect(error("remove 1 2").message).toMatch(/Unexpected "2"/);
    expect(error("list all").message).toMatch(/Unexpected "all"/);
    expect(error("timezone Europe/Berlin extra").message).toMatch(/Unexpected "extra"/);
    expect(error("shedule 07:30").message).toMatch(
      /Unknown \/digest action "shedule"\. Did you mean \/digest schedule\?/,
    );
    expect(error("explode").message).toMatch(/Usage: \/digest schedule/);
  });

  it("marks changes as admin-only, and reading as open to everyone", () => {
    for (const text of ["schedule 07:30", "remove 1", "resume 1", "timezone Europe/Berlin"]) {
      expect(isDigestChange(tokenizeCommand(text)), text).toBe(true);
      expect(isAdminCommand(parseCommand(`/digest ${text}`)), text).toBe(true);
    }
    for (const text of ["list", "preview 1", "timezone", ""]) {
      expect(isDigestChange(tokenizeCommand(text)), text).toBe(false);
    }
    expect(isAdminCommand(parseCommand("/brief mexico"))).toBe(false);
    expect(isAdminCommand(parseCommand("/feed add https://x.example/"))).toBe(true);
  });
});

describe("time zones", () => {
  it("canonicalizes IANA names and aliases, refuses abbreviations and offsets", () => {
    expect(canonicalTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("utc")).toBe("UTC");
    expect(canonicalTimeZone("US/Eastern")).toBe("America/New_York");
    expect(canonicalTimeZone("EST")).toBeNull();
    expect(canonicalTimeZone("+05:00")).toBeNull();
    expect(canonicalTimeZone("Mars/Olympus_Mons")).toBeNull();
  });

  it("suggests by whole name or by city", () => {
    expect(suggestTimeZone("Amerca/Mexico_City")).toBe("America/Mexico_City");
    expect(suggestTimeZone("berlin")).toBe("Europe/Berlin");
    expect(suggestTimeZone("tokio")).toBe("Asia/Tokyo");
    expect(suggestTimeZone("")).toBeNull();
  });
});
