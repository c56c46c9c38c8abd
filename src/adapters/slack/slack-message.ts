// The Block Kit subset briefbot sends, as plain types (structurally Slack's own KnownBlock), so the
// renderers stay pure and free of SDK imports. A SlackMessage is what chat.postMessage and response_url take.

export interface PlainText {
  type: "plain_text";
  text: string;
  emoji?: boolean;
}

export interface Mrkdwn {
  type: "mrkdwn";
  text: string;
  /** Slack must not turn bare URLs and names in the text into links and mentions of its own. */
  verbatim?: boolean;
}

/** A button under a story; its value carries the story (see briefing/briefs/story-action.ts). */
export interface SlackButton {
  type: "button";
  action_id: string;
  text: PlainText;
  value: string;
}

export type SlackBlock =
  | { type: "header"; text: PlainText }
  | { type: "section"; text: Mrkdwn; fields?: Mrkdwn[] }
  | { type: "context"; elements: Mrkdwn[] }
  | { type: "divider" }
  | { type: "actions"; elements: SlackButton[] };

export interface SlackMessage {
  /** Fallback for notifications, screen readers and clients without Block Kit. */
  text: string;
  blocks: SlackBlock[];
}
