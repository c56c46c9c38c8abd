// Opinion versus news from what a feed gives: section words, outlet, categories, title markers and
// the prose (first person, questions, judgment, arguing and negation against attribution, sources and
// weekdays, and how much of the text is quotation).
import { describe, expect, it } from "vitest";
import { classifyArticleKind } from "../../../src/briefing/stories/classify-article-kind.js";

const REPORT =
  "Mexico's president said on Monday that she had a very good conversation with the US president. The call lasted about 15 minutes, officials said. Security talks are scheduled for 22-23 January, according to the foreign ministry. The State Department said it wanted tangible results. Both governments said they would keep cooperating against the cartels, the ministry said in a statement.";
const COLUMN =
  "I have spent twenty years writing about ports, and I have never seen workers treated with such contempt. You should ask yourself why. Who benefits when we look away? I think the answer is obvious, and frankly it is shameful. We must do better, and you know it. My own family worked these docks; I owe them the truth.";

describe("classifyArticleKind", () => {
  it.each([
    ["https://example.com/opinion/2026/01/ports", "opinion", 'url path "/opinion/"'],
    ["https://www.theguardian.com/commentisfree/2026/jan/12/ports", "opinion", 'url path "/commentisfree/"'],
    ["https://example.com/news/columns/ports", "opinion", 'url path "/columns/"'],
    ["https://example.com/press-releases/acme-q4", "other", 'url path "/press-releases/"'],
  ])("reads the URL path %s", (url, kind, reason) => {
    expect(classifyArticleKind({ title: "Ports", url, text: REPORT })).toEqual({ kind, reason });
  });

  it("reads the outlet, the categories and title markers", () => {
    expect(classifyArticleKind({ title: "Ports", url: null, text: REPORT, outlet: "Fox News Opinion" }).kind).toBe(
      "opinion",
    );
    expect(
      classifyArticleKind({ title: "Ports", url: null, text: REPORT, categories: ["World", "Op-Ed"] }).reason,
    ).toBe('category "Op-Ed"');
    expect(classifyArticleKind({ title: "Review: a quiet phone", url: null, text: REPORT }).kind).toBe("other");
    expect(classifyArticleKind({ title: "OPINION: The Trump offer", url: null, text: REPORT }).kind).toBe("opinion");
  });

  it("tells a column from a report by its prose when nothing else says", () => {
    const column = classifyArticleKind({ title: "The ports", url: "https://example.com/2026/ports", text: COLUMN });
    expect(column.kind).toBe("opinion");
    expect(column.reason).toMatch(/^prose reads as opinion/);
    expect(classifyArticleKind({ title: "Call", url: "https://example.com/2026/call", text: REPORT }).kind).toBe(
      "news",
    );
  });

  it("does not count a quoted speaker's I and you as the writer's", () => {
    const quoted = `${REPORT} "I think you should ask yourself why we must do better," she said. "I believe it," he said.`;
    expect(classifyArticleKind({ title: "Call", url: null, text: quoted }).kind).toBe("news");
  });

  it("handles a feed with no categories, no URL, a capitals title and an empty text", () => {
    expect(classifyArticleKind({ title: "MEXICAN STANDOFF!", url: null, text: "", categories: [] })).toEqual({
      kind: "news",
      reason: "too short to tell; news by default",
    });
    expect(classifyArticleKind({ title: "x", url: "not a url", text: REPORT }).kind).toBe("news");
  });
  it("reads a roundup of quoted columns as opinion, and a report quoting its sources as news", () => {
    const excerpt =
      "\u201cThe deal spends money we do not have, and the people who wrote it know that nobody will pay for it until the bill comes due for our children, who never had a say in any of this and never will.\u201d";
    const roundup = `From the Left\n\nThe left argues that the deal is overdue.\n\n${excerpt}\n\nFrom the Right\n\nThe right believes it is a mistake.\n\n${excerpt}`;
    const read = classifyArticleKind({
      title: "Budget deal",
      url: "https://example.com/archives/budget",
      text: roundup,
    });
    expect(read.kind).toBe("opinion");
    expect(read.reason).toMatch(/^prose reads as opinion \(.*arguing .*quoted \d+% of text\)$/);
    const report = `${REPORT} "We have a deal that works for everyone," the minister told reporters on Tuesday. "Nobody will pay more," she said.`;
    expect(classifyArticleKind({ title: "Deal", url: null, text: report }).kind).toBe("news");
  });

  it("leaves a short text with little quotation as news, and reads dates and attribution as reporting", () => {
    expect(classifyArticleKind({ title: "Ports", url: null, text: "We never asked why. Not once." }).reason).toBe(
      "too short to tell; news by default",
    );
    const dated = REPORT.replaceAll("said", "said on Monday");
    const read = classifyArticleKind({ title: "Call", url: null, text: dated });
    expect(read.kind).toBe("news");
    expect(read.reason).toMatch(/weekdays [1-9]/);
  });
});
