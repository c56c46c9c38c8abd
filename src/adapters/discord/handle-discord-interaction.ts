// One Discord interaction, end to end. Slash commands are deferred first (before any store or
// summary work: Discord allows 3 s for the first answer), then handled by the core and answered
// by editing the deferred reply. Autocomplete answers feed ids; a click on a story's button is
// deferred privately and answered for the clicker only. Nothing here throws.
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
} from "discord.js";
import { z } from "zod";
import { handleStoryAction, type MuteStory } from "../../briefing/briefs/handle-story-action.js";
import { decodeStoryAction } from "../../briefing/briefs/story-action.js";
import type { Command } from "../../briefing/commands/command.js";
import { type Actor, type CommandDeps, handleCommand, isAdminCommand } from "../../briefing/commands/handle-command.js";
import { errorReply, type Reply } from "../../briefing/commands/reply.js";
import { isUserError } from "../../briefing/errors.js";
import type { Logger } from "../../briefing/ports.js";
import { buildDiscordCommand } from "./build-discord-command.js";
import { OPTION } from "./command-definitions.js";
import { EPHEMERAL_FLAG } from "./discord-limits.js";
import type { DiscordMessage } from "./discord-message.js";
import { feedChoices } from "./feed-choices.js";
import { renderDiscordReply } from "./render-discord-reply.js";

export interface DiscordInteractionContext {
  deps: CommandDeps;
  logger: Logger;
  /** "Mute this story": the alert ledger's mute (story alerts wire it in); without it the button says muting is not here yet. */
  muteStory?: MuteStory;
}

const WhereSchema = z.object({
  guildId: z.string().nullable(),
  channelId: z.string().nullable(),
  userId: z.string().min(1),
});

const APOLOGY = errorReply(
  "internal",
  "Something went wrong on briefbot's side; it has been logged. Please try again in a minute.",
);

/**
 * Whether the answer is expected to be for the channel, decided before any work so the defer can
 * match it: cards from /brief, and feed changes by admins (announced). Everything else is private.
 */
function answersInChannel(command: Command, isAdmin: boolean): boolean {
  // Admins' changes (feeds, digest schedules) are announced in the channel, as the core answers them.
  return command.kind === "brief" || (isAdminCommand(command) && isAdmin);
}

export async function handleDiscordInteraction(
  interaction: Interaction,
  context: DiscordInteractionContext,
): Promise<void> {
  if (interaction.isAutocomplete()) await answerAutocomplete(interaction, context);
  else if (interaction.isChatInputCommand()) await answerCommand(interaction, context);
  else if (interaction.isButton()) await answerButton(interaction, context);
}

/**
 * A click on a story's button: deferred privately first (3 s), then the core's answer for the
 * clicker only. The custom_id is untrusted; the core decodes it and refuses what it did not make.
 */
async function answerButton(interaction: ButtonInteraction, { deps, logger, muteStory }: DiscordInteractionContext) {
  const where = WhereSchema.parse({
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
  });
  const log = { customId: interaction.customId.slice(0, 100), interactionId: interaction.id, ...where };
  try {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  } catch (error) {
    logger.error({ ...log, err: error }, "could not acknowledge a discord button");
    return;
  }
  const actor: Actor = {
    origin: { platform: "discord", workspaceId: where.guildId, channelId: where.channelId, userId: where.userId },
    isAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
  };
  try {
    const storyDeps = { commands: deps, ...(muteStory ? { muteStory } : {}) };
    const reply = await handleStoryAction(storyDeps, decodeStoryAction(interaction.customId), actor);
    await answer(interaction, renderDiscordReply({ ...reply, visibility: "sender" }), true);
  } catch (error) {
    logger.error({ ...log, err: error }, "discord button failed");
    await answer(interaction, renderDiscordReply(APOLOGY), true).catch((failure: unknown) =>
      logger.error({ ...log, err: failure }, "could not send the apology"),
    );
  }
}

async function answerCommand(interaction: ChatInputCommandInteraction, { deps, logger }: DiscordInteractionContext) {
  const where = WhereSchema.parse({
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
  });
  const log = { command: interaction.commandName, interactionId: interaction.id, ...where };
  // Manage Server (Administrator implies it). Checked here too: server admins can open a command
  // carrying default_member_permissions to more roles.
  const actor: Actor = {
    origin: { platform: "discord", workspaceId: where.guildId, channelId: where.channelId, userId: where.userId },
    isAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
  };

  // Parsing the options is pure and instant; it only decides who will see the answer.
  let parsed: { command: Command } | { reply: Reply } | { error: unknown };
  try {
    parsed = {
      command: buildDiscordCommand({ commandName: interaction.commandName, options: interaction.options.data }),
    };
  } catch (error) {
    parsed = isUserError(error) ? { reply: errorReply(error.code, error.message) } : { error };
  }
  const deferredEphemeral = !("command" in parsed && answersInChannel(parsed.command, actor.isAdmin));
  try {
    await interaction.deferReply(deferredEphemeral ? { flags: MessageFlags.Ephemeral } : {});
  } catch (error) {
    logger.error({ ...log, err: error }, "could not acknowledge a discord command");
    return;
  }

  try {
    let reply: Reply;
    if ("command" in parsed) reply = await handleCommand(deps, parsed.command, actor);
    else if ("reply" in parsed) reply = parsed.reply;
    else throw parsed.error;
    await answer(interaction, renderDiscordReply(reply), deferredEphemeral);
  } catch (error) {
    logger.error({ ...log, err: error }, "discord command failed");
    await answer(interaction, renderDiscordReply(APOLOGY), deferredEphemeral).catch((failure: unknown) =>
      logger.error({ ...log, err: failure }, "could not send the apology"),
    );
  }
}

/**
 * Edits the deferred reply. A reply's visibility cannot change after the defer, so when the
 * answer is for the other audience (an empty /brief is for the asker only), the deferred reply
 * is deleted and the answer sent as a follow-up with the right flag. Deleting first matters: the
 * first follow-up after a defer would otherwise take the deferred reply's place and visibility.
 */
async function answer(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  message: DiscordMessage,
  deferredEphemeral: boolean,
) {
  const ephemeral = ((message.flags ?? 0) & EPHEMERAL_FLAG) !== 0;
  const options = {
    ...(message.content === undefined ? {} : { content: message.content }),
    embeds: message.embeds,
    ...(message.components ? { components: message.components } : {}),
    allowedMentions: message.allowed_mentions,
  };
  if (ephemeral === deferredEphemeral) {
    await interaction.editReply(options);
    return;
  }
  await interaction.deleteReply();
  await interaction.followUp({ ...options, flags: ephemeral ? MessageFlags.Ephemeral : undefined });
}

async function answerAutocomplete(interaction: AutocompleteInteraction, { deps, logger }: DiscordInteractionContext) {
  try {
    const focused = interaction.options.getFocused(true);
    const choices =
      focused.name === OPTION.feed ? feedChoices(await deps.feeds.listFeeds(), String(focused.value)) : [];
    await interaction.respond(choices);
  } catch (error) {
    logger.warn({ command: interaction.commandName, interactionId: interaction.id, err: error }, "autocomplete failed");
  }
}
