// `briefbot ingest --file` reads a local feed file whole: the per-fetch item cap guards against
// hostile servers, not against the operator's own file (5,000 items used to store 500, silently).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ITEMS_PER_FETCH } from "../../src/briefing/parsed-feed.js";
import { runCli } from "../../src/cli/run-cli.js";
import { captureIo } from "../support/capture-io.js";

const ITEMS = 5_000;

describe("ingest --file", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "briefbot-ingest-file-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`stores every item of a ${ITEMS}-item file, past the ${MAX_ITEMS_PER_FETCH}-item cap of a fetch`, async () => {
    const items = Array.from(
      { length: ITEMS },
      (_, i) =>
        `<item><title>Item ${i}</title><link>https://example.com/a/${i}</link><guid>g${i}</guid><description>Report number ${i}.</description></item>`,
    ).join("");
    const file = join(dir, "big.xml");
    writeFileSync(file, `<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>${items}</channel></rss>`);
    const env = { BRIEFBOT_DATABASE: join(dir, "big.db"), BRIEFBOT_LOG_LEVEL: "silent" };
    const io = captureIo(env, dir);
    expect(await runCli(["ingest", "--file", file], io)).toBe(0);
    expect(io.stdout).toContain(`${ITEMS} items read, ${ITEMS} new, 0 updated`);
    const status = captureIo(env, dir);
    expect(await runCli(["feed", "list"], status)).toBe(0);
    expect(status.stdout).toContain(`${ITEMS} articles`);
  }, 60_000);
});
