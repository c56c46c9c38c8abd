// `briefbot summarize`: the summarizer's black-box face. JSON lines in (one document or one story
// of documents per line), one JSON line out per input with verbatim sentences in reading order.
// A bad line is reported on stderr with its number and the run goes on; the exit code says so.
import { z } from "zod";
import { summarize } from "../briefing/stories/summarize.js";
import type { CliIo } from "./cli-io.js";
import { readJsonLines } from "./read-json-lines.js";

/** The default: three sentences make a card line set and the CNN/DailyMail convention. */
export const DEFAULT_SUMMARY_SENTENCES = 3;

const DocumentSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  title: z.string().optional(),
  text: z.string(),
  source: z.string().optional(),
  publishedAt: z.number().optional(),
});

const InputSchema = z.union([
  z.object({
    id: z.union([z.string(), z.number()]).transform(String),
    documents: z
      .array(DocumentSchema)
      .min(1)
      .refine((docs) => new Set(docs.map((d) => d.id)).size === docs.length, "document ids must be unique"),
  }),
  DocumentSchema,
]);

export async function summarizeCommand(
  io: CliIo,
  options: { sentences?: number },
  lines: AsyncIterable<string>,
): Promise<number> {
  const sentences = options.sentences ?? DEFAULT_SUMMARY_SENTENCES;
  const reader = readJsonLines(io, lines, InputSchema, '{"id", "text"} or {"id", "documents": [{"id", "text"}]}');
  for await (const input of reader.lines) {
    const documents = "documents" in input ? input.documents : [input];
    const order = new Map(documents.map((d, i) => [d.id, i]));
    const picked = summarize(documents, { sentences }).sort(
      (a, b) => (order.get(a.documentId) ?? 0) - (order.get(b.documentId) ?? 0) || a.index - b.index,
    );
    io.out(
      `${JSON.stringify({ id: input.id, sentences: picked.map((s) => ({ text: s.text, document: s.documentId })) })}\n`,
    );
  }
  return reader.bad() > 0 ? 1 : 0;
}
