// The command grammar shared by the CLI, the console, Slack and Discord: every form and every error path.
import { describe, expect, it } from "vitest";
import { type Command, parseCommand, parseNamedCommand } from "../../../src/briefing/commands/command.js";
import { UserError } from "../../../src/briefing/errors.js";

const DAY = 86_400_000;

function error(line: string): UserError {
  try {
    parseCommand(line);
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error(`"${line}" parsed without error`);
}

describe("parseCommand", () => {
  it.each<[string, Command]>([
    ["/brief", { kind: "brief", topic: null, sinceMs: null, maxStories: null }],
    ["/brief mexico", { kind: "brief", topic: "mexico", sinceMs: null, maxStories: null }],
    ["brief mexico since:3d stories:5", { kind: "brief", topic: "mexico", sinceMs: 3 * DAY, maxStories: 5 }],
    [
      "/brief since:12h white house",
      { kind: "brief", topic: "white house", sinceMs: 12 * 3_600_000, maxStories: null },
    ],
    [
      '/brief "white house" tariffs',
      { kind: "brief", topic: '"white house" tariffs', sinceMs: null, maxStories: null },
    ],
    ["/brief re:invent", { kind: "brief", topic: "re:invent", sinceMs: null, maxStories: null }],
    ["/BRIEF Mexico SINCE:2W", { kind: "brief", topic: "Mexico", sinceMs: 14 * DAY, maxStories: null }],
    ["/feed add https://example.com/rss", { kind: "feed-add", url: "https://example.com/rss", name: null }],
    [
      '/feed add https://example.com/rss name:"World News"',
      { kind: "feed-add", url: "https://example.com/rss", name: "World News" },
    ],
    ["feed list", { kind: "feed-list" }],
    ["/feed status", { kind: "feed-status", ref: null }],
    ["/feed status 3", { kind: "feed-status", ref: "3" }],
    ["/feed remove #3", { kind: "feed-remove", ref: "#3", everywhere: false }],
    ["/feed remove 3 EVERYWHERE", { kind: "feed-remove", ref: "3", everywhere: true }],
    ["/feed enable https://example.com/rss", { kind: "feed-enable", ref: "https://example.com/rss" }],
    ["help", { kind: "help", topic: null }],
    ["/feed fulltext 3 never", { kind: "feed-fulltext", ref: "3", mode: "never" }],
    ["/feed fulltext #3 Always", { kind: "feed-fulltext", ref: "#3", mode: "always" }],
    ["/feed kind 3 opinion", { kind: "feed-kind", ref: "3", feedKind: "opinion" }],
    ["/feed kind #3 AUTO", { kind: "feed-kind", ref: "#3", feedKind: "auto" }],
    ["/help feed", { kind: "help", topic: "feed" }],
    ["/digest schedule 07:30 mexico", { kind: "digest", args: ["schedule", "07:30", "mexico"] }],
  ])("%s", (line, expected) => {
    expect(parseCommand(line)).toEqual(expected);
  });

  it("takes the name and the text apart, as chat platforms deliver them", () => {
    expect(parseNamedCommand("/brief", "mexico stories:2")).toEqual({
      kind: "brief",
      topic: "mexico",
      sinceMs: null,
      maxStories: 2,
    });
    expect(parseNamedCommand("feed", "list")).toEqual({ kind: "feed-list" });
  });

  it.each([
    ["", "empty_command", /Type a command/],
    ["   ", "empty_command", /Type a command/],
    ["/frobnicate", "unknown_command", /Unknown command "\/frobnicate".*\/brief/],
    ["/brief since:3x", "bad_command", /not a duration.*since:3d.*Usage: \/brief/],
    ["/brief since:", "bad_command", /not a duration/],
    ["/brief since:0d", "bad_command", /not a duration/],
    ["/brief since:400d", "bad_command", /too far back.*since:365d/],
    ["/brief stories:0", "bad_command", /from 1 to 10/],
    ["/brief stories:11", "bad_command", /from 1 to 10/],
    ["/brief stories:two", "bad_command", /from 1 to 10/],
    ["/brief mexico storys:3", "bad_command", /Did you mean stories:/],
    ["/brief mexico sinse:3d", "bad_command", /Did you mean since:/],
    ["/feed", "bad_command", /needs an action.*Usage: \/feed add/],
    ["/feed launch", "bad_command", /Unknown \/feed action "launch"/],
    ["/feed add", "bad_command", /needs the feed's URL/],
    ["/feed add https://a.test/rss extra words", "bad_command", /Unexpected "extra words".*name:/],
    ["/feed list now", "bad_command", /takes no arguments/],
    ["/feed status 1 2", "bad_command", /at most one/],
    ["/feed remove", "bad_command", /needs a feed id/],
    ["/feed remove 1 2", "bad_command", /takes a single feed id or URL; got "1 2"/],
    ["/feed enable", "bad_command", /needs a feed id/],
    ["/feed fulltext 3", "bad_command", /needs a feed id and one of auto, always, never/],
    ["/feed fulltext 3 sometimes", "bad_command", /"sometimes" is not a fulltext mode/],
    ["/feed fulltext 3 never now", "bad_command", /Unexpected "now"/],
    ["/feed kind 3", "bad_command", /needs a feed id and one of auto, news, opinion/],
    ["/feed kind 3 column", "bad_command", /"column" is not a feed kind/],
  ])("%j fails with %s", (line, code, message) => {
    const e = error(line);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });
});
