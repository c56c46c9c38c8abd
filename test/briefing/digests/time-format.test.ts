// The window wording cards and empty replies print ("in the last 7 days"): singular for one unit,
// so `/brief chile since:1h` does not say "in the last 1 hours".
import { describe, expect, it } from "vitest";
import { describeWindow } from "../../../src/briefing/digests/time-format.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("describeWindow", () => {
  it("says one unit in the singular", () => {
    expect(describeWindow(MINUTE)).toBe("in the last minute");
    expect(describeWindow(HOUR)).toBe("in the last hour");
    expect(describeWindow(24 * HOUR)).toBe("in the last day");
  });

  it("says several in the plural, in hours below two days unless whole days", () => {
    expect(describeWindow(30 * MINUTE)).toBe("in the last 30 minutes");
    expect(describeWindow(3 * HOUR)).toBe("in the last 3 hours");
    expect(describeWindow(36 * HOUR)).toBe("in the last 36 hours");
    expect(describeWindow(48 * HOUR)).toBe("in the last 2 days");
    expect(describeWindow(7 * 24 * HOUR)).toBe("in the last 7 days");
  });
});
