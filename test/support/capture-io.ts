// A CliIo that records what a command writes, for running CLI commands in-process in tests.
import type { CliIo } from "../../src/cli/cli-io.js";

export interface CapturedIo extends CliIo {
  readonly stdout: string;
  readonly stderr: string;
}

export function captureIo(env: Record<string, string | undefined>, cwd: string): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
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
