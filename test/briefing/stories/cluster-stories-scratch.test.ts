// Clustering keeps its term counts and story index in typed arrays reused from call to call
// (decision 017): a call's stories must not depend on what earlier calls left there, even when a
// large call made the arrays grow and a later, smaller one reuses them.
import { describe, expect, it, vi } from "vitest";
import type { ClusterDocument } from "../../../src/briefing/stories/cluster-stories.js";
import { seeded } from "../../support/seeded-random.js";

const HOUR = 60 * 60 * 1000;
const START = Date.UTC(2026, 2, 2, 8);

/** Letters-only made-up words ("kavo", "tilu"): content terms that are no stop word nor number. */
function word(n: number): string {
  const consonants = "bdfgklmnprstvz";
  const vowels = "aeiou";
  let w = "";
  let k = n + 1;
  while (k > 0) {
    w += `${consonants[k % consonants.length]}${vowels[Math.floor(k / consonants.length) % vowels.length]}`;
    k = Math.floor(k / (consonants.length * vowels.length));
  }
  return `${w}x`;
}

/**
 * `events` events of `reports` reports each: a report says most of its event's words and some of
 * its own, so some reports join and some do not, over a vocabulary of `vocabulary` words.
 */
function reports(seed: number, events: number, reports: number, vocabulary: number): ClusterDocument[] {
  const next = seeded(seed);
  const pick = () => word(Math.floor(next() * vocabulary));
  const docs: ClusterDocument[] = [];
  for (let e = 0; e < events; e++) {
    const core = Array.from({ length: 40 }, pick);
    for (let r = 0; r < reports; r++) {
      const words = [...core.filter(() => next() < 0.7), ...Array.from({ length: 30 }, pick)];
      docs.push({
        id: `${seed}-${e}-${r}`,
        title: words.slice(0, 8).join(" "),
        text: `${words.join(" ")}.`,
        publishedAt: START + (e * 7 + r) * HOUR,
      });
    }
  }
  return docs;
}

async function freshClusterStories() {
  vi.resetModules();
  return (await import("../../../src/briefing/stories/cluster-stories.js")).clusterStories;
}

describe("clusterStories across calls", () => {
  const small = reports(7, 12, 4, 600);
  const large = reports(11, 120, 5, 20_000);

  it("groups reports of one event, so the fixture exercises joins and merges", async () => {
    const clusterStories = await freshClusterStories();
    const stories = clusterStories(small);
    expect(stories.some((story) => story.length > 1)).toBe(true);
    expect(stories.length).toBeGreaterThan(1);
  });

  it("gives a small call the same stories after a large call grew the shared arrays", async () => {
    const fresh = (await freshClusterStories())(small);
    const clusterStories = await freshClusterStories();
    clusterStories(large);
    expect(clusterStories(small)).toEqual(fresh);
    expect(clusterStories(small)).toEqual(fresh);
  });

  it("gives a large call the same stories after other calls", async () => {
    const fresh = (await freshClusterStories())(large);
    const clusterStories = await freshClusterStories();
    clusterStories(small);
    clusterStories(reports(13, 30, 3, 5_000), { maxVectorTerms: 200 });
    expect(clusterStories(large)).toEqual(fresh);
  });
});
