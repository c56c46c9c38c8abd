// Property tests of the command grammar (fast-check): on any input, parsing returns a Command or
// throws a UserError (never anything else), and parsing is a function of its input (stable).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommand, parseNamedCommand, tokenizeCommand } from "../../../src/briefing/commands/command.js";
import { UserError } from "../../../src/briefing/errors.js";
import { propertyRuns, propertyTimeout } from "../../support/property-runs.js";

const runs = propertyRuns();

/** Words the grammar knows, so generated lines reach deep into it rather than failing at the name. */
const WORDS = [
  "/brief",
  "brief",
  "/feed",
  "feed",
  "/digest",
  "help",
  "add",
  "list",
  "status",
  "remove",
  "enable",
  "fulltext",
  "auto",
  "always",
  "never",
  "since:",
  "since:3d",
  "since:0d",
  "since:99999w",
  "stories:",
  "stories:5",
  "stories:-1",
  "stories:1e3",
  'name:"',
  'name:"A B"',
  "http://example.com/feed",
  "https://",
  "javascript:alert(1)",
  '"',
  '""',
  "schedule",
  "daily",
  "09:00",
  "@everyone",
  "<@U1>",
];
const token = fc.oneof(fc.constantFrom(...WORDS), fc.string(), fc.string({ unit: "binary" }));
const line = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc
    .array(token, { maxLength: 8 })
    .chain((tokens) => fc.constantFrom(" ", "  ", "\t", "\u00a0", "\n").map((sep) => tokens.join(sep))),
);

function outcome(parse: () => unknown): unknown {
  try {
    return { ok: parse() };
  } catch (error) {
    if (error instanceof UserError) return { userError: error.code, message: error.message };
    throw error;
  }
}

describe("command grammar (property)", () => {
  it(
    "parseCommand returns a Command or throws a UserError, the same each time",
    () => {
      fc.assert(
        fc.property(line, (text) => {
          const first = outcome(() => parseCommand(text));
          expect(outcome(() => parseCommand(text))).toEqual(first);
        }),
        { numRuns: runs },
      );
    },
    propertyTimeout(),
  );

  it(
    "parseNamedCommand does the same for any name and text (how Slack and Discord call it)",
    () => {
      fc.assert(
        fc.property(fc.oneof(fc.constantFrom("/brief", "feed", "/digest", "help"), fc.string()), line, (name, text) => {
          const first = outcome(() => parseNamedCommand(name, text));
          expect(outcome(() => parseNamedCommand(name, text))).toEqual(first);
        }),
        { numRuns: runs },
      );
    },
    propertyTimeout(),
  );

  it(
    "tokenizing keeps every non-space character and no token holds whitespace outside quotes",
    () => {
      fc.assert(
        fc.property(line, (text) => {
          const tokens = tokenizeCommand(text);
          expect(tokens.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
          for (const t of tokens) expect(t).not.toBe("");
        }),
        { numRuns: runs },
      );
    },
    propertyTimeout(),
  );
});
