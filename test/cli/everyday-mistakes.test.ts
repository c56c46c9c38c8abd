// Everyday mistakes and faults through the real command line: each exits 1 with a message naming
// the problem and the fix, never "internal error" and exit 2. A bad BRIEFBOT_DATABASE (a directory,
// a non-SQLite file, a missing or down PostgreSQL), a read-only database, wrong --file paths, an
// empty page, and chat platforms that refuse the token or cannot be reached.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { captureIo } from "../support/capture-io.js";
import { startFakeDiscord } from "../support/fake-discord.js";
import { startFakeSlackApi } from "../support/fake-slack-api.js";
import { databaseUrl } from "../support/postgres-test-database.js";

const ROOT = resolve(import.meta.dirname, "../..");
const SAMPLE = join(ROOT, "examples/feeds/news-one-mexico.xml");
const SECRET = "pw-never-printed";

interface Run {
  code: number;
  out: string;
  err: string;
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => done(typeof address === "object" && address ? address.port : 0));
    });
  });
}

describe("everyday mistakes exit 1 with the fix", () => {
  let dir: string;

  async function run(env: Record<string, string>, ...argv: string[]): Promise<Run> {
    const io = captureIo({ BRIEFBOT_LOG_LEVEL: "silent", ...env }, dir);
    const code = await runCli(argv, io);
    return { code, out: io.stdout, err: io.stderr };
  }

  function expectUserFacing(result: Run, message: RegExp): void {
    expect(result.err).toMatch(message);
    expect(result.err).not.toMatch(/internal error| {4}at /);
    expect(result.code).toBe(1);
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "briefbot-mistakes-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a directory or a file that is not SQLite as BRIEFBOT_DATABASE", async () => {
    expectUserFacing(
      await run({ BRIEFBOT_DATABASE: dir }, "feed", "list"),
      /Cannot open the database .*BRIEFBOT_DATABASE must name a SQLite file/,
    );
    const text = join(dir, "notes.txt");
    writeFileSync(text, "These are my notes, not a database. ".repeat(20));
    expectUserFacing(await run({ BRIEFBOT_DATABASE: text }, "feed", "list"), /notes\.txt is not a SQLite database/);
  });

  // Telling a missing database from a server that is down needs a server: not under npm run test:unit.
  it.skipIf(!inject("postgresAvailable"))(
    "a PostgreSQL database that does not exist, or a server that is down, without printing the password",
    async () => {
      const missing = new URL(databaseUrl("briefbot_no_such_database"));
      missing.searchParams.set("password", SECRET);
      const absent = await run({ BRIEFBOT_DATABASE: missing.toString() }, "feed", "list");
      expectUserFacing(absent, /Cannot use PostgreSQL at .*briefbot_no_such_database.*Check BRIEFBOT_DATABASE/);
      expect(absent.err).not.toContain(SECRET);
      const down = `postgres://briefbot:${SECRET}@127.0.0.1:${await closedPort()}/briefbot?PASSWORD=${SECRET}`;
      const gone = await run({ BRIEFBOT_DATABASE: down, BRIEFBOT_LOG_LEVEL: "warn" }, "feed", "list");
      expectUserFacing(
        gone,
        /PostgreSQL at postgres:\/\/briefbot:\*\*\*@.* did not answer within \d+ s.*Start the server/,
      );
      expect(gone.err).not.toContain(SECRET);
    },
    30_000,
  );

  it("import --file of a missing file, export --file naming a directory", async () => {
    const database = join(dir, "files.db");
    expectUserFacing(
      await run({ BRIEFBOT_DATABASE: database }, "import", "--file", join(dir, "no-such-export.jsonl")),
      /Cannot read the export .*no-such-export\.jsonl.*Check the path given to --file/,
    );
    const folder = join(dir, "a-folder");
    mkdirSync(folder);
    expectUserFacing(
      await run({ BRIEFBOT_DATABASE: database }, "export", "--file", folder),
      /Cannot write the export to .*a-folder: EISDIR.*Give --file a file path/,
    );
  });

  it("article inspect of an empty page", async () => {
    const empty = join(dir, "empty.html");
    writeFileSync(empty, "\n");
    expectUserFacing(
      await run({ BRIEFBOT_DATABASE: join(dir, "a.db") }, "article", "inspect", empty),
      /empty\.html is empty: there is no article to extract/,
    );
    // A page of bare text (no tags at all) is a page, not a crash.
    const bare = join(dir, "bare.html");
    writeFileSync(bare, "Just a line of text.");
    expect(await run({ BRIEFBOT_DATABASE: join(dir, "a.db") }, "article", "inspect", bare)).toMatchObject({ code: 0 });
  });

  it("Slack refusing the token and Slack not reachable at all, in different words", async () => {
    const fake = await startFakeSlackApi();
    const slack = {
      BRIEFBOT_DATABASE: join(dir, "slack.db"),
      SLACK_BOT_TOKEN: "xoxb-never-printed",
      SLACK_APP_TOKEN: "xapp-never-printed",
    };
    try {
      fake.queue("auth.test", { body: { ok: false, error: "invalid_auth" } });
      const refused = await run({ ...slack, SLACK_API_URL: fake.apiUrl }, "serve");
      expectUserFacing(refused, /Slack refused SLACK_BOT_TOKEN \(invalid_auth\)\. Copy the Bot User OAuth Token/);
      fake.queue("apps.connections.open", { body: { ok: false, error: "invalid_auth" } });
      const appToken = await run({ ...slack, SLACK_API_URL: fake.apiUrl }, "serve");
      expectUserFacing(appToken, /Slack refused SLACK_APP_TOKEN \(invalid_auth\)/);
      expect(refused.err + appToken.err).not.toContain("never-printed");
    } finally {
      await fake.close();
    }
    const unreachable = await run({ ...slack, SLACK_API_URL: `http://127.0.0.1:${await closedPort()}/api/` }, "serve");
    expectUserFacing(unreachable, /Cannot reach Slack's Web API at http:\/\/127\.0\.0\.1:\d+\/api\/ \(ECONNREFUSED\)/);
  }, 60_000);

  it("Discord refusing the token and Discord not reachable at all, in different words", async () => {
    const fake = await startFakeDiscord();
    const discord = {
      BRIEFBOT_DATABASE: join(dir, "discord.db"),
      DISCORD_TOKEN: "discord-token-never-printed",
      DISCORD_APPLICATION_ID: fake.applicationId,
    };
    try {
      fake.fail("GET", /\/gateway\/bot$/, { status: 401, body: { message: "401: Unauthorized", code: 0 } });
      const refused = await run({ ...discord, DISCORD_API_URL: fake.apiUrl }, "serve");
      expectUserFacing(refused, /Discord refused DISCORD_TOKEN\. Copy the bot token/);
      expect(refused.err).not.toContain("never-printed");
    } finally {
      await fake.close();
    }
    const unreachable = await run(
      { ...discord, DISCORD_API_URL: `http://127.0.0.1:${await closedPort()}/api` },
      "serve",
    );
    expectUserFacing(unreachable, /Cannot reach Discord at http:\/\/127\.0\.0\.1:\d+\/api \(.*ECONNREFUSED/);
  }, 60_000);
});

describe("a read-only database", () => {
  let dir: string;
  const MAIN = join(ROOT, "dist/main.js");

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "briefbot-readonly-"));
    // Others may create the -wal and -shm files beside it, as a writable folder allows.
    chmodSync(dir, 0o777);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * The compiled CLI on a file it may not write. Root writes through any mode bits, so as root the
   * command runs as the unprivileged user 65534 (nobody) on a root-owned 0444 file: the kernel
   * refuses the writes, as it would for any operator whose file is read-only. Not root: chmod does.
   */
  function asReader(database: string, ...argv: string[]): Run {
    const root = process.getuid?.() === 0;
    const result = spawnSync(process.execPath, [MAIN, ...argv], {
      cwd: dir,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", BRIEFBOT_DATABASE: database, BRIEFBOT_LOG_LEVEL: "silent" },
      ...(root ? { uid: 65534, gid: 65534 } : {}),
    });
    return { code: result.status ?? -1, out: result.stdout, err: result.stderr };
  }

  it("answers reads (closing does not replace the result) and refuses writes with the fix", () => {
    const database = join(dir, "read-only.db");
    const made = spawnSync(process.execPath, [MAIN, "ingest", "--file", SAMPLE], {
      cwd: dir,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", BRIEFBOT_DATABASE: database, BRIEFBOT_LOG_LEVEL: "silent" },
    });
    expect(made.status).toBe(0);
    chmodSync(database, 0o444);
    expect(readFileSync(database).length).toBeGreaterThan(0);
    const list = asReader(database, "feed", "list");
    expect(list.out).toMatch(/#1 .*News One/);
    expect(list.err).toBe("");
    expect(list.code).toBe(0);
    const ingest = asReader(database, "ingest");
    expect(ingest.err).toMatch(
      /The database .*read-only\.db is read-only for briefbot\. Give the user running briefbot write access/,
    );
    expect(ingest.err).not.toMatch(/internal error/);
    expect(ingest.code).toBe(1);
  });
});
