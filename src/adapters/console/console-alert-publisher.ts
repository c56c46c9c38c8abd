// Story alerts in the terminal: the console's AlertPublisher prints each post, thread reply, edit
// and round-up as the channel would show it, so /watch can be tried offline end to end.
import type { AlertPost, AlertPublisher, StoryAlert, ThreadReply } from "../../briefing/alerts/alert-publisher.js";
import type { CardStory, DigestCard } from "../../briefing/digest-card.js";
import type { PublishResult } from "../../briefing/ports.js";
import type { ChannelRef } from "../../briefing/schedule.js";
import { renderTextCard, safeTerminalText } from "../render/render-text-card.js";

function storyLines(story: CardStory): string[] {
  const sources = story.sources.map((s) => safeTerminalText(s.name)).join(", ");
  return [
    `  ${safeTerminalText(story.headline)}`,
    ...story.sentences.map((s) => `  “${safeTerminalText(s.text)}” — ${safeTerminalText(s.source)}`),
    `  ${story.sources.length} ${story.sources.length === 1 ? "source" : "sources"}: ${sources}`,
  ];
}

export class ConsoleAlertPublisher implements AlertPublisher {
  #serial = 0;

  constructor(private readonly write: (text: string) => void) {}

  #next(): string {
    this.#serial += 1;
    return `console-${this.#serial}`;
  }

  async postStory(_target: ChannelRef, alert: StoryAlert): Promise<PublishResult> {
    const messageId = this.#next();
    this.write([`[alert ${messageId}, watch #${alert.watchId}]`, ...storyLines(alert.story), ""].join("\n"));
    return { ok: true, messageId };
  }

  async replyInThread(parent: AlertPost, reply: ThreadReply): Promise<PublishResult> {
    const messageId = this.#next();
    const quote = reply.sentence ? `: “${safeTerminalText(reply.sentence.text)}”` : "";
    const line = `[thread of ${parent.messageId}] + ${safeTerminalText(reply.source)}${quote}`;
    this.write(`${line}\n${reply.url ? `  ${safeTerminalText(reply.url)}\n` : ""}`);
    return { ok: true, messageId };
  }

  async editStory(parent: AlertPost, alert: StoryAlert): Promise<PublishResult> {
    const n = alert.story.sources.length;
    this.write(`[edited ${parent.messageId}] now ${n} ${n === 1 ? "source" : "sources"}\n`);
    return { ok: true, messageId: parent.messageId };
  }

  async postRoundup(_target: ChannelRef, card: DigestCard): Promise<PublishResult> {
    const messageId = this.#next();
    this.write(`[round-up ${messageId}]\n${renderTextCard(card)}\n`);
    return { ok: true, messageId };
  }
}
