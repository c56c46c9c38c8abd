// What a CLI command writes to and reads from, passed in so tests run commands in-process with
// captured output; and a one-line progress display that redraws on a terminal only.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stderr is a terminal: progress redraws in place there, and is silent elsewhere. */
  isTty: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Standard input, line by line (summarize and cluster read JSON lines). Absent: no input. */
  stdinLines?: () => AsyncIterable<string>;
  /** Standard input and output as streams, for the console. Absent: the console cannot run. */
  input?: Readable;
  output?: Writable;
  /** True when both stdin and stdout are a terminal (the console prompts and colours then). */
  interactive?: boolean;
}

let quitOnClosedPipe = false;

export function processIo(): CliIo {
  if (!quitOnClosedPipe) {
    quitOnClosedPipe = true;
    // The reader went away (`briefbot export | head`): stop quietly, as a Unix tool killed by
    // SIGPIPE would, instead of an unhandled EPIPE with a stack trace (and work for nobody).
    process.stdout.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(0);
      throw error;
    });
  }
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTty: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    stdinLines: () => createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY }),
    input: process.stdin,
    output: process.stdout,
    interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
  };
}

export interface Progress {
  update(line: string): void;
  done(line?: string): void;
}

/** Redraws one status line on a TTY (at most every 100 ms); prints nothing on a pipe. */
export function progress(io: CliIo): Progress {
  let last = 0;
  let shown = false;
  return {
    update(line) {
      if (!io.isTty) return;
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      io.err(`\r\x1b[2K${line}`);
    },
    done(line) {
      if (io.isTty && shown) io.err("\r\x1b[2K");
      if (line) io.err(`${line}\n`);
    },
  };
}

/** Thrown for wrong command-line usage: exit code 1 with the message and a pointer to help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
