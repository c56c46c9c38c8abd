// `briefbot export [--file F]`: writes the whole database as JSON lines (a header, then feeds,
// articles, schedules, workspace settings, ledger slots, posted-story records, events) to F or
// stdout, with progress on a terminal. `briefbot import` reads it into another database.
import { createWriteStream, type WriteStream } from "node:fs";
import { resolve } from "node:path";
import type { Clock } from "../briefing/ports.js";
import type { Store } from "../store/store.js";
import { DUMP_FORMAT, DUMP_VERSION, type DumpRecord } from "../store/store-dump.js";
import { type CliIo, progress } from "./cli-io.js";

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await new Promise<void>((resolveDrain) => stream.once("drain", resolveDrain));
}

export async function exportCommand(store: Store, clock: Clock, io: CliIo, file: string | undefined): Promise<number> {
  const counts = await store.dump.counts();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const bar = progress(io);
  const stream = file === undefined ? null : createWriteStream(resolve(io.cwd, file));
  const emit = async (record: DumpRecord) => {
    const line = `${JSON.stringify(record)}\n`;
    if (stream) await write(stream, line);
    else io.out(line);
  };
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
  if (stream)
    await new Promise<void>((resolveEnd, reject) =>
      stream.end((error?: Error | null) => (error ? reject(error) : resolveEnd())),
    );
  const summary = Object.entries(counts)
    .map(([type, n]) => `${n} ${type}${n === 1 ? "" : "s"}`)
    .join(", ");
  bar.done(`Exported ${summary} from ${store.location}${file ? ` to ${file}` : ""}.`);
  return 0;
}
