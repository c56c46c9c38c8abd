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

export type SlackBlock =
  | { type: "header"; text: PlainText }
  | { type: "section"; text: Mrkdwn; fields?: Mrkdwn[] }
  | { type: "context"; elements: Mrkdwn[] }
  | { type: "divider" };

export interface SlackMessage {
  /** Fallback for notifications, screen readers and clients without Block Kit. */
  text: string;
  blocks: SlackBlock[];
}
