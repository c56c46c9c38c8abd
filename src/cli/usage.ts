// The `briefbot help` text: every command from the command table, plus where configuration comes
// from and what the exit codes mean.
import { CLI_COMMANDS, formatCliCommands } from "./cli-commands.js";

export const USAGE = `briefbot — news briefings for Slack and Discord

Usage:
${formatCliCommands(CLI_COMMANDS)}  briefbot help | --version | <command> --help

Configuration comes from the environment or ./.env (see .env.example).
Exit codes: 0 done, 1 wrong input (the message says what to do), 2 internal error.
`;
