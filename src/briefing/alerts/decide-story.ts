// Whether one story is for one watch: which of its reports count (sources, opinion), whether any
// arrived after the watch was made, the include/exclude patterns, and the sources to wait for.
// Pure: the alert pass, `/watch preview` and `/watch why` all read the same decision.
import type { Article } from "../article.js";
import { articleKindOf } from "../stories/build-story.js";
import { foldText, tokenize } from "../stories/text/tokenize.js";
import { type AlertStory, isFreshFor } from "./alert-pool.js";
import type { Watch } from "./watch.js";
import { firstMatch } from "./watch-pattern.js";

/** Characters of each report's text the patterns read after its title (the lead says what it is about). */
const PATTERN_TEXT_CHARS = 1_500;

export type StoryDecision =
  /** Post it (or, when the channel already has it, follow it in the thread). */
  | { kind: "match"; view: Article[]; fresh: Article[]; outlets: string[] }
  /** Matches, but fewer independent outlets than the watch waits for. */
  | { kind: "waiting"; view: Article[]; fresh: Article[]; outlets: string[]; detail: string }
  | { kind: "filtered"; fresh: Article[]; detail: string }
  /** Nothing in it arrived after the watch was made (or only backlog): never posted. */
  | { kind: "old" };

/** Outlets in order of first report. */
export function outletsOf(articles: readonly Article[], sourceName: (feedId: number) => string): string[] {
  const sorted = [...articles].sort((a, b) => a.publishedAt - b.publishedAt || a.id - b.id);
  return [...new Set(sorted.map((a) => sourceName(a.feedId)))];
}

/** Whether an outlet is one the watch's `sources:` names: a term matches a word-aligned part of its name. */
export function sourceMatches(outlet: string, sources: readonly string[]): boolean {
  if (sources.length === 0) return true;
  const name = ` ${tokenize(outlet).join(" ")} `;
  const folded = foldText(outlet);
  return sources.some((s) => {
    const term = tokenize(s).join(" ");
    return term !== "" && (name.includes(` ${term} `) || folded === foldText(s));
  });
}

export function decideStory(
  watch: Watch,
  story: AlertStory,
  sourceName: (feedId: number) => string,
  kindOf: (article: Article, outlet: string) => string = articleKindOf,
): StoryDecision {
  const members = story.members.map((m) => m.article);
  const freshMembers = members.filter((a) => isFreshFor(a, watch));
  if (freshMembers.length === 0) return { kind: "old" };
  const fromSources = members.filter((a) => sourceMatches(sourceName(a.feedId), watch.sources));
  if (fromSources.length === 0)
    return {
      kind: "filtered",
      fresh: freshMembers,
      detail: `sources: none of ${watch.sources.join(", ")} reported it`,
    };
  const view = watch.opinion ? fromSources : fromSources.filter((a) => kindOf(a, sourceName(a.feedId)) !== "opinion");
  if (view.length === 0) return { kind: "filtered", fresh: freshMembers, detail: "opinion:off: only opinion pieces" };
  const fresh = view.filter((a) => isFreshFor(a, watch));
  if (fresh.length === 0) {
    // The new reports are from other outlets or opinion: the watch never sees them.
    return {
      kind: "filtered",
      fresh: freshMembers,
      detail: "its new reports are from outlets or kinds this watch leaves out",
    };
  }
  const tokens = view.flatMap((a) => tokenize(`${a.title}\n${a.text.slice(0, PATTERN_TEXT_CHARS)}`));
  const excluded = firstMatch(tokens, watch.exclude);
  if (excluded !== null) return { kind: "filtered", fresh: freshMembers, detail: `exclude: ${excluded}` };
  if (watch.include.length > 0 && firstMatch(tokens, watch.include) === null)
    return { kind: "filtered", fresh: freshMembers, detail: `include: none of ${watch.include.join(", ")}` };
  const outlets = outletsOf(view, sourceName);
  if (outlets.length < watch.minSources) {
    return {
      kind: "waiting",
      view,
      fresh,
      outlets,
      detail: `waiting for ${watch.minSources} sources (${outlets.length} so far: ${outlets.join(", ")})`,
    };
  }
  return { kind: "match", view, fresh, outlets };
}
