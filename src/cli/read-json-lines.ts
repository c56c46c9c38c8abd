// JSON lines from standard input, each parsed with a zod schema: good lines are yielded, bad
// ones reported on stderr with their line number (the run goes on), and counted for the exit code.
import type { z } from "zod";
import type { CliIo } from "./cli-io.js";

export interface JsonLinesReader<T> {
  lines: AsyncIterable<T>;
  /** How many lines were rejected so far (final once `lines` is exhausted). */
  bad(): number;
}

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "line"}: ${issue.message}`)
    .join("; ");
}

/** `expected` names the shape in error messages, e.g. `{"id", "title", "text"?}`. */
export function readJsonLines<T>(
  io: CliIo,
  input: AsyncIterable<string>,
  schema: z.ZodType<T>,
  expected: string,
): JsonLinesReader<T> {
  let bad = 0;
  async function* lines(): AsyncIterable<T> {
    let lineNumber = 0;
    for await (const raw of input) {
      lineNumber++;
      const line = raw.trim();
      if (line === "") continue;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (error) {
        bad++;
        io.err(`line ${lineNumber}: not valid JSON (${error instanceof Error ? error.message : String(error)})\n`);
        continue;
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        bad++;
        io.err(`line ${lineNumber}: expected ${expected}: ${describe(parsed.error)}\n`);
        continue;
      }
      yield parsed.data;
    }
  }
  return { lines: lines(), bad: () => bad };
}
