// The slash commands briefbot registers with Discord: /brief, /feed, /digest and /watch, as the JSON the
// API takes. The builders check Discord's own limits (names, descriptions, option counts) when
// this module loads. Options map onto the one command grammar in src/briefing/commands/command.ts.
import {
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from "discord.js";
import { MAX_STORIES } from "../../briefing/commands/command.js";

/**
 * Manage Server ("32"). Discord hides a command carrying it from members without the permission
 * unless a server admin opens it to more roles (Server Settings → Integrations); the handler
 * checks again at run time, so feed changes stay with Manage Server either way.
 */
export const ADMIN_PERMISSIONS = PermissionFlagsBits.ManageGuild;

/** Option names, shared with the code that reads them back. */
export const OPTION = {
  topic: "topic",
  since: "since",
  stories: "stories",
  url: "url",
  name: "name",
  feed: "feed",
  text: "text",
  mode: "mode",
} as const;

const brief = new SlashCommandBuilder()
  .setName("brief")
  .setDescription("A card of the top stories on a topic (or the latest news), quoted from their sources")
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .addStringOption((o) =>
    o
      .setName(OPTION.topic)
      .setDescription('What to brief on, such as mexico or "central bank"; leave empty for the latest news')
      .setMaxLength(200),
  )
  .addStringOption((o) =>
    o.setName(OPTION.since).setDescription("How far back to look, such as 12h, 3d or 2w (default 7d)").setMaxLength(8),
  )
  .addIntegerOption((o) =>
    o
      .setName(OPTION.stories)
      .setDescription(`How many stories, 1 to ${MAX_STORIES} (default 5)`)
      .setMinValue(1)
      .setMaxValue(MAX_STORIES),
  );

const feed = new SlashCommandBuilder()
  .setName("feed")
  .setDescription("The news feeds briefbot follows: add, list, status, remove, enable, fulltext, kind")
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setDefaultMemberPermissions(ADMIN_PERMISSIONS)
  .addSubcommand((s) =>
    s
      .setName("add")
      .setDescription("Follow a feed (Manage Server); a site's address works when it links its feed")
      .addStringOption((o) =>
        o
          .setName(OPTION.url)
          .setDescription("The feed's or site's address, such as https://example.com/rss")
          .setRequired(true)
          .setMaxLength(2000),
      )
      .addStringOption((o) =>
        o.setName(OPTION.name).setDescription("A name for the feed (default: the feed's own title)").setMaxLength(80),
      ),
  )
  .addSubcommand((s) => s.setName("list").setDescription("Every feed with its health and article count"))
  .addSubcommand((s) =>
    s
      .setName("status")
      .setDescription("When a feed was last fetched, its last error and its next fetch")
      .addStringOption((o) =>
        o.setName(OPTION.feed).setDescription("The feed's id or URL (empty: all feeds)").setAutocomplete(true),
      ),
  )
  .addSubcommand((s) =>
    s
      .setName("remove")
      .setDescription("Stop following a feed in this channel; it is deleted once no channel follows it")
      .addStringOption((o) =>
        o
          .setName(OPTION.feed)
          .setDescription('The feed\'s id or URL; "<id> everywhere" deletes it for every channel (Manage Server)')
          .setRequired(true)
          .setAutocomplete(true),
      ),
  )
  .addSubcommand((s) =>
    s
      .setName("enable")
      .setDescription("Re-enable a feed that was disabled after failures (Manage Server)")
      .addStringOption((o) =>
        o.setName(OPTION.feed).setDescription("The feed's id or URL").setRequired(true).setAutocomplete(true),
      ),
  )
  .addSubcommand((s) =>
    s
      .setName("fulltext")
      .setDescription("Whether to fetch full article pages for a feed's teasers (Manage Server)")
      .addStringOption((o) =>
        o.setName(OPTION.feed).setDescription("The feed's id or URL").setRequired(true).setAutocomplete(true),
      )
      .addStringOption((o) =>
        o
          .setName(OPTION.mode)
          .setDescription("auto: only for teasers; always; never")
          .setRequired(true)
          .addChoices(
            { name: "auto", value: "auto" },
            { name: "always", value: "always" },
            { name: "never", value: "never" },
          ),
      ),
  )
  .addSubcommand((s) =>
    s
      .setName("kind")
      .setDescription("Mark a feed's articles as opinion or news, or classify each (Manage Server)")
      .addStringOption((o) =>
        o.setName(OPTION.feed).setDescription("The feed's id or URL").setRequired(true).setAutocomplete(true),
      )
      .addStringOption((o) =>
        o
          .setName(OPTION.mode)
          .setDescription("opinion: listed apart, never quoted as fact; news; auto: each article classified")
          .setRequired(true)
          .addChoices(
            { name: "auto", value: "auto" },
            { name: "news", value: "news" },
            { name: "opinion", value: "opinion" },
          ),
      ),
  );

const digest = new SlashCommandBuilder()
  .setName("digest")
  .setDescription("Scheduled channel digests: schedule, list, remove, preview, resume, timezone")
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setDefaultMemberPermissions(ADMIN_PERMISSIONS)
  .addStringOption((o) =>
    o
      .setName(OPTION.text)
      .setDescription("For example: schedule 07:30 mexico days:mon-fri, or list, preview 1")
      .setMaxLength(500),
  );

/**
 * Story alerts. No default permission: list, preview and why are for everyone; changes are checked
 * at run time (Manage Server), as the core refuses them for others.
 */
const watch = new SlashCommandBuilder()
  .setName("watch")
  .setDescription("Story alerts in this channel: a topic, or list, preview, why, remove, pause, resume, limits")
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .addStringOption((o) =>
    o
      .setName(OPTION.text)
      .setDescription("For example: volcano min-sources:2, or list, why <article link>, limits 1/min quiet 22:00-07:00")
      .setMaxLength(500),
  );

/** The body of `PUT /applications/{id}/commands` (or the guild variant). */
export const DISCORD_COMMANDS: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [
  brief.toJSON(),
  feed.toJSON(),
  digest.toJSON(),
  watch.toJSON(),
];
