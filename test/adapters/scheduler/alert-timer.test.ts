// The alert timer: a pass at start and on each scheduler tick, never two at once, none after stop
// (the feed poller may still ask for one while serve shuts down), and a failed pass is logged.
import { describe, expect, it } from "vitest";
import { AlertTimer } from "../../../src/adapters/scheduler/alert-timer.js";
import type { MinuteScheduler } from "../../../src/adapters/scheduler/digest-timer.js";
import { EMPTY_ALERT_PASS } from "../../support/empty-alert-pass.js";

describe("AlertTimer", () => {
  it("runs at start and per tick, never twice at once, and not after stop", async () => {
    let tickFn: (() => Promise<void>) | null = null;
    const scheduler: MinuteScheduler = {
      schedule(_expression, tick) {
        tickFn = tick;
        return { stop() {}, destroy() {} };
      },
    };
    let runs = 0;
    let release: () => void = () => {};
    const errors: string[] = [];
    const timer = new AlertTimer({
      run: async () => {
        runs += 1;
        if (runs === 2) throw new Error("store locked");
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return EMPTY_ALERT_PASS;
      },
      logger: { debug() {}, info() {}, warn() {}, error: (_c, m) => errors.push(m) },
      scheduler,
    });
    timer.start();
    expect(runs).toBe(1);
    const again = timer.tick(); // the first pass is still running: no second one
    expect(runs).toBe(1);
    release();
    await again;
    await (tickFn as unknown as () => Promise<void>)();
    expect(runs).toBe(2);
    expect(errors).toEqual(["alert pass failed"]);
    await timer.stop();
    await timer.tick();
    expect(runs).toBe(2);
  });
});
