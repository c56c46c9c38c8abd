// `briefbot export [--file F]`: writes the whole database as JSON lines (a header, then feeds,
// articles, schedules, workspace settings, ledger slots, posted-story records, events) to F or
// stdout, with progress on a terminal. `briefbot import` reads it into another database.

import { once } from "node:events";
import type { WriteStream } from "node:fs";
import { open } from "node:fs/promises";
import { resolve } from "node:path";
import { UserError } from "../briefing/errors.js";
import type { Clock } from "../briefing/ports.js";
import type { Store } from "../store/store.js";
import { DUMP_FORMAT, DUMP_VERSION, type DumpRecord } from "../store/store-dump.js";
import { type CliIo, progress } from "./cli-io.js";

function cannotWrite(path: string, error: unknown): UserError {
  const reason = error instanceof Error ? error.message : String(error);
  return new UserError(
    "export_file",
    `Cannot write the export to ${path}: ${reason}. Give --file a file path in a folder you can write, with room to spare.`,
  );
}

/** Opened before anything is read, so a directory or an unwritable path is named at once. */
async function openOutput(path: string): Promise<WriteStream> {
  const handle = await open(path, "w").catch((error: unknown) => {
    throw cannotWrite(path, error);
  });
  const stream = handle.createWriteStream();
  // Write errors (a full disk) are read from stream.errored and the drain wait; without a listener
  // Node would end the process on them.
  stream.on("error", () => {});
  return stream;
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (stream.errored) throw stream.errored;
  // events.once rejects when the stream fails while we wait.
  if (!stream.write(text)) await once(stream, "drain");
}

export async function exportCommand(store: Store, clock: Clock, io: CliIo, file: string | undefined): Promise<number> {
  const counts = await store.dump.counts();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const bar = progress(io);
  const path = file === undefined ? null : resolve(io.cwd, file);
  const stream = path === null ? null : await openOutput(path);
  const emit = async (record: DumpRecord) => {
    const line = `${JSON.stringify(record)}\n`;
    if (stream && path) await write(stream, line).catch((error: unknown) => Promise.reject(cannotWrite(path, error)));
    else io.out(line);
  };
  try {
    await emitAll();
  } catch (error) {
    stream?.destroy();
    throw error;
  }
  const summary = Object.entries(counts)
    .map(([type, n]) => `${n} ${type}${n === 1 ? "" : "s"}`)
    .join(", ");
  bar.done(`Exported ${summary} from ${store.location}${file ? ` to ${file}` : ""}.`);
  return 0;

  async function emitAll(): Promise<void> {
    await emit({
      type: "header",
      format: DUMP_FORMAT,
      version: DUMP_VERSION,
      exportedAt: clock.now(),
      source: store.kind,
    });
    let done = 0;
    for await (const record of store.dump.read()) {
      await emit(record);
      done += 1;
      bar.update(`export ${done}/${total} records (${record.type}s)`);
    }
    if (stream && path) {
      await new Promise<void>((resolveEnd, reject) =>
        stream.end((error?: Error | null) => (error ? reject(error) : resolveEnd())),
      ).catch((error: unknown) => {
        throw cannotWrite(path, error);
      });
    }
  }
}
