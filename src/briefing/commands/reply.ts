// A neutral answer to a command: a digest card, or a notice (lines of plain text). Adapters
// decide how it looks; `visibility` says who may see it: the channel, or only the sender.
import type { DigestCard } from "../digest-card.js";

export type Visibility = "channel" | "sender";

export type Reply =
  | { kind: "card"; card: DigestCard; visibility: Visibility }
  | {
      kind: "notice";
      tone: "info" | "error";
      title: string;
      /** Plain text lines; renderers escape them (some carry feed titles). */
      lines: string[];
      visibility: Visibility;
      /** The UserError code for errors, so adapters and tests can tell refusals apart. */
      code?: string;
    };

export function notice(title: string, lines: string[], visibility: Visibility = "sender"): Reply {
  return { kind: "notice", tone: "info", title, lines, visibility };
}

export function errorReply(code: string, message: string): Reply {
  return {
    kind: "notice",
    tone: "error",
    title: "Sorry, that did not work",
    lines: [message],
    visibility: "sender",
    code,
  };
}
