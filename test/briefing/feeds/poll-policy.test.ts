// Poll arithmetic: jittered intervals stay within ±10%, backoff doubles from 5 minutes to a 24 h cap.
import { describe, expect, it } from "vitest";
import { backoffDelay, firstFetchAt, nextFetchAfterSuccess } from "../../../src/briefing/feeds/poll-policy.js";

const MIN = 60_000;

describe("poll policy", () => {
  it("backs off 5 min x 2^n, capped at 24 h", () => {
    expect([1, 2, 3, 4].map(backoffDelay)).toEqual([5 * MIN, 10 * MIN, 20 * MIN, 40 * MIN]);
    expect(backoffDelay(9)).toBe(1280 * MIN);
    expect(backoffDelay(10)).toBe(24 * 60 * MIN);
    expect(backoffDelay(500)).toBe(24 * 60 * MIN);
  });

  it("jitters the refresh interval by at most 10%", () => {
    expect(nextFetchAfterSuccess(0, 15, () => 0)).toBe(13.5 * MIN);
    expect(nextFetchAfterSuccess(0, 15, () => 0.5)).toBe(15 * MIN);
    expect(nextFetchAfterSuccess(0, 15, () => 0.999999)).toBeLessThanOrEqual(16.5 * MIN);
  });

  it("spreads first fetches over the whole interval", () => {
    expect(firstFetchAt(1000, 10, () => 0)).toBe(1000);
    expect(firstFetchAt(1000, 10, () => 0.5)).toBe(1000 + 5 * MIN);
  });
});
