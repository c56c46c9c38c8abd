// `briefbot import [--file F]`: reads an export (JSON lines, from F or stdin) into the configured
// database, which must be empty, keeping every id, so digests already posted are not posted again
// and `/brief` finds the same stories. Each line is checked with zod before anything is written.
import { open } from "node:fs/promises";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { countNoun } from "../briefing/commands/count-noun.js";
import { UserError } from "../briefing/errors.js";
import type { Store } from "../store/store.js";
import { DUMP_FORMAT, DUMP_ORDER, DUMP_VERSION, type DumpRecord, DumpRecordSchema } from "../store/store-dump.js";
import { type CliIo, progress } from "./cli-io.js";

/** Records written per transaction: big enough to be quick, small enough to hold in memory. */
const BATCH = 500;

/**
 * Opened before the database is touched, so a wrong path is named at once, with the fix. The lines
 * are read only when asked for: a readline interface made before an `await` emits its lines and
 * its close into the void, and iterating it afterwards waits forever.
 */
async function lines(io: CliIo, file: string | undefined): Promise<() => AsyncIterable<string>> {
  if (file === undefined) {
    const stdinLines = io.stdinLines;
    if (!stdinLines) throw new UserError("import_input", "Give the export with --file <path>, or pipe it in.");
    return stdinLines;
  }
  const path = resolve(io.cwd, file);
  const handle = await open(path, "r").catch((error: unknown) => {
    throw new UserError(
      "import_file",
      `Cannot read the export ${path}: ${error instanceof Error ? error.message : String(error)}. Check the path given to --file.`,
    );
  });
  // A directory opens but cannot be read; say so now rather than as a stack trace later.
  if ((await handle.stat()).isDirectory()) {
    await handle.close();
    throw new UserError(
      "import_file",
      `${path} is a directory; give --file the export file made by \`briefbot export\`.`,
    );
  }
  return () => createInterface({ input: handle.createReadStream(), crlfDelay: Number.POSITIVE_INFINITY });
}

export async function importCommand(store: Store, io: CliIo, file: string | undefined): Promise<number> {
  const input = await lines(io, file);
  const existing = await store.dump.counts();
  if (existing.feed + existing.article + existing.schedule + existing.event > 0) {
    throw new UserError(
      "import_not_empty",
      `${store.location} already holds data (${countNoun(existing.feed, "feed")}, ${countNoun(existing.article, "article")}, ${countNoun(existing.schedule, "schedule")}). ` +
        "Import into a new, empty database so ids and digest history stay exactly as exported.",
    );
  }
  const bar = progress(io);
  const counts = new Map<string, number>();
  let batch: DumpRecord[] = [];
  let lineNo = 0;
  let order = 0;
  let header = false;
  const flush = async () => {
    if (batch.length === 0) return;
    await store.dump.write(batch);
    batch = [];
  };
  for await (const line of input()) {
    lineNo += 1;
    if (line.trim() === "") continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new UserError("import_line", `Line ${lineNo} is not JSON; is this a briefbot export?`);
    }
    const parsed = DumpRecordSchema.safeParse(json);
    if (!parsed.success) {
      throw new UserError(
        "import_line",
        `Line ${lineNo} is not a briefbot export record: ${parsed.error.issues[0]?.message ?? "invalid"}.`,
      );
    }
    const record = parsed.data;
    if (!header) {
      if (record.type !== "header" || record.format !== DUMP_FORMAT) {
        throw new UserError(
          "import_header",
          "The file does not start with a briefbot export header; make it with `briefbot export`.",
        );
      }
      if (record.version !== DUMP_VERSION) {
        throw new UserError(
          "import_version",
          `The export is format version ${record.version}; this briefbot reads version ${DUMP_VERSION}.`,
        );
      }
      header = true;
      continue;
    }
    // Records must come in export order, or a foreign key (an article's feed) would be missing.
    const position = DUMP_ORDER.indexOf(record.type);
    if (position < order)
      throw new UserError(
        "import_order",
        `Line ${lineNo}: a ${record.type} record after later kinds; re-export the file.`,
      );
    if (position > order) await flush();
    order = position;
    batch.push(record);
    counts.set(record.type, (counts.get(record.type) ?? 0) + 1);
    if (batch.length >= BATCH) await flush();
    bar.update(`import ${lineNo} lines (${record.type}s)`);
  }
  if (!header) throw new UserError("import_empty", "The export is empty; make it with `briefbot export`.");
  await flush();
  await store.dump.finish();
  const summary = [...counts].map(([type, n]) => `${n} ${type}${n === 1 ? "" : "s"}`).join(", ");
  bar.done(`Imported ${summary || "nothing"} into ${store.location}.`);
  return 0;
}
