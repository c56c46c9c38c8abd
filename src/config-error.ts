// The error a bad environment raises: every problem listed with its fix. Its own module so the
// command line can tell it apart without loading the configuration's schema (zod) for `--help`.

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`briefbot's configuration has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}
