// The briefbot command line: parses arguments, builds what the command needs, runs it, and maps
// errors to exit codes: 0 done, 1 the user's input, configuration, database or chat platform is
// wrong (the message says what to do: UserError, PlatformError, FeedError, StorageError), 2 a bug.
import { parseArgs } from "node:util";
import { isFeedError, isStorageError, isUserError } from "../briefing/errors.js";
import type { Logger } from "../briefing/ports.js";
import type { App, ComposeOptions } from "../compose-app.js";
import type { Config } from "../config.js";
import { ConfigError } from "../config-error.js";
import { VERSION } from "../version.js";
import { type CliOption, findCliCommands, formatCliCommands } from "./cli-commands.js";
import { type CliIo, UsageError } from "./cli-io.js";
import { toCliSyntax } from "./cli-syntax.js";
import { closeAfter } from "./close-after.js";
import { USAGE } from "./usage.js";
import { releaseYoungGeneration } from "./young-generation.js";

// Everything else is imported by the command that needs it: `briefbot --help` took 5.3 times a bare
// `node -e 0` when it loaded zod, pino, the stores and their drivers first (docs/decisions/016).
const OPTIONS = {
  name: { type: "string" },
  json: { type: "boolean" },
  file: { type: "string" },
  "feed-url": { type: "string" },
  since: { type: "string" },
  stories: { type: "string" },
  "as-of": { type: "string" },
  format: { type: "string" },
  sentences: { type: "string" },
  channel: { type: "string" },
  guild: { type: "string" },
  opml: { type: "boolean" },
  out: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

async function* noInput(): AsyncIterable<string> {}

export interface RunCliOptions {
  /** Builds the app the store-backed commands run on (default composeApp); another entry point may wrap it. */
  composeApp?: (config: Config, logger: Logger, options: ComposeOptions) => Promise<App>;
}

export async function runCli(argv: string[], io: CliIo, options: RunCliOptions = {}): Promise<number> {
  try {
    return await dispatch(argv, io, options.composeApp ?? composeOnDemand);
  } catch (error) {
    if (error instanceof UsageError) {
      // Messages that already point at a command's --help need no second pointer.
      const pointer = error.message.includes("--help`") ? "" : "\nRun `briefbot help` for every command.";
      io.err(`${error.message}${pointer}\n`);
      return 1;
    }
    // A PlatformError is a UserError (refused token, unreachable platform, missing setting).
    if (isUserError(error) || isFeedError(error) || isStorageError(error) || error instanceof ConfigError) {
      io.err(`${toCliSyntax(error.message)}\n`);
      return 1;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.err(`briefbot hit an internal error; please report it with this output:\n${detail}\n`);
    return 2;
  }
}

async function composeOnDemand(config: Config, logger: Logger, options: ComposeOptions): Promise<App> {
  const { composeApp } = await import("../compose-app.js");
  return composeApp(config, logger, options);
}

/** Parses argv strictly, with our own messages for unknown options and missing values. */
function parseArgv(argv: string[]) {
  const loose = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  const [command, sub] = loose.positionals;
  const known = findCliCommands([command, sub]);
  const single = known.length === 1 ? known[0] : undefined;
  const name = single ? `briefbot ${single.words.join(" ")}` : command ? `briefbot ${command}` : "briefbot";
  const accepted = (option: string) =>
    option === "help" || option === "version" || !single || single.options.includes(option as CliOption);
  for (const token of loose.tokens) {
    if (token.kind !== "option" || accepted(token.name)) continue;
    const takes = single?.options.length
      ? `It takes ${single.options.map((o) => `--${o}`).join(", ")}.`
      : "It takes no options.";
    const what =
      token.name in OPTIONS
        ? `"${name}" does not take ${token.rawName}.`
        : `Unknown option ${token.rawName} for "${name}".`;
    throw new UsageError(`${what} ${takes} See \`${name} --help\`.`);
  }
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    const option = loose.tokens.find(
      (t) => t.kind === "option" && OPTIONS[t.name as keyof typeof OPTIONS]?.type === "string" && t.value === undefined,
    );
    if (option?.kind === "option")
      throw new UsageError(`${option.rawName} needs a value, such as ${option.rawName}=VALUE. See \`${name} --help\`.`);
    if (option === undefined && error instanceof Error && "code" in error) {
      const flag = loose.tokens.find(
        (t) =>
          t.kind === "option" && t.value !== undefined && OPTIONS[t.name as keyof typeof OPTIONS]?.type === "boolean",
      );
      if (flag?.kind === "option") throw new UsageError(`${flag.rawName} takes no value. See \`${name} --help\`.`);
    }
    throw new UsageError(
      `Could not read the arguments (${error instanceof Error ? error.message.split(". ")[0] : String(error)}). See \`${name} --help\`.`,
    );
  }
}

async function dispatch(argv: string[], io: CliIo, compose: NonNullable<RunCliOptions["composeApp"]>): Promise<number> {
  const { values, positionals } = parseArgv(argv);
  const [command, ...args] = positionals;
  // Only serve's start-up keeps the young generation held (main.ts): it is what then sits idle.
  if (command !== "serve") releaseYoungGeneration();
  if (values.version) {
    io.out(`briefbot ${VERSION}\n`);
    return 0;
  }
  if (values.help || command === undefined || command === "help") {
    // `briefbot feed --help` lists the feed commands, `briefbot feed add --help` that one, `help brief` too.
    const words = command === "help" ? args : positionals;
    const matches = findCliCommands(words);
    io.out(matches.length > 0 ? `Usage:\n${formatCliCommands(matches)}` : USAGE);
    return 0;
  }
  const group = findCliCommands([command]);
  if (group.length > 1 && args.length === 0) {
    // A group alone (`briefbot feed`) lists its commands rather than guessing one.
    io.out(`Usage:\n${formatCliCommands(group)}`);
    return 0;
  }
  const noArgs = () => {
    if (args.length > 0) throw new UsageError(`Unexpected argument "${args.join(" ")}".`);
  };
  // Engine faces that need no configuration or database: JSON lines in, JSON lines out.
  if (command === "summarize") {
    noArgs();
    const sentences = values.sentences === undefined ? undefined : Number(values.sentences);
    if (sentences !== undefined && (!Number.isInteger(sentences) || sentences < 1 || sentences > 20)) {
      throw new UsageError("--sentences must be a whole number from 1 to 20.");
    }
    const { summarizeCommand } = await import("./summarize-command.js");
    return summarizeCommand(io, { sentences }, (io.stdinLines ?? noInput)());
  }
  if (command === "cluster") {
    noArgs();
    const { clusterCommand } = await import("./cluster-command.js");
    return clusterCommand(io, (io.stdinLines ?? noInput)());
  }
  const [{ parseConfig }, { createLogger }] = await Promise.all([import("../config.js"), import("../logger.js")]);
  const config = parseConfig(io.env);
  const logger = createLogger(config.BRIEFBOT_LOG_LEVEL === "info" ? "warn" : config.BRIEFBOT_LOG_LEVEL);
  if (command === "demo") {
    noArgs();
    const { demoCommand } = await import("./demo-command.js");
    return demoCommand(config, logger, io);
  }
  const [sub, arg, ...extra] = args;
  if (command === "feed" && sub === "inspect") {
    if (!arg)
      throw new UsageError("Missing <url|file>. For example: briefbot feed inspect https://example.com/feed.xml");
    const { inspectCommand } = await import("./inspect-command.js");
    return inspectCommand(config, io, arg, values.json === true);
  }
  if (command === "article") {
    if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra.join(" ")}".`);
    // Loaded on demand: Readability and linkedom cost every other command memory at start-up
    // (ingest's peak among them); pages are otherwise extracted on a worker thread.
    const { articleCommand } = await import("./article-command.js");
    return articleCommand(config, io, sub, arg, values.json === true);
  }
  if (command === "discord") {
    if (sub !== "register" || arg !== undefined) throw new UsageError('Try "briefbot discord register [--guild ID]".');
    // Loaded on demand, as are the chat SDKs for `serve`: discord.js and Bolt add about 55 MB to a
    // process at import, which every other command (ingest's peak memory among them) would carry.
    const { formatRegistration, registerDiscordCommands } = await import("../adapters/discord/register-commands.js");
    io.out(formatRegistration(await registerDiscordCommands(config, { guildId: values.guild })));
    return 0;
  }
  if (command === "migrate") {
    noArgs();
    const { migrateCommand } = await import("./migrate-command.js");
    return migrateCommand(config, logger, io);
  }
  if (command === "export" || command === "import") {
    noArgs();
    const { openConfiguredStore } = await import("../compose-app.js");
    const store = await openConfiguredStore(config, logger);
    return closeAfter(
      async () =>
        command === "export"
          ? (await import("./export-command.js")).exportCommand(store, { now: () => Date.now() }, io, values.file)
          : (await import("./import-command.js")).importCommand(store, io, values.file),
      () => store.close(),
      logger,
    );
  }
  if (!["feed", "ingest", "serve", "brief", "console", "digest", "watch"].includes(command)) {
    throw new UsageError(`Unknown command "${command}".`);
  }
  // Only `feed fulltext <id> <mode>` and `feed kind <id> <kind>` take a second argument.
  const feedExtra = sub === "fulltext" || sub === "kind" ? extra.slice(1) : extra;
  if (command === "feed" && feedExtra.length > 0) throw new UsageError(`Unexpected argument "${feedExtra.join(" ")}".`);
  if (["ingest", "serve", "console"].includes(command)) noArgs();
  // `serve` waits for a PostgreSQL server that is down, however long, logging each try.
  const app = await compose(config, logger, {
    connectWaitMs: command === "serve" ? Number.POSITIVE_INFINITY : undefined,
  });
  return closeAfter(
    async () => {
      if (command === "feed") {
        const { feedCommand } = await import("./feed-command.js");
        return await feedCommand(app, io, sub, arg, {
          name: values.name,
          json: values.json,
          mode: extra[0],
          channel: values.channel,
          opml: values.opml,
          out: values.out,
        });
      }
      if (command === "brief") {
        const options = { since: values.since, stories: values.stories, asOf: values["as-of"], format: values.format };
        const { briefCommand } = await import("./brief-command.js");
        return await briefCommand(app, io, args.join(" "), options);
      }
      if (command === "console") {
        const onError = (error: unknown) => logger.error({ err: error }, "console command failed");
        if (!io.input || !io.output) throw new Error("the console needs standard input and output");
        const [
          { runConsole },
          { parseChannelOption },
          { ConsoleAlertPublisher },
          { createAlertRunDeps },
          { runAlertPass },
        ] = await Promise.all([
          import("../adapters/console/run-console.js"),
          import("./digest-command.js"),
          import("../adapters/console/console-alert-publisher.js"),
          import("../adapters/scheduler/create-alert-run-deps.js"),
          import("../briefing/alerts/run-alert-pass.js"),
        ]);
        await runConsole(app.deps, {
          input: io.input,
          output: io.output,
          interactive: io.interactive === true,
          onError,
          origin: values.channel === undefined ? undefined : parseChannelOption(values.channel),
          // Story alerts of the console's channel print here after each command (try /watch offline).
          afterCommand: async () => {
            const output = io.output;
            if (!output) return;
            const publisher = new ConsoleAlertPublisher((text) => output.write(text));
            await runAlertPass({
              ...createAlertRunDeps(app.store, publisher, app.deps.clock, logger),
              channels: (channel) => channel.platform === "console",
            });
          },
        });
        return 0;
      }
      if (command === "digest") {
        const options = { asOf: values["as-of"], channel: values.channel, json: values.json };
        const { digestCommand } = await import("./digest-command.js");
        return await digestCommand(app, io, logger, args, options);
      }
      if (command === "watch") {
        const { watchCommand } = await import("./watch-command.js");
        return await watchCommand(app, io, args, { channel: values.channel, json: values.json });
      }
      if (command === "ingest") {
        const { ingestCommand } = await import("./ingest-command.js");
        return await ingestCommand(app, io, { file: values.file, feedUrl: values["feed-url"] });
      }
      const { serveCommand } = await import("./serve-command.js");
      return await serveCommand(app, io, logger);
    },
    () => app.close(),
    logger,
  );
}
