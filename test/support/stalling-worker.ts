// Test worker for WorkerPool: echoes `value`, or spins forever on `stall` (what a parser stuck on
// hostile input looks like from the pool's side).
import { parentPort } from "node:worker_threads";

parentPort?.on("message", (message: { id: number; stall?: boolean; value?: number }) => {
  let spins = 0;
  while (message.stall === true) spins++;
  parentPort?.postMessage({ id: message.id, result: message.value ?? spins });
});
