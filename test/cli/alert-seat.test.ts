// Story-alert passes on one instance per PostgreSQL database: two serve-like runners, each with its
// own leadership connection and alert timer; only the seat holder's timer runs passes, and the
// standby runs them once the holder stops. Real PostgreSQL advisory locks; no timed assertions.
import { describe, expect, inject, it } from "vitest";
import { AlertTimer } from "../../src/adapters/scheduler/alert-timer.js";
import type { MinuteScheduler } from "../../src/adapters/scheduler/digest-timer.js";
import { AlertSeat } from "../../src/cli/alert-seat.js";
import { PostgresLeadership } from "../../src/store/postgres/postgres-leadership.js";
import { EMPTY_ALERT_PASS } from "../support/empty-alert-pass.js";
import { postgresTestDatabase } from "../support/postgres-test-database.js";
import { silentLogger } from "../support/store-factories.js";

async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** One serve-like instance: its leadership, a pass counter, and a minute tick the test fires. */
function runner(url: string) {
  const ticks: Array<() => Promise<void>> = [];
  const scheduler: MinuteScheduler = {
    schedule(_expression, tick) {
      ticks.push(tick);
      return { stop() {}, destroy() {} };
    },
  };
  const state = { passes: 0 };
  const seat = new AlertSeat({
    leadership: new PostgresLeadership(url, silentLogger),
    logger: silentLogger,
    retryMs: 50,
    timer: () =>
      new AlertTimer({
        run: async () => {
          state.passes += 1;
          return EMPTY_ALERT_PASS;
        },
        logger: silentLogger,
        scheduler,
      }),
  });
  /** The minute tick of every timer this runner made (a stopped one runs nothing). */
  const minute = async () => {
    await Promise.all(ticks.map((t) => t()));
  };
  /** What the feed poller calls after storing new articles. */
  const newArticles = () => seat.tick();
  return { seat, state, minute, newArticles };
}

describe("the alerts seat on one PostgreSQL database", () => {
  const database = postgresTestDatabase();

  it.runIf(inject("postgresAvailable"))(
    "runs passes on the seat holder only; the standby runs them after the holder stops",
    async () => {
      const url = await database.url();
      const a = runner(url);
      const b = runner(url);
      try {
        await a.seat.start();
        await b.seat.start();
        expect([a.seat.leading, b.seat.leading]).toEqual([true, false]);
        await a.minute();
        await a.newArticles();
        await b.minute();
        await b.newArticles();
        expect(a.state.passes).toBe(3); // the pass at start, the minute's, the new articles'
        expect(b.state.passes).toBe(0);

        await a.seat.stop(); // the holder's process ends: its session, and the lock, go with it
        await until("the standby to take the seat", () => b.seat.leading);
        await until("the standby's first pass", () => b.state.passes > 0);
        const before = b.state.passes;
        await b.minute();
        await b.newArticles();
        expect(b.state.passes).toBe(before + 2);
        await a.minute();
        await a.newArticles();
        expect(a.state.passes).toBe(3);
      } finally {
        await a.seat.stop();
        await b.seat.stop();
      }
    },
  );
});
