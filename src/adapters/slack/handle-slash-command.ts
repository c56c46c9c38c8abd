// One Slack slash command, already acknowledged, to the message its response_url gets: the payload
// is parsed with zod, the text with the shared grammar, admin rights looked up only when needed,
// and the core's neutral reply rendered for Slack.
import { z } from "zod";
import { type Command, parseNamedCommand } from "../../briefing/commands/command.js";
import { type CommandDeps, handleCommand, isAdminCommand } from "../../briefing/commands/handle-command.js";
import { errorReply } from "../../briefing/commands/reply.js";
import { isUserError } from "../../briefing/errors.js";
import { renderSlackNotice, renderSlackReply, type SlackResponse } from "./render-slack-reply.js";
import type { SlackAdminCheck } from "./slack-admin-check.js";

export const SlashCommandSchema = z.object({
  command: z.string().min(2),
  text: z.string().default(""),
  user_id: z.string().min(1),
  team_id: z.string().min(1),
  channel_id: z.string().min(1),
  response_url: z.url({ protocol: /^https?$/ }),
});
export type SlashCommandPayload = z.infer<typeof SlashCommandSchema>;

/**
 * Commands that change what everyone gets. The core refuses them unless `isAdmin`; asking Slack
 * only for these keeps users.info off the /brief path. A kind the core adds later and this list
 * misses is refused (safe), not allowed.
 */
/** The core decides which commands are admin-only; users.info is only asked for those. */
export const needsAdmin = (command: Command): boolean => isAdminCommand(command);

export interface SlashCommandContext {
  deps: CommandDeps;
  admins: Pick<SlackAdminCheck, "isAdmin">;
}

export async function handleSlashCommand(
  context: SlashCommandContext,
  payload: SlashCommandPayload,
): Promise<SlackResponse> {
  let command: Command;
  try {
    command = parseNamedCommand(payload.command, payload.text);
  } catch (error) {
    if (isUserError(error)) return renderSlackReply(errorReply(error.code, error.message));
    throw error;
  }
  const isAdmin = needsAdmin(command) ? await context.admins.isAdmin(payload.user_id) : false;
  const origin = {
    platform: "slack" as const,
    workspaceId: payload.team_id,
    channelId: payload.channel_id,
    userId: payload.user_id,
  };
  return renderSlackReply(await handleCommand(context.deps, command, { origin, isAdmin }));
}

/** What the sender sees when something unexpected failed (the details go to the log). */
export const APOLOGY: SlackResponse = {
  response_type: "ephemeral",
  ...renderSlackNotice(
    "Sorry, something went wrong",
    ["briefbot could not answer that. Please try again in a minute; if it keeps failing, tell whoever runs briefbot."],
    "error",
  ),
};
