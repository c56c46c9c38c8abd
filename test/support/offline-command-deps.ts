// Command deps on one real store for tests that run /watch and friends but never fetch a feed:
// fetching throws, the clock is the test's, and story alerts use the store's watches and ledger.
import type { CommandDeps } from "../../src/briefing/commands/handle-command.js";
import type { Store } from "../../src/store/store.js";

/** handleCommand's deps on `store` at `now()`; any fetch or normalize fails with `offline`. */
export function offlineCommandDeps(store: Store, now: () => number, offline = "offline"): CommandDeps {
  return {
    feeds: store.feeds,
    articles: store.articles,
    events: store.events,
    source: { fetchFeed: async () => Promise.reject(new Error(offline)) },
    normalize: () => {
      throw new Error(offline);
    },
    clock: { now },
    random: () => 0.5,
    policy: { refreshMinutes: 15, maxFailures: 10 },
    alerts: { watches: store.watches, alerts: store.alerts },
  };
}
