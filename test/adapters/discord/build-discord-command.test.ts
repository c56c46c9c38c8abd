// Slash command options to the neutral Command: the same Commands, and the same refusals word
// for word, as the text grammar every other door uses.
import { describe, expect, it } from "vitest";
import { buildDiscordCommand } from "../../../src/adapters/discord/build-discord-command.js";
import { parseNamedCommand } from "../../../src/briefing/commands/command.js";

const STRING = 3;
const INTEGER = 4;
const SUBCOMMAND = 1;

const brief = (...options: unknown[]) => ({ commandName: "brief", options });
const feed = (sub: string, ...options: unknown[]) => ({
  commandName: "feed",
  options: [{ name: sub, type: SUBCOMMAND, options }],
});
const opt = (name: string, value: string | number, type = STRING) => ({ name, type, value });

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error");
}

describe("buildDiscordCommand", () => {
  it("builds /brief like the text grammar", () => {
    expect(buildDiscordCommand(brief())).toEqual(parseNamedCommand("brief", ""));
    expect(
      buildDiscordCommand(brief(opt("topic", '"central bank" rates'), opt("since", "3d"), opt("stories", 4, INTEGER))),
    ).toEqual(parseNamedCommand("brief", '"central bank" rates since:3d stories:4'));
    expect(buildDiscordCommand(brief(opt("since", " 12 h ")))).toEqual(parseNamedCommand("brief", "since:12h"));
  });

  it("refuses what the grammar refuses, with the same words", () => {
    expect(errorOf(() => buildDiscordCommand(brief(opt("since", "3 parsecs"))))).toBe(
      errorOf(() => parseNamedCommand("brief", "since:3parsecs")),
    );
    expect(errorOf(() => buildDiscordCommand(brief(opt("stories", 11, INTEGER))))).toBe(
      errorOf(() => parseNamedCommand("brief", "stories:11")),
    );
    expect(errorOf(() => buildDiscordCommand(feed("add", opt("url", "https://a.example/rss extra"))))).toBe(
      errorOf(() => parseNamedCommand("feed", "add https://a.example/rss extra")),
    );
  });

  it("builds every /feed subcommand", () => {
    expect(
      buildDiscordCommand(feed("add", opt("url", "https://a.example/rss"), opt("name", 'The "Daily" News'))),
    ).toEqual({
      kind: "feed-add",
      url: "https://a.example/rss",
      name: 'The "Daily" News',
    });
    expect(buildDiscordCommand(feed("add", opt("url", "https://a.example/rss")))).toMatchObject({ name: null });
    expect(buildDiscordCommand(feed("list"))).toEqual({ kind: "feed-list" });
    expect(buildDiscordCommand(feed("status"))).toEqual({ kind: "feed-status", ref: null });
    expect(buildDiscordCommand(feed("status", opt("feed", "3")))).toEqual({ kind: "feed-status", ref: "3" });
    expect(buildDiscordCommand(feed("remove", opt("feed", "3")))).toEqual({
      kind: "feed-remove",
      ref: "3",
      everywhere: false,
    });
    expect(buildDiscordCommand(feed("enable", opt("feed", "https://a.example/rss")))).toEqual({
      kind: "feed-enable",
      ref: "https://a.example/rss",
    });
    expect(buildDiscordCommand(feed("fulltext", opt("feed", "3"), opt("mode", "never")))).toEqual(
      parseNamedCommand("feed", "fulltext 3 never"),
    );
    expect(buildDiscordCommand(feed("kind", opt("feed", "3"), opt("mode", "opinion")))).toEqual({
      kind: "feed-kind",
      ref: "3",
      feedKind: "opinion",
    });
  });

  it("passes /digest text through", () => {
    expect(buildDiscordCommand({ commandName: "digest", options: [opt("text", "daily 07:30 mexico")] })).toEqual({
      kind: "digest",
      args: ["daily", "07:30", "mexico"],
    });
    expect(buildDiscordCommand({ commandName: "digest", options: [] })).toEqual({ kind: "digest", args: [] });
  });

  it("rejects a payload that is not an invocation", () => {
    expect(() => buildDiscordCommand({ commandName: "brief", options: "mexico" })).toThrow();
    expect(() => buildDiscordCommand(null)).toThrow();
  });
});
