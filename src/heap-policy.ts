// How the process's V8 heaps grow: imported first by main.ts, before any work allocates, so every
// heap (the main thread's and the parser worker's) follows it.
import { setFlagsFromString } from "node:v8";

/**
 * V8 grows a heap by a large factor after each full collection, so a process that churns through
 * feed documents (ingest, serve) sits on mostly garbage: in bench:ingest the main heap held about
 * 130 MB of which a forced collection left about 10 MB. Growing by 20% instead brought peak RSS
 * from 290-330 MB to about 250 MB at the same items/s (docs/decisions/002). It only changes when
 * V8 collects; the heap may still grow as far as the work needs.
 */
export const HEAP_GROWING_PERCENT = 20;

setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
