// Arrange helpers for the clustering tests: a short "Metro Briefs" item to hold against full reports,
// and the question every such test asks of clusterStories' groups.
import type { ClusterDocument } from "../../src/briefing/stories/cluster-stories.js";

/** A short item from a briefs outlet, the kind whose joining a story needs strong evidence. */
export function metroBrief(id: string, publishedAt: number, title: string, text: string): ClusterDocument {
  return { id, source: "Metro Briefs", publishedAt, title, text };
}

/** Whether documents `a` and `b` ended up in one story. */
export function sameStory(groups: string[][], a: string, b: string): boolean {
  return groups.some((g) => g.includes(a) && g.includes(b));
}
