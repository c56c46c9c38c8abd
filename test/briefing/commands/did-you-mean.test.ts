// Typos and synonyms in chat commands answer with the command that was meant.
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/briefing/commands/command.js";
import { didYouMean } from "../../../src/briefing/commands/did-you-mean.js";

function messageOf(line: string): string {
  try {
    parseCommand(line);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error(`${line} parsed`);
}

describe("did you mean", () => {
  it("suggests the command for a typo, transposed letters included", () => {
    expect(messageOf("/breif mexico")).toMatch(/Unknown command "\/breif"\. Did you mean \/brief\?/);
    expect(messageOf("/fed list")).toMatch(/Did you mean \/feed\?/);
    expect(messageOf("/digets list")).toMatch(/Did you mean \/digest\?/);
  });

  it("suggests the feed action for a synonym or a typo", () => {
    expect(messageOf("/feed subscribe https://example.com/rss")).toMatch(/Did you mean \/feed add\?/);
    expect(messageOf("/feed delete 3")).toMatch(/Did you mean \/feed remove\?/);
    expect(messageOf("/feed lsit")).toMatch(/Did you mean \/feed list\?/);
  });

  it("suggests nothing for a word that is far from every command", () => {
    expect(messageOf("/weather today")).toMatch(/Unknown command "\/weather"\. Try \/brief <topic>/);
    expect(messageOf("/feed frobnicate")).not.toMatch(/Did you mean/);
    expect(didYouMean("xyz", ["add", "list"])).toBeNull();
    // Short words allow one edit only: "ad" is add, "at" is not list.
    expect(didYouMean("ad", ["add", "list"])).toBe("add");
    expect(didYouMean("at", ["list"])).toBeNull();
  });
});
