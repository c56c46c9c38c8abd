// An AlertPublisher fake for alert tests: records posts, thread replies, edits and round-ups in
// memory, answers ok by default, and takes scripted failures per operation (once or every time).
import type { AlertPost, AlertPublisher, StoryAlert, ThreadReply } from "../../src/briefing/alerts/alert-publisher.js";
import type { DigestCard } from "../../src/briefing/digest-card.js";
import type { PublishResult } from "../../src/briefing/ports.js";
import type { ChannelRef } from "../../src/briefing/schedule.js";

type Failure = Extract<PublishResult, { ok: false }>;
type Operation = "post" | "reply" | "edit" | "roundup";

export interface RecordedAlert {
  op: Operation;
  channel: ChannelRef;
  messageId: string;
  /** The parent message for replies and edits. */
  parentId: string | null;
  alert?: StoryAlert;
  reply?: ThreadReply;
  card?: DigestCard;
}

export class RecordingAlertPublisher implements AlertPublisher {
  readonly sent: RecordedAlert[] = [];
  /** Failures answered next, per operation, first in first out; `sticky` ones stay. */
  readonly failNext = new Map<Operation, Failure[]>();
  readonly sticky = new Map<Operation, Failure>();
  /** Called after the platform "accepted" a post and before it answers: a crash point for tests. */
  afterAccept: ((op: Operation) => void) | null = null;
  #serial = 0;

  of(op: Operation): RecordedAlert[] {
    return this.sent.filter((s) => s.op === op);
  }

  #failure(op: Operation): Failure | undefined {
    const queue = this.failNext.get(op);
    if (queue && queue.length > 0) return queue.shift();
    return this.sticky.get(op);
  }

  #accept(entry: Omit<RecordedAlert, "messageId">): PublishResult {
    const failure = this.#failure(entry.op);
    if (failure && failure.reason !== "unconfirmed") return failure;
    this.#serial += 1;
    const messageId = entry.op === "edit" ? (entry.parentId ?? "") : `m${this.#serial}`;
    this.sent.push({ ...entry, messageId });
    this.afterAccept?.(entry.op);
    // `unconfirmed`: the platform took it, but the answer never came back.
    return failure ?? { ok: true, messageId };
  }

  async postStory(target: ChannelRef, alert: StoryAlert): Promise<PublishResult> {
    return this.#accept({ op: "post", channel: target, parentId: null, alert });
  }

  async replyInThread(parent: AlertPost, reply: ThreadReply): Promise<PublishResult> {
    return this.#accept({ op: "reply", channel: parent.channel, parentId: parent.messageId, reply });
  }

  async editStory(parent: AlertPost, alert: StoryAlert): Promise<PublishResult> {
    return this.#accept({ op: "edit", channel: parent.channel, parentId: parent.messageId, alert });
  }

  async postRoundup(target: ChannelRef, card: DigestCard): Promise<PublishResult> {
    return this.#accept({ op: "roundup", channel: target, parentId: null, card });
  }
}
