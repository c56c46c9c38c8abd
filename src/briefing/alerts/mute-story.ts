// "Mute this story" on an alert: no more thread replies or edits for that story in that channel.
// The ledger keeps why (who muted it); the story is never posted there again either way.
import type { MuteStory, MuteStoryCommand } from "../briefs/handle-story-action.js";
import { errorReply, notice, type Reply } from "../commands/reply.js";
import type { Clock } from "../ports.js";
import type { AlertLedger } from "./alert-ports.js";

/** How far back the channel's ledger is searched for the story (its entries live 14 days). */
const LOOKBACK_MS = 15 * 86_400_000;

export function createMuteStory(deps: { alerts: AlertLedger; clock: Clock }): MuteStory {
  return async (command: MuteStoryCommand): Promise<Reply> => {
    const now = deps.clock.now();
    const entry = (await deps.alerts.channelStories(command.channel, now - LOOKBACK_MS)).find(
      (s) => s.storyKey === command.storyKey,
    );
    if (!entry)
      return errorReply("story_not_found", "That story is no longer in this channel's alert ledger; nothing to mute.");
    if (entry.repliesStopped !== null)
      return notice("Story already quiet", [
        `"${entry.headline}" gets no more updates here (${entry.repliesStopped}).`,
      ]);
    const who = command.userId === null ? "an admin" : `user ${command.userId}`;
    await deps.alerts.stopReplies(command.channel, command.storyKey, `muted by ${who}`, now);
    return notice("Story muted", [`"${entry.headline}" gets no more thread replies or edits in this channel.`]);
  };
}
