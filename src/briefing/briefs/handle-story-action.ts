// A click on a story's button, platform-neutral: "More sources" lists the story's outlets, "Brief
// me" is a /brief on the story's topic, "Mute this story" goes to the alert ledger through a
// function composition passes in. Every answer is for the clicker only.
import { type Actor, type CommandDeps, handleCommand } from "../commands/handle-command.js";
import { errorReply, notice, type Reply } from "../commands/reply.js";
import type { ChannelRef } from "../schedule.js";
import { clipText } from "../stories/clip-text.js";
import { listStorySources } from "./list-story-sources.js";
import type { StoryAction } from "./story-action.js";

/** What "Mute this story" asks of the alert ledger: no more alerts or thread replies for it in this channel. */
export interface MuteStoryCommand {
  kind: "mute-story";
  storyKey: string;
  channel: ChannelRef;
  userId: string | null;
}

/** The alert ledger's answer to a mute (story alerts wire it in); absent until they are. */
export type MuteStory = (command: MuteStoryCommand) => Promise<Reply>;

export interface StoryActionDeps {
  commands: CommandDeps;
  muteStory?: MuteStory;
}

const sender = (reply: Reply): Reply => ({ ...reply, visibility: "sender" });

/** `action` null: the button's token was not one of ours (an older briefbot's, or forged). */
export async function handleStoryAction(
  deps: StoryActionDeps,
  action: StoryAction | null,
  actor: Actor,
): Promise<Reply> {
  if (action === null) {
    return errorReply(
      "unknown_button",
      "briefbot does not recognise that button (it may be from an older version). Run /brief again for fresh buttons.",
    );
  }
  const { story } = action;
  switch (action.action) {
    case "sources":
      return sender(await listStorySources(deps.commands, story));
    case "brief": {
      let topic = story.topic;
      if (topic === null) {
        const [article] = await deps.commands.articles.getArticles([story.articleId]);
        if (!article) return sender(notice("That story is no longer stored", ["Try /brief with a topic of your own."]));
        // The story's own title as the topic: a brief ranks articles by how many of its words they share.
        topic = clipText(article.title, 200);
      }
      const reply = await handleCommand(
        deps.commands,
        { kind: "brief", topic, sinceMs: null, maxStories: null },
        actor,
      );
      return sender(reply);
    }
    case "mute": {
      const { origin } = actor;
      if (!deps.muteStory)
        return notice("Muting arrives with story alerts", ["This story's alerts cannot be muted yet."]);
      if (!story.storyKey || origin.workspaceId === null || origin.channelId === null)
        return errorReply("not_an_alert", "Only a story alert posted in a channel can be muted.");
      if (!actor.isAdmin) return errorReply("admin_only", "Only admins can mute a story in this channel.");
      const channel = { platform: origin.platform, workspaceId: origin.workspaceId, channelId: origin.channelId };
      return sender(
        await deps.muteStory({ kind: "mute-story", storyKey: story.storyKey, channel, userId: origin.userId }),
      );
    }
  }
}
