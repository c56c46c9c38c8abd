// `briefbot summarize` in-process: JSON lines in, one line out per input in reading order; a bad
// line is named on stderr and the run continues with exit code 1.
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/cli-io.js";
import { summarizeCommand } from "../../src/cli/summarize-command.js";

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    isTty: false,
    env: {},
    cwd: "/",
  };
}

async function* linesOf(lines: string[]): AsyncIterable<string> {
  for (const line of lines) yield line;
}

const article = [
  "Dock workers at the Port of Lisbon ended a nine-day strike on Tuesday after their union accepted a 7% wage increase, the port authority said.",
  "The agreement was signed late Monday by union leader Carla Mendes and port director Rui Alves, according to the labour ministry.",
  "“We got what we asked for, and the ships can move again,” Mendes told reporters outside the port.",
  "About 40 cargo ships had been waiting offshore, and the backlog will take a week to clear, Alves said.",
  "Click here to subscribe to our morning newsletter.",
].join("\n");

const second = [
  "Shipping lines said on Wednesday that Lisbon's terminals were working at full capacity again.",
  "Dock workers in Lisbon ended their nine-day strike on Tuesday after the union accepted a 7% pay rise, port officials said.",
  "Freight rates for Iberian routes fell 3% after the announcement, a broker in Madrid said.",
].join("\n");

describe("summarizeCommand", () => {
  it("summarizes single documents and stories, sentences verbatim in reading order", async () => {
    const io = captureIo();
    const code = await summarizeCommand(
      io,
      { sentences: 3 },
      linesOf([
        JSON.stringify({ id: "one", title: "Port strike ends", text: article }),
        "",
        JSON.stringify({
          id: "story",
          documents: [
            { id: "a", text: article, source: "Wire", publishedAt: 1 },
            { id: "b", title: "Lisbon back to work", text: second },
          ],
        }),
      ]),
    );
    expect(code).toBe(0);
    expect(io.stderr).toEqual([]);
    const out = io.stdout.map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(["one", "story"]);
    const [single, story] = out;
    expect(single.sentences).toHaveLength(3);
    for (const s of single.sentences) {
      expect(s.document).toBe("one");
      expect(article).toContain(s.text);
      expect(s.text).not.toContain("Click here");
    }
    // Reading order: document order, then position in the document.
    const positions = single.sentences.map((s: { text: string }) => article.indexOf(s.text));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const docs = { a: article, b: second } as Record<string, string>;
    const order = story.sentences.map((s: { text: string; document: string }) => [
      s.document,
      (docs[s.document] ?? "").indexOf(s.text),
    ]);
    const sorted = [...order].sort((x, y) => String(x[0]).localeCompare(String(y[0])) || x[1] - y[1]);
    expect(order).toEqual(sorted);
    for (const [, at] of order) expect(at).toBeGreaterThanOrEqual(0);
  });

  it("defaults to three sentences", async () => {
    const io = captureIo();
    await summarizeCommand(io, {}, linesOf([JSON.stringify({ id: 7, text: article })]));
    const out = JSON.parse(io.stdout[0] ?? "{}");
    expect(out.id).toBe("7");
    expect(out.sentences).toHaveLength(3);
  });

  it("reports bad lines by number, continues, and exits 1", async () => {
    const io = captureIo();
    const code = await summarizeCommand(
      io,
      { sentences: 2 },
      linesOf([
        "{not json",
        JSON.stringify({ id: "x" }),
        JSON.stringify({ id: "ok", text: article }),
        JSON.stringify({ id: "s", documents: [] }),
        JSON.stringify({
          id: "d",
          documents: [
            { id: "a", text: "x" },
            { id: "a", text: "y" },
          ],
        }),
      ]),
    );
    expect(code).toBe(1);
    expect(io.stdout).toHaveLength(1);
    expect(JSON.parse(io.stdout[0] ?? "{}").id).toBe("ok");
    const errors = io.stderr.join("");
    expect(errors).toMatch(/^line 1: not valid JSON/m);
    expect(errors).toMatch(/^line 2: expected/m);
    expect(errors).toMatch(/^line 4: expected/m);
    expect(errors).toMatch(/^line 5: expected.*unique/m);
  });
});
