// An outbox event as the neutral Announcement every platform's publisher renders: one title per
// kind (a Record, so a new kind fails the build until it has one) and the fix where there is one.
import type { Announcement, BotEvent, EventKind } from "../../briefing/ports.js";

const TITLES: Record<EventKind, string> = {
  feed_disabled: "A feed was disabled",
  schedule_paused: "A scheduled digest was paused",
  watch_paused: "Story alerts were paused",
};

export function eventAnnouncement(event: BotEvent): Announcement {
  const lines = [event.message];
  if (event.kind === "feed_disabled" && event.feedId !== null) {
    lines.push(`An admin can turn it back on with /feed enable ${event.feedId}.`);
  }
  return { title: TITLES[event.kind], lines, tone: "error" };
}
