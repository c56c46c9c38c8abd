// Builds the deps of runDueDigests from the store's ports, a publisher and the digest settings:
// one place for the CLI's `digest run-due` and for serve's timer to share.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { DigestRunDeps } from "../../briefing/digests/run-due-digests.js";
import type {
  ArticleStore,
  Clock,
  DeliveryLedger,
  EventStore,
  FeedStore,
  Logger,
  Publisher,
  ScheduleStore,
} from "../../briefing/ports.js";
import type { DigestSettings } from "./digest-settings.js";

export interface DigestStorePorts {
  articles: ArticleStore;
  feeds: FeedStore;
  events: EventStore;
  schedules: ScheduleStore;
  deliveries: DeliveryLedger;
}

export function createDigestRunDeps(
  store: DigestStorePorts,
  publisher: Publisher,
  settings: DigestSettings,
  clock: Clock,
  logger: Logger,
): DigestRunDeps {
  return {
    articles: store.articles,
    feeds: store.feeds,
    events: store.events,
    schedules: store.schedules,
    deliveries: store.deliveries,
    publisher,
    clock,
    logger,
    newClaimToken: randomUUID,
    wait: (ms) => sleep(ms),
    options: { graceMs: settings.graceMs, ...(settings.leaseMs === null ? {} : { leaseMs: settings.leaseMs }) },
  };
}
