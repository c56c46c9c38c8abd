// The button token of a story action (fast-check): what encode makes, decode reads back (the topic
// left out only when it does not fit, Mute never without its key), within the length asked; any
// other string decodes to null and never throws.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeStoryAction,
  encodeStoryAction,
  STORY_ACTIONS,
  type StoryRef,
} from "../../../src/briefing/briefs/story-action.js";
import { propertyRuns } from "../../support/property-runs.js";

const runs = propertyRuns(300);
const ref: fc.Arbitrary<StoryRef> = fc.record({
  articleId: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  storyKey: fc.option(fc.string({ minLength: 1, maxLength: 60 }).filter((k) => k.trim() === k && k !== "")),
  topic: fc.option(fc.string({ minLength: 1, maxLength: 500 }).filter((t) => t.trim() === t && t !== "")),
});

describe("story action tokens", () => {
  it("round-trip within the length asked, dropping only what does not fit", () => {
    fc.assert(
      fc.property(ref, fc.constantFrom(...STORY_ACTIONS), fc.constantFrom(100, 2_000), (story, action, max) => {
        const token = encodeStoryAction(action, story, max);
        if (token === null) {
          // Only Mute goes without a token: no key, or a key too long for the room.
          expect(action).toBe("mute");
          return;
        }
        expect(token.length).toBeLessThanOrEqual(max);
        const decoded = decodeStoryAction(token);
        expect(decoded?.action).toBe(action);
        expect(decoded?.story.articleId).toBe(story.articleId);
        if (action === "mute") expect(decoded?.story.storyKey).toBe(story.storyKey);
        if (decoded?.story.storyKey) expect(decoded.story.storyKey).toBe(story.storyKey);
        if (decoded?.story.topic) expect(decoded.story.topic).toBe(story.topic);
        // With Slack's room, nothing is dropped.
        if (max === 2_000) expect(decoded?.story).toEqual(story);
      }),
      { numRuns: runs },
    );
  });

  it("decode answers null (never throws) for strings it did not make", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const decoded = decodeStoryAction(text);
        if (decoded !== null) expect(text.startsWith("bb1:")).toBe(true);
      }),
      { numRuns: runs },
    );
    for (const forged of [
      "",
      "bb1",
      "bb1:sources",
      "bb1:sources:1",
      "bb1:nuke:1::",
      "bb1:sources:-1::",
      "bb1:sources:01::",
    ])
      expect(decodeStoryAction(forged)).toBeNull();
    expect(decodeStoryAction("bb1:sources:7::a:b")).toEqual({
      action: "sources",
      story: { articleId: 7, storyKey: null, topic: "a:b" },
    });
  });
});
