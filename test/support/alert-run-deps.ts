// The alert pass's dependencies on one real store, as the alert tests arrange them: no logging,
// a fresh claim token each time, no pause between tries, and the test's own clock and publisher.
import { randomUUID } from "node:crypto";
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
  return {
    watches: store.watches,
    alerts: store.alerts,
    articles: store.articles,
    feeds: store.feeds,
    events: store.events,
    publisher,
    clock: { now },
    logger: silentLogger,
    newClaimToken: () => randomUUID(),
    wait: async () => {},
    ...overrides,
  };
}
