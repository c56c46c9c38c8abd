// `briefbot cluster`: story clustering's black-box face. JSON lines in (one article each), one
// JSON line out per valid input line, in input order, naming its story ("s1", "s2"... in order of
// first appearance). A bad line is reported on stderr with its number; the rest is still clustered.
import { z } from "zod";
import { type ClusterDocument, clusterStories } from "../briefing/stories/cluster-stories.js";
import type { CliIo } from "./cli-io.js";
import { readJsonLines } from "./read-json-lines.js";

/** ISO 8601 date or date-time ("2026-01-12", "2026-01-12T18:00:00Z"), or epoch milliseconds. */
const PublishedAtSchema = z.union([
  z.number().finite(),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/, "must be an ISO 8601 date")
    .transform((value, ctx) => {
      const ms = Date.parse(value);
      if (Number.isNaN(ms)) {
        ctx.addIssue({ code: "custom", message: `"${value}" is not a valid date` });
        return z.NEVER;
      }
      return ms;
    }),
]);

const LineSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  title: z.string(),
  text: z.string().optional(),
  source: z.string().optional(),
  publishedAt: PublishedAtSchema.optional(),
});

export async function clusterCommand(io: CliIo, lines: AsyncIterable<string>): Promise<number> {
  const inputs: Array<{ id: string; doc: ClusterDocument }> = [];
  const reader = readJsonLines(io, lines, LineSchema, '{"id", "title", "text"?, "source"?, "publishedAt"?}');
  for await (const line of reader.lines) {
    const { id, ...rest } = line;
    // Clustered under the input position, so repeated ids in the input cannot collide.
    inputs.push({ id, doc: { ...rest, id: String(inputs.length) } });
  }
  const story = new Array<string>(inputs.length);
  clusterStories(inputs.map((input) => input.doc)).forEach((group, k) => {
    for (const position of group) story[Number(position)] = `s${k + 1}`;
  });
  inputs.forEach((input, i) => {
    io.out(`${JSON.stringify({ id: input.id, story: story[i] })}\n`);
  });
  return reader.bad() > 0 ? 1 : 0;
}
