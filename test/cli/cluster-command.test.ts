// `briefbot cluster` in-process: JSON lines in, one story per line out in input order; bad lines
// are named on stderr, the rest still clustered, and the exit code reports them.
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/cli-io.js";
import { clusterCommand } from "../../src/cli/cluster-command.js";

function capture(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (t) => out.push(t), err: (t) => err.push(t), isTty: false, env: {}, cwd: "/" },
    out,
    err,
  };
}

async function* from(lines: string[]): AsyncIterable<string> {
  for (const line of lines) yield line;
}

const call1 = {
  id: "a1",
  title: "Sheinbaum rejects Trump offer of troops against cartels in phone call",
  source: "Ledger",
  publishedAt: "2026-01-12T18:00:00Z",
};
const quake = { id: "a2", title: "Magnitude 6.8 earthquake shakes Guerrero, Mexico", publishedAt: 1768300000000 };
const call2 = {
  id: "a3",
  title: "Mexico's Sheinbaum turns down Trump's offer of US troops to fight cartels after phone call",
  publishedAt: "2026-01-12",
};

function parse(out: string[]): unknown[] {
  return out
    .join("")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
}

describe("clusterCommand", () => {
  it("writes one story per line in input order, stories numbered by first appearance", async () => {
    const { io, out, err } = capture();
    const code = await clusterCommand(io, from([call1, quake, call2].map((d) => JSON.stringify(d))));
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(parse(out)).toEqual([
      { id: "a1", story: "s1" },
      { id: "a2", story: "s2" },
      { id: "a3", story: "s1" },
    ]);
  });

  it("reports bad lines by number, skips blank lines, and still clusters the rest", async () => {
    const { io, out, err } = capture();
    const code = await clusterCommand(
      io,
      from([
        JSON.stringify(call1),
        "{not json",
        "",
        JSON.stringify({ id: "x", text: "no title" }),
        JSON.stringify({ id: "y", title: "Bad date", publishedAt: "next tuesday" }),
        JSON.stringify({ id: "z", title: "Impossible date", publishedAt: "2026-02-31T99:00" }),
        JSON.stringify(call2),
      ]),
    );
    expect(code).toBe(1);
    const messages = err.join("");
    expect(messages).toMatch(/^line 2: not valid JSON/m);
    expect(messages).toMatch(/^line 4: .*title/m);
    expect(messages).toMatch(/^line 5: .*publishedAt/m);
    expect(messages).toMatch(/^line 6: .*publishedAt/m);
    expect(messages).not.toMatch(/line 3/);
    expect(parse(out)).toEqual([
      { id: "a1", story: "s1" },
      { id: "a3", story: "s1" },
    ]);
  });

  it("accepts numeric ids and repeated ids", async () => {
    const { io, out } = capture();
    const code = await clusterCommand(
      io,
      from([JSON.stringify({ ...call1, id: 7 }), JSON.stringify({ ...quake, id: 7 })]),
    );
    expect(code).toBe(0);
    expect(parse(out)).toEqual([
      { id: "7", story: "s1" },
      { id: "7", story: "s2" },
    ]);
  });

  it("writes nothing for empty input", async () => {
    const { io, out } = capture();
    expect(await clusterCommand(io, from([]))).toBe(0);
    expect(out).toEqual([]);
  });
});
