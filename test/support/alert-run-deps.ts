// The alert pass's dependencies on one real store, as the alert tests arrange them: serve's own
// wiring (createAlertRunDeps) with no logging, no pause between tries, and the test's clock.

import { createAlertRunDeps } from "../../src/adapters/scheduler/create-alert-run-deps.js";
import type { AlertPublisher } from "../../src/briefing/alerts/alert-publisher.js";
import type { AlertRunDeps } from "../../src/briefing/alerts/run-alert-pass.js";
import type { Store } from "../../src/store/store.js";
import { silentLogger } from "./store-factories.js";

/** runAlertPass's deps on `store`, read at `now()`; `overrides` swap any of them (another store's ledger, say). */
export function alertRunDeps(
  store: Pick<Store, "watches" | "alerts" | "articles" | "feeds" | "events">,
  publisher: AlertPublisher,
  now: () => number,
  overrides: Partial<AlertRunDeps> = {},
): AlertRunDeps {
  return { ...createAlertRunDeps(store, publisher, { now }, silentLogger), wait: async () => {}, ...overrides };
}
