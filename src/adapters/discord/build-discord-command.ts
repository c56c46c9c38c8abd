// A Discord slash command invocation (name, subcommand, option values) to the one neutral
// Command. It rebuilds the text line and parses it with the shared grammar, so validation and
// error messages are exactly those of the CLI, the console and Slack.
import { z } from "zod";
import { type Command, parseNamedCommand } from "../../briefing/commands/command.js";
import { OPTION } from "./command-definitions.js";

const ValueSchema = z.union([z.string(), z.number(), z.boolean()]);
const LeafOptionSchema = z.object({ name: z.string(), value: ValueSchema.optional() });
/** Discord's option type for a subcommand (ApplicationCommandOptionType.Subcommand). */
const SUBCOMMAND = 1;
const OptionSchema = z.object({
  name: z.string(),
  type: z.number().int(),
  value: ValueSchema.optional(),
  options: z.array(LeafOptionSchema).optional(),
});

/** What we read of an interaction's command: discord.js's `commandName` and `options.data`. */
export const SlashInvocationSchema = z.object({
  commandName: z.string().min(1),
  options: z.array(OptionSchema),
});
export type SlashInvocation = z.infer<typeof SlashInvocationSchema>;

interface FlatInvocation {
  name: string;
  subcommand: string | null;
  values: Map<string, string | number | boolean>;
}

function flatten(invocation: SlashInvocation): FlatInvocation {
  const [first] = invocation.options;
  const sub = first?.type === SUBCOMMAND ? first : undefined;
  const leaves = sub ? (sub.options ?? []) : invocation.options;
  const values = new Map<string, string | number | boolean>();
  for (const leaf of leaves) if (leaf.value !== undefined) values.set(leaf.name, leaf.value);
  return { name: invocation.commandName, subcommand: sub?.name ?? null, values };
}

/** Option text as one grammar token: trimmed, inner whitespace removed (a duration or an id has none). */
function token(value: string | number | boolean | undefined): string | null {
  if (value === undefined) return null;
  const text = String(value).replace(/\s+/g, "");
  return text === "" ? null : text;
}

/** Parses an invocation (`unknown` until zod says otherwise); throws UserError for what the grammar refuses. */
export function buildDiscordCommand(input: unknown): Command {
  const { name, subcommand, values } = flatten(SlashInvocationSchema.parse(input));
  const text = (key: string): string => String(values.get(key) ?? "").trim();
  switch (name) {
    case "brief": {
      const parts = [text(OPTION.topic)];
      const since = token(values.get(OPTION.since));
      const stories = token(values.get(OPTION.stories));
      if (since) parts.push(`since:${since}`);
      if (stories) parts.push(`stories:${stories}`);
      return parseNamedCommand("brief", parts.filter(Boolean).join(" "));
    }
    case "feed": {
      if (subcommand === "add") {
        // The URL goes through the grammar; the name is free text (quotes and all), so it is set after.
        const command = parseNamedCommand("feed", `add ${text(OPTION.url)}`);
        const label = text(OPTION.name);
        return command.kind === "feed-add" ? { ...command, name: label === "" ? null : label } : command;
      }
      const parts = [
        subcommand ?? "",
        text(OPTION.feed),
        subcommand === "fulltext" || subcommand === "kind" ? text(OPTION.mode) : "",
      ];
      return parseNamedCommand("feed", parts.filter(Boolean).join(" "));
    }
    case "digest":
      return parseNamedCommand("digest", text(OPTION.text));
    case "watch":
      return parseNamedCommand("watch", text(OPTION.text));
    default:
      return parseNamedCommand(name, "");
  }
}
