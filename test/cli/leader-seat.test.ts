// LeaderSeat: the holder starts the work, a standby waits and takes over when the holder's lease
// is lost; a failing first start stops serve with the error. Fake leadership, real timers.
import { describe, expect, it } from "vitest";
import { LeaderSeat } from "../../src/cli/leader-seat.js";
import type { LeaderLease, Leadership } from "../../src/store/store.js";
import { silentLogger } from "../support/store-factories.js";

/** One lock per name; `kill()` ends the current holder's lease as a dead process's would. */
function fakeLeadership() {
  let held: { lose: () => void } | null = null;
  const leadership: Leadership = {
    async tryAcquire(): Promise<LeaderLease | null> {
      if (held) return null;
      let lose = () => {};
      const lost = new Promise<void>((r) => {
        lose = r;
      });
      const lease = {
        lose: () => {
          held = null;
          lose();
        },
      };
      held = lease;
      return { lost, release: async () => lease.lose() };
    },
  };
  return { leadership, kill: () => held?.lose() };
}

describe("LeaderSeat", () => {
  it("runs on one instance; a standby takes over when the holder's lease is lost", async () => {
    const { leadership, kill } = fakeLeadership();
    const started: string[] = [];
    const seat = (name: string) =>
      new LeaderSeat({
        leadership,
        name: "gateway",
        logger: silentLogger,
        retryMs: 20,
        start: async () => {
          started.push(name);
          return { stop: async () => void started.push(`${name} stopped`) };
        },
      });
    const a = seat("a");
    const b = seat("b");
    await a.start();
    await b.start();
    expect([a.leading, b.leading]).toEqual([true, false]);
    kill();
    await new Promise((r) => setTimeout(r, 100));
    expect(started).toEqual(["a", "a stopped", "b"]);
    expect(b.leading).toBe(true);
    await a.stop();
    await b.stop();
    expect(started.at(-1)).toBe("b stopped");
  });

  it("rejects when the first start fails, and gives the seat back", async () => {
    const { leadership } = fakeLeadership();
    const failing = new LeaderSeat({
      leadership,
      name: "gateway",
      logger: silentLogger,
      start: async () => {
        throw new Error("Discord refused DISCORD_TOKEN");
      },
    });
    await expect(failing.start()).rejects.toThrow(/refused/);
    await failing.stop();
    expect(await leadership.tryAcquire("gateway")).not.toBeNull();
  });
});
