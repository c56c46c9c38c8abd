// WorkerPool's time limit: a worker stuck on a request is ended, its requests fail with a message
// naming the limit, and the next request gets a fresh worker. Without the limit the stalled
// request never settles and this test runs into the test timeout.
import { afterEach, describe, expect, it } from "vitest";
import { WorkerPool } from "../../../src/adapters/workers/worker-pool.js";

type Request = { stall?: boolean; value?: number };

function pool(): WorkerPool<Request, number> {
  return new WorkerPool<Request, number>({
    name: "test parser",
    module: new URL("../../support/stalling-worker", import.meta.url),
    // Generous: the limit also covers a worker's start (tsx compiles it here), slow on a busy machine.
    timeoutMs: 8_000,
    readReply(message) {
      const m = message as { id?: unknown; result?: unknown };
      return typeof m.id === "number" && typeof m.result === "number" ? { id: m.id, result: m.result } : null;
    },
  });
}

describe("WorkerPool time limit", () => {
  let workers: WorkerPool<Request, number>;
  afterEach(async () => workers.close());

  it("ends a stuck worker, fails what it held, and answers the next request on a fresh one", async () => {
    workers = pool();
    expect(await workers.run({ value: 1 })).toBe(1);
    const stuck = workers.run({ stall: true });
    const queued = workers.run({ value: 2 });
    await expect(stuck).rejects.toThrow("the test parser took longer than 8 s and was stopped");
    await expect(queued).rejects.toThrow("took longer than 8 s");
    expect(await workers.run({ value: 3 })).toBe(3);
  }, 60_000);
});
