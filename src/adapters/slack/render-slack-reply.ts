// A neutral Reply as a Slack message: cards through renderSlackCard, notices as a bold title and
// escaped lines (some carry feed titles). `response_type` follows the reply's visibility.
import type { Reply } from "../../briefing/commands/reply.js";
import { clipEscaped } from "./escape-slack-text.js";
import { renderSlackCard } from "./render-slack-card.js";
import { SLACK_BUDGETS, SLACK_LIMITS } from "./slack-limits.js";
import type { SlackBlock, SlackMessage } from "./slack-message.js";

/** What a slash command's response_url takes: the message, in the channel or for the sender only. */
export interface SlackResponse extends SlackMessage {
  response_type: "in_channel" | "ephemeral";
}

const section = (text: string): SlackBlock => ({ type: "section", text: { type: "mrkdwn", text, verbatim: true } });

/**
 * A notice's lines packed into as few sections as the 3,000-character limit allows, at most `room`
 * of them; lines that do not fit are counted in a last line rather than sent in a message Slack refuses.
 */
function lineSections(lines: string[], room: number): SlackBlock[] {
  const sections: string[] = [];
  let current = "";
  for (const [i, line] of lines.entries()) {
    const text = clipEscaped(line, SLACK_LIMITS.sectionText);
    if (current === "" || current.length + 1 + text.length <= SLACK_LIMITS.sectionText) {
      current = current === "" ? text : `${current}\n${text}`;
      continue;
    }
    if (sections.length === room - 2) {
      sections.push(current, `…and ${lines.length - i} more lines, left out to fit one message.`);
      return sections.map(section);
    }
    sections.push(current);
    current = text;
  }
  if (current !== "") sections.push(current);
  return sections.map(section);
}

export function renderSlackNotice(title: string, lines: string[], tone: "info" | "error" = "info"): SlackMessage {
  const heading = `${tone === "error" ? ":warning: " : ""}*${clipEscaped(title, SLACK_BUDGETS.headlineLabel)}*`;
  const blocks: SlackBlock[] = [section(heading), ...lineSections(lines, SLACK_LIMITS.blocks - 1)];
  return { text: clipEscaped([title, ...lines].join(" — "), SLACK_BUDGETS.fallbackText), blocks };
}

export function renderSlackMessage(reply: Reply): SlackMessage {
  return reply.kind === "card"
    ? renderSlackCard(reply.card, { buttons: true })
    : renderSlackNotice(reply.title, reply.lines, reply.tone);
}

export function renderSlackReply(reply: Reply): SlackResponse {
  return {
    response_type: reply.visibility === "channel" ? "in_channel" : "ephemeral",
    ...renderSlackMessage(reply),
  };
}
