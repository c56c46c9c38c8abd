// `briefbot summarize`: the summarizer's black-box face. JSON lines in (one document or one story
// of documents per line), one JSON line out per input with verbatim sentences in reading order.
// A bad line is reported on stderr with its number and the run goes on; the exit code says so.
import { z } from "zod";
import { summarize } from "../briefing/summarize.js";
import type { CliIo } from "./cli-io.js";

/** The issue's default: three sentences make a card line set and the CNN/DailyMail convention. */
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

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "line"}: ${issue.message}`)
    .join("; ");
}

export async function summarizeCommand(
  io: CliIo,
  options: { sentences?: number },
  lines: AsyncIterable<string>,
): Promise<number> {
  const sentences = options.sentences ?? DEFAULT_SUMMARY_SENTENCES;
  let lineNumber = 0;
  let bad = 0;
  for await (const raw of lines) {
    lineNumber++;
    const line = raw.trim();
    if (line === "") continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      bad++;
      io.err(`line ${lineNumber}: not valid JSON (${(error as Error).message})\n`);
      continue;
    }
    const parsed = InputSchema.safeParse(json);
    if (!parsed.success) {
      bad++;
      io.err(
        `line ${lineNumber}: expected {"id", "text"} or {"id", "documents": [{"id", "text"}]}: ${describe(parsed.error)}\n`,
      );
      continue;
    }
    const input = parsed.data;
    const documents = "documents" in input ? input.documents : [input];
    const order = new Map(documents.map((d, i) => [d.id, i]));
    const picked = summarize(documents, { sentences }).sort(
      (a, b) => (order.get(a.documentId) ?? 0) - (order.get(b.documentId) ?? 0) || a.index - b.index,
    );
    io.out(
      `${JSON.stringify({ id: input.id, sentences: picked.map((s) => ({ text: s.text, document: s.documentId })) })}\n`,
    );
  }
  return bad > 0 ? 1 : 0;
}
