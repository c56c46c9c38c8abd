// A click on a story's button on Slack (a block_actions payload), already acknowledged, to the
// private message its response_url gets: the payload parsed with zod, the button's value decoded
// by the core (an unknown or forged one gets a polite refusal), admin rights asked only for Mute.
import { z } from "zod";
import { handleStoryAction, type MuteStory } from "../../briefing/briefs/handle-story-action.js";
import { decodeStoryAction } from "../../briefing/briefs/story-action.js";
import type { CommandDeps } from "../../briefing/commands/handle-command.js";
import { renderSlackMessage, type SlackResponse } from "./render-slack-reply.js";
import type { SlackAdminCheck } from "./slack-admin-check.js";

/** The fields of Slack's block_actions payload briefbot reads. */
export const BlockActionsSchema = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  team: z
    .object({ id: z.string().min(1) })
    .nullable()
    .optional(),
  channel: z.object({ id: z.string().min(1) }).optional(),
  response_url: z.url({ protocol: /^https?$/ }),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().max(2_000).optional() })).min(1),
});
export type BlockActionsPayload = z.infer<typeof BlockActionsSchema>;

export interface StoryButtonContext {
  deps: CommandDeps;
  admins: Pick<SlackAdminCheck, "isAdmin">;
  muteStory?: MuteStory;
}

/** What the clicker sees, always for them only; it never replaces the card the button was on. */
export type StoryButtonResponse = SlackResponse & { replace_original: false };

export async function handleStoryButton(
  context: StoryButtonContext,
  payload: BlockActionsPayload,
): Promise<StoryButtonResponse> {
  const [clicked] = payload.actions;
  const action = decodeStoryAction(clicked?.value ?? "");
  const isAdmin = action?.action === "mute" ? await context.admins.isAdmin(payload.user.id) : false;
  const origin = {
    platform: "slack" as const,
    workspaceId: payload.team?.id ?? payload.user.team_id ?? null,
    channelId: payload.channel?.id ?? null,
    userId: payload.user.id,
  };
  const deps = { commands: context.deps, ...(context.muteStory ? { muteStory: context.muteStory } : {}) };
  const reply = await handleStoryAction(deps, action, { origin, isAdmin });
  return { response_type: "ephemeral", replace_original: false, ...renderSlackMessage(reply) };
}
