// The /digest commands behind every door: schedule, list, remove, timezone, preview, resume.
// A schedule belongs to the channel it was made in; chat users see their own workspace's only,
// while the operator (command line, console) sees and changes every one.

import { DEFAULT_STORIES } from "../briefs/brief-request.js";
import { assembleDigestCard, buildStoryPool, type DigestContentDeps, selectStories } from "../digests/build-digest.js";
import { nextSlot } from "../digests/schedule-slots.js";
import { formatUtc } from "../digests/time-format.js";
import { UserError } from "../errors.js";
import type { Origin } from "../feed.js";
import type { Clock, DeliveryLedger, ScheduleStore, SlotRecord, WorkspaceRef } from "../ports.js";
import { type ChannelRef, formatDays, formatMinuteOfDay, type Schedule } from "../schedule.js";
import type { DigestCommand } from "./digest-command.js";
import { notice, type Reply } from "./reply.js";

export interface DigestCommandDeps extends DigestContentDeps {
  schedules: ScheduleStore;
  deliveries: DeliveryLedger;
  clock: Clock;
}

export interface DigestActor {
  origin: Origin;
  /** The person at the terminal: every workspace's schedules are in reach. */
  operator: boolean;
}

/** A channel with more would be the per-item spam digests exist to avoid. */
export const MAX_SCHEDULES_PER_CHANNEL = 10;

const FIRST_SPAN_MS = 86_400_000;

function channelOf(origin: Origin): ChannelRef {
  if (origin.workspaceId === null || origin.channelId === null || origin.platform === "console") {
    throw new UserError(
      "no_channel",
      "A digest belongs to a channel: run /digest schedule in the channel it should post to. From the command line, add --channel slack:<team id>:<channel id> or discord:<guild id>:<channel id>.",
    );
  }
  return { platform: origin.platform, workspaceId: origin.workspaceId, channelId: origin.channelId };
}

function workspaceOf(origin: Origin): WorkspaceRef {
  if (origin.workspaceId === null) {
    throw new UserError(
      "no_workspace",
      "The default time zone belongs to a workspace or server. From the command line, add --channel slack:<team id>:<channel id>.",
    );
  }
  return { platform: origin.platform, workspaceId: origin.workspaceId };
}

/** The actor's schedule by id; another workspace's is "not found" (its id is nobody else's business). */
async function findSchedule(deps: DigestCommandDeps, actor: DigestActor, id: number): Promise<Schedule> {
  const schedule = await deps.schedules.getSchedule(id);
  const visible =
    schedule &&
    (actor.operator ||
      (schedule.target.platform === actor.origin.platform && schedule.target.workspaceId === actor.origin.workspaceId));
  if (!schedule || !visible) {
    throw new UserError(
      "schedule_not_found",
      `No digest schedule #${id} here. See this workspace's with /digest list.`,
    );
  }
  return schedule;
}

export function describeSchedule(schedule: Schedule): string {
  const stories = `${schedule.maxStories} ${schedule.maxStories === 1 ? "story" : "stories"}`;
  return `#${schedule.id} ${formatMinuteOfDay(schedule.minuteOfDay)} ${schedule.timeZone}, ${formatDays(schedule.days)}: ${schedule.topic ?? "all feeds"}, up to ${stories}${schedule.quiet ? "" : ", says when nothing is new"}`;
}

function describeSlot(slot: SlotRecord): string {
  const when = formatUtc(slot.slotAt);
  switch (slot.status) {
    case "posted":
      return `last: posted ${when}`;
    case "quiet":
      return `last: nothing new at ${when} (quiet)`;
    case "claimed":
      return `last: posting the ${when} digest${slot.reason ? ` (retrying: ${slot.reason})` : ""}`;
    default:
      return `last: ${slot.status} at ${when} (${slot.reason ?? "no reason recorded"})`;
  }
}

export async function handleDigestCommand(
  deps: DigestCommandDeps,
  command: DigestCommand,
  actor: DigestActor,
): Promise<Reply> {
  const now = deps.clock.now();
  switch (command.action) {
    case "schedule": {
      const target = channelOf(actor.origin);
      const inChannel = (await deps.schedules.listSchedules(target)).filter(
        (s) => s.target.channelId === target.channelId,
      );
      if (inChannel.length >= MAX_SCHEDULES_PER_CHANNEL) {
        throw new UserError(
          "too_many_schedules",
          `This channel already has ${inChannel.length} digests, the most it can have. Remove one with /digest remove <id> first.`,
        );
      }
      const timeZone = command.timeZone ?? (await deps.schedules.getWorkspaceTimeZone(target)) ?? "UTC";
      const schedule = await deps.schedules.addSchedule({
        target,
        createdBy: actor.origin.userId,
        minuteOfDay: command.minuteOfDay,
        days: command.days,
        timeZone,
        topic: command.topic,
        maxStories: command.maxStories ?? DEFAULT_STORIES,
        quiet: command.quiet,
        createdAt: now,
        activeFrom: now,
      });
      const next = nextSlot(schedule, now);
      return notice(
        "Digest scheduled",
        [
          describeSchedule(schedule),
          next === null ? "No upcoming slot." : `First digest: ${formatUtc(next)}.`,
          schedule.quiet
            ? `Quiet when nothing is new: no post then. Preview it any time with /digest preview ${schedule.id}.`
            : `Preview it any time with /digest preview ${schedule.id}.`,
          ...(command.timeZone === null && timeZone === "UTC"
            ? ["Times are UTC: set this workspace's zone with /digest timezone Area/City, or add tz:Europe/Berlin."]
            : []),
        ],
        "channel",
      );
    }
    case "list": {
      const schedules = await deps.schedules.listSchedules(actor.operator ? undefined : workspaceOf(actor.origin));
      if (schedules.length === 0)
        return notice("No digests scheduled", ["Schedule one with /digest schedule 07:30 [topic]."]);
      const lines: string[] = [];
      for (const s of schedules) {
        const [last] = await deps.deliveries.listSlots(s.id, 1);
        const next = s.pausedAt === null ? nextSlot(s, now) : null;
        const state =
          s.pausedAt !== null
            ? `PAUSED (${s.pausedReason ?? "no reason"}); resume with /digest resume ${s.id}`
            : `next ${next === null ? "none" : formatUtc(next)}`;
        const where = actor.operator
          ? `${s.target.platform}:${s.target.workspaceId}:${s.target.channelId}`
          : `channel ${s.target.channelId}`;
        lines.push(`${describeSchedule(s)} — ${where} — ${state}${last ? ` — ${describeSlot(last)}` : ""}`);
      }
      return notice(`${schedules.length} ${schedules.length === 1 ? "digest" : "digests"} scheduled`, lines);
    }
    case "remove": {
      const schedule = await findSchedule(deps, actor, command.id);
      await deps.schedules.removeSchedule(schedule.id);
      return notice("Digest removed", [`${describeSchedule(schedule)} will not post again.`], "channel");
    }
    case "timezone": {
      const workspace = workspaceOf(actor.origin);
      if (command.timeZone === null) {
        const zone = await deps.schedules.getWorkspaceTimeZone(workspace);
        return notice("Default time zone", [
          zone === null
            ? "Not set: new digests use UTC unless they name tz:Area/City. Set it with /digest timezone Europe/Berlin."
            : `New digests here use ${zone} unless they name tz:Area/City.`,
        ]);
      }
      await deps.schedules.setWorkspaceTimeZone(workspace, command.timeZone, now);
      const existing = (await deps.schedules.listSchedules(workspace)).length;
      return notice(
        "Default time zone set",
        [
          `New digests in this workspace run in ${command.timeZone}.`,
          ...(existing > 0
            ? [
                `The ${existing} existing ${existing === 1 ? "digest keeps its" : "digests keep their"} zone; to move one, remove it and schedule it again.`,
              ]
            : []),
        ],
        "channel",
      );
    }
    case "preview": {
      const schedule = await findSchedule(deps, actor, command.id);
      const [history] = await deps.deliveries.slotHistory([schedule.id]);
      const delivered = history?.latestDeliveredAt ?? null;
      const since = delivered === null ? now - FIRST_SPAN_MS : delivered;
      const pool = await buildStoryPool(deps, { topic: schedule.topic, asOf: now, spanMs: now - since });
      const seen = new Set(await deps.deliveries.postedArticleIds(schedule.target, pool.since));
      const card = assembleDigestCard(pool, selectStories(pool, seen, since, schedule.maxStories), since);
      if (card.stories.length === 0 && schedule.quiet) {
        card.emptyMessage = `${card.emptyMessage} Digest #${schedule.id} is quiet, so it would post nothing now.`;
      }
      return { kind: "card", card, visibility: "sender" };
    }
    case "resume": {
      const schedule = await findSchedule(deps, actor, command.id);
      if (schedule.pausedAt === null) {
        return notice("Digest is running", [`${describeSchedule(schedule)} is not paused.`]);
      }
      // activeFrom = now: slots missed while paused are not back-filled.
      const resumed = await deps.schedules.updateSchedule(schedule.id, {
        pausedAt: null,
        pausedReason: null,
        consecutiveFailures: 0,
        activeFrom: now,
      });
      const next = resumed ? nextSlot(resumed, now) : null;
      return notice(
        "Digest resumed",
        [`${describeSchedule(schedule)} runs again${next === null ? "." : `; next at ${formatUtc(next)}.`}`],
        "channel",
      );
    }
  }
}
