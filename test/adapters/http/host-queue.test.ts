// HostQueue on its own: one task per host at a time in FIFO order, hosts independent, a failing
// task frees the slot, and an abort while waiting leaves the queue.
import { describe, expect, it } from "vitest";
import { HostQueue } from "../../../src/adapters/http/host-queue.js";

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("HostQueue", () => {
  it("runs tasks for one host one at a time, in the order they were queued", async () => {
    const queue = new HostQueue();
    const log: string[] = [];
    const gates = [deferred(), deferred(), deferred()];
    const runs = gates.map((gate, index) =>
      queue.run("example.com", async () => {
        log.push(`start ${index}`);
        await gate.promise;
        log.push(`end ${index}`);
      }),
    );
    await tick();
    expect(log).toEqual(["start 0"]);
    gates[2]?.resolve();
    gates[1]?.resolve();
    await tick();
    expect(log).toEqual(["start 0"]);
    gates[0]?.resolve();
    await Promise.all(runs);
    expect(log).toEqual(["start 0", "end 0", "start 1", "end 1", "start 2", "end 2"]);
    expect(queue.activeHosts).toBe(0);
  });

  it("runs different hosts in parallel, and treats host names case-insensitively", async () => {
    const queue = new HostQueue();
    const gate = deferred();
    const started: string[] = [];
    const a = queue.run("a.example", async () => {
      started.push("a");
      await gate.promise;
    });
    const b = queue.run("b.example", async () => {
      started.push("b");
      await gate.promise;
    });
    const upperA = queue.run("A.EXAMPLE", async () => {
      started.push("A");
    });
    await tick();
    expect(started).toEqual(["a", "b"]);
    gate.resolve();
    await Promise.all([a, b, upperA]);
    expect(started).toEqual(["a", "b", "A"]);
  });

  it("frees the slot when a task fails", async () => {
    const queue = new HostQueue();
    const failed = queue.run("example.com", async () => {
      throw new Error("boom");
    });
    const next = queue.run("example.com", async () => "ok");
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("ok");
  });

  it("drops a waiter whose signal aborts, and keeps the others in order", async () => {
    const queue = new HostQueue();
    const gate = deferred();
    const order: number[] = [];
    const first = queue.run("example.com", async () => {
      order.push(1);
      await gate.promise;
    });
    const controller = new AbortController();
    const second = queue.run("example.com", async () => order.push(2), controller.signal);
    const third = queue.run("example.com", async () => order.push(3));
    controller.abort(new Error("deadline"));
    await expect(second).rejects.toThrow("deadline");
    gate.resolve();
    await Promise.all([first, third]);
    expect(order).toEqual([1, 3]);
  });

  it("rejects at once with an already aborted signal", async () => {
    const queue = new HostQueue();
    await expect(queue.run("example.com", async () => 1, AbortSignal.abort(new Error("late")))).rejects.toThrow("late");
    expect(queue.activeHosts).toBe(0);
  });
});
