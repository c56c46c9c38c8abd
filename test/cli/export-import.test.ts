// Moving a team from SQLite to PostgreSQL with `briefbot export` and `briefbot import`, in-process
// through the CLI: the same /brief card afterwards, the posted slot is not posted again, the next
// digest brings only what is new, and a second export equals the first.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { captureIo } from "../support/capture-io.js";
import { postgresTestDatabase } from "../support/postgres-test-database.js";

const EXAMPLES = resolve(import.meta.dirname, "../../examples/feeds");
const SLOT = Date.UTC(2026, 0, 14, 7, 30);
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

interface OutboxLine {
  scheduleId: number;
  slot: string;
  card: { stories: Array<{ headline: string; sources: Array<{ url: string | null }> }> };
}

describe("briefbot export | import: SQLite to PostgreSQL", () => {
  const postgres = postgresTestDatabase();
  let dir: string;
  let sqliteEnv: Record<string, string>;
  let pgEnv: Record<string, string>;

  async function cli(env: Record<string, string>, ...argv: string[]): Promise<string> {
    const io = captureIo(env, dir);
    const code = await runCli(argv, io);
    expect(code, `${argv.join(" ")}\n${io.stderr}${io.stdout}`).toBe(0);
    return io.stdout;
  }

  function outbox(path: string): OutboxLine[] {
    try {
      return readFileSync(path, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as OutboxLine);
    } catch {
      return [];
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "briefbot-move-"));
    const quiet = { BRIEFBOT_LOG_LEVEL: "silent" };
    sqliteEnv = { ...quiet, BRIEFBOT_DATABASE: join(dir, "old.db"), BRIEFBOT_DIGEST_OUTBOX: join(dir, "old.jsonl") };
    pgEnv = { ...quiet, BRIEFBOT_DATABASE: await postgres.another(), BRIEFBOT_DIGEST_OUTBOX: join(dir, "new.jsonl") };
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** A feed file of News Three with these items (title, link slug, hours after the slot). */
  function newsThree(items: Array<[string, string, number]>): string {
    const path = join(dir, `three-${items.length}.xml`);
    const xml = items
      .map(
        ([title, slug, hours]) =>
          `<item><title>${title}</title><link>https://three.example/${slug}</link>` +
          `<pubDate>${new Date(SLOT + hours * HOUR).toUTCString()}</pubDate>` +
          `<description>${title}. ${slug === "water" ? "Negotiators met in Ottawa for two days of talks on rivers and aquifers." : "Weavers from twelve villages lent pieces to the collection, which opens on Friday."}</description></item>`,
      )
      .join("");
    writeFileSync(
      path,
      `<?xml version="1.0"?><rss version="2.0"><channel><title>News Three</title><link>https://three.example/</link>${xml}</channel></rss>`,
    );
    return path;
  }

  it("keeps the card, the ledger and what each channel has seen", async () => {
    for (const file of ["news-one-mexico.xml", "news-two-mexico.xml"]) {
      await cli(sqliteEnv, "ingest", "--file", join(EXAMPLES, file));
    }
    // A feed's first fetch is backlog (never in a digest): News Three starts empty, then has news.
    const three = ["--feed-url", "https://three.example/rss"];
    await cli(sqliteEnv, "ingest", "--file", newsThree([]), ...three);
    const treaty: [string, string, number] = ["Mexico and Canada sign a water treaty", "water", -3];
    await cli(sqliteEnv, "ingest", "--file", newsThree([treaty]), ...three);
    await cli(
      sqliteEnv,
      ...[
        "digest",
        "schedule",
        "07:30",
        "mexico",
        "tz:UTC",
        "--channel",
        "cli:local:ops",
        "--as-of",
        iso(SLOT - 12 * HOUR),
      ],
    );
    const first = await cli(sqliteEnv, "digest", "run-due", "--as-of", iso(SLOT + 60_000), "--json");
    expect(JSON.parse(first)).toMatchObject({ posted: 1 });
    const posted = outbox(sqliteEnv.BRIEFBOT_DIGEST_OUTBOX ?? "");
    expect(posted).toHaveLength(1);
    const brief = ["brief", "mexico", "--as-of", iso(SLOT), "--format", "json"];
    const before = await cli(sqliteEnv, ...brief);

    const dump = join(dir, "dump.jsonl");
    await cli(sqliteEnv, "export", "--file", dump);
    const records = readFileSync(dump, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(records[0]).toMatchObject({ type: "header", format: "briefbot-export", version: 1, source: "sqlite" });
    expect(new Set(records.map((r) => r.type))).toEqual(
      new Set(["header", "feed", "article", "schedule", "slot", "posted"]),
    );

    await cli(pgEnv, "import", "--file", dump);
    // The same /brief card from the same history.
    expect(await cli(pgEnv, ...brief)).toBe(before);
    // The slot already posted from SQLite is not posted again.
    const rerun = await cli(pgEnv, "digest", "run-due", "--as-of", iso(SLOT + 2 * 60_000), "--json");
    expect(JSON.parse(rerun)).toMatchObject({ due: 0, posted: 0 });
    // A second import refuses to mix histories.
    const again = captureIo(pgEnv, dir);
    expect(await runCli(["import", "--file", dump], again)).toBe(1);
    expect(again.stderr).toMatch(/already holds data .*new, empty database/);
    // Exporting PostgreSQL gives back the same records.
    const roundTrip = join(dir, "round.jsonl");
    await cli(pgEnv, "export", "--file", roundTrip);
    const second = readFileSync(roundTrip, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(second.slice(1)).toEqual(records.slice(1));

    // One new story arrives; the next morning's digest on PostgreSQL brings it and not the one posted before.
    const museum: [string, string, number] = ["Mexico opens a new museum of textiles in Oaxaca", "museum", 6];
    await cli(pgEnv, "ingest", "--file", newsThree([treaty, museum]), ...three);
    const next = await cli(pgEnv, "digest", "run-due", "--as-of", iso(SLOT + 24 * HOUR + 60_000), "--json");
    expect(JSON.parse(next)).toMatchObject({ posted: 1 });
    const lines = outbox(pgEnv.BRIEFBOT_DIGEST_OUTBOX ?? "");
    expect(lines).toHaveLength(1);
    const urls = (line: OutboxLine | undefined) => line?.card.stories.flatMap((s) => s.sources.map((x) => x.url)) ?? [];
    expect(urls(posted[0])).toContain("https://three.example/water");
    expect(urls(lines[0])).toContain("https://three.example/museum");
    expect(urls(lines[0])).not.toContain("https://three.example/water");
  }, 60_000);
});
