// A CliIo that records what a command writes, for running CLI commands in-process in tests;
// standard input is the given lines.
import { PassThrough, Readable } from "node:stream";
import type { CliIo } from "../../src/cli/cli-io.js";

export interface CapturedIo extends CliIo {
  readonly stdout: string;
  readonly stderr: string;
}

export function captureIo(env: Record<string, string | undefined>, cwd: string, stdin: string[] = []): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  const output = new PassThrough();
  output.on("data", (chunk: Buffer) => out.push(chunk.toString("utf8")));
  return {
    stdinLines: async function* () {
      yield* stdin;
    },
    input: Readable.from(stdin.map((line) => `${line}\n`)),
    output,
    interactive: false,
    out: (text) => {
      out.push(text);
    },
    err: (text) => {
      err.push(text);
    },
    isTty: false,
    env,
    cwd,
    get stdout() {
      return out.join("");
    },
    get stderr() {
      return err.join("");
    },
  };
}
