// `briefbot console`: an interactive prompt that takes commands exactly as a chat user types
// them (`/brief mexico since:3d`, `/feed list`, `help`) and prints the replies for a terminal.
// The person at the terminal is the operator, so admin commands are allowed.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { parseCommand } from "../../briefing/commands/command.js";
import { type CommandDeps, handleCommand } from "../../briefing/commands/handle-command.js";
import { errorReply } from "../../briefing/commands/reply.js";
import { isUserError } from "../../briefing/errors.js";
import type { Origin } from "../../briefing/feed.js";
import { renderTextReply } from "../render/render-text-reply.js";

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** Colour and a prompt on a terminal; plain text and no prompt when piped. */
  interactive: boolean;
  onError?: (error: unknown) => void;
  /** The chat channel the operator acts in (`--channel slack:T:C`), so /digest schedule has one. */
  origin?: Origin | undefined;
  /** Runs after each command: the console's story-alert pass, printing what it posts. */
  afterCommand?: (() => Promise<void>) | undefined;
}

const CONSOLE_ORIGIN: Origin = { platform: "console", workspaceId: null, channelId: null, userId: null };

/** Answers one line as the console would (exported for tests and the CLI's one-shot use). */
export async function answerLine(
  deps: CommandDeps,
  line: string,
  colour: boolean,
  origin: Origin = CONSOLE_ORIGIN,
): Promise<string> {
  try {
    const reply = await handleCommand(deps, parseCommand(line), { origin, isAdmin: true, operator: true });
    return renderTextReply(reply, { colour });
  } catch (error) {
    if (isUserError(error)) return renderTextReply(errorReply(error.code, error.message), { colour });
    throw error;
  }
}

export async function runConsole(deps: CommandDeps, options: ConsoleOptions): Promise<void> {
  const rl = createInterface({
    input: options.input,
    output: options.interactive ? options.output : undefined,
    terminal: options.interactive,
  });
  const write = (text: string) => options.output.write(text);
  if (options.interactive) {
    write(
      "briefbot console — type commands as in chat (/brief mexico, /feed list, help); exit with Ctrl-D or `exit`.\n",
    );
    rl.setPrompt("briefbot> ");
    rl.prompt();
  }
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === "exit" || line === "quit") break;
    if (line !== "") {
      try {
        write(await answerLine(deps, line, options.interactive, options.origin));
        await options.afterCommand?.();
      } catch (error) {
        options.onError?.(error);
        write("Sorry, something went wrong answering that; the error was logged.\n");
      }
    }
    if (options.interactive) rl.prompt();
  }
  rl.close();
}
