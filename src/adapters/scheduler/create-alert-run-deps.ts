// Builds the deps of runAlertPass from the store's ports and an alert publisher: one place for
// serve's timer and the console to share.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { AlertLedger, WatchStore } from "../../briefing/alerts/alert-ports.js";
import type { AlertPublisher } from "../../briefing/alerts/alert-publisher.js";
import type { AlertRunDeps } from "../../briefing/alerts/run-alert-pass.js";
import type { ArticleStore, Clock, EventStore, FeedStore, Logger } from "../../briefing/ports.js";

export interface AlertStorePorts {
  watches: WatchStore;
  alerts: AlertLedger;
  articles: ArticleStore;
  feeds: FeedStore;
  events: EventStore;
}

export function createAlertRunDeps(
  store: AlertStorePorts,
  publisher: AlertPublisher,
  clock: Clock,
  logger: Logger,
): AlertRunDeps {
  return {
    watches: store.watches,
    alerts: store.alerts,
    articles: store.articles,
    feeds: store.feeds,
    events: store.events,
    publisher,
    clock,
    logger,
    newClaimToken: () => randomUUID(),
    wait: (ms) => sleep(ms),
  };
}
