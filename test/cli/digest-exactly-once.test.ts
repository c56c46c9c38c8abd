// Exactly once with real processes: `briefbot digest run-due --as-of ...` as child processes on one
// SQLite file, posting to a JSON-lines outbox (BRIEFBOT_DIGEST_OUTBOX) that the tests count. A process
// killed between claim and post (test/support/briefbot-with-claim-fault.ts), downtime of 90
// minutes and of 5 hours, and two processes on the same minute.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import { captureIo } from "../support/capture-io.js";
import { CRASH_AFTER_CLAIM_EXIT } from "../support/fault-after-claim.js";
import { seedVolcanoStory } from "../support/test-records.js";

const ROOT = resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
/** 07:30 UTC on 2026-01-14; schedules are created the evening before. */
const SLOT = Date.UTC(2026, 0, 14, 7, 30);
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

interface Child {
  code: number;
  stdout: string;
  stderr: string;
}

describe("digest run-due in real processes", () => {
  let dir: string;
  let env: Record<string, string>;
  let outbox: string;

  /** `briefbot digest run-due` as of a time; with `crash`, the process exits right after its first claim. */
  async function child(asOf: number, crash = false): Promise<Child> {
    const entry = crash ? ["test/support/briefbot-with-claim-fault.ts", "exit"] : ["src/main.ts"];
    try {
      const { stdout, stderr } = await run(
        process.execPath,
        ["--import", "tsx", ...entry, "digest", "run-due", "--as-of", iso(asOf), "--json"],
        { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
    }
  }

  function posted(): Array<{
    scheduleId: number;
    slot: string;
    target: { channelId: string };
    card: { title: string };
  }> {
    if (!existsSync(outbox)) return [];
    return readFileSync(outbox, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  }

  async function schedule(channel: string, line = "schedule 07:30 volcano tz:UTC"): Promise<void> {
    const io = captureIo(env, dir);
    const code = await runCli(
      ["digest", ...line.split(" "), "--channel", `cli:local:${channel}`, "--as-of", iso(SLOT - 12 * 60 * MINUTE)],
      io,
    );
    expect(code, io.stderr + io.stdout).toBe(0);
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "briefbot-once-"));
    outbox = join(dir, "outbox.jsonl");
    env = { BRIEFBOT_DATABASE: join(dir, "once.db"), BRIEFBOT_DIGEST_OUTBOX: outbox, BRIEFBOT_LOG_LEVEL: "silent" };
    const store = openSqliteStore(env.BRIEFBOT_DATABASE ?? "");
    try {
      await seedVolcanoStory(store, SLOT - 3 * 60 * MINUTE);
    } finally {
      store.close();
    }
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("posts once after a process is killed between claim and post", async () => {
    await schedule("ops");
    const crashed = await child(SLOT + MINUTE, true);
    expect(crashed.code, crashed.stderr).toBe(CRASH_AFTER_CLAIM_EXIT);
    expect(posted()).toHaveLength(0);
    // Restarted within the lease: the claim may belong to a live process, so it is left alone.
    const early = await child(SLOT + 2 * MINUTE);
    expect(JSON.parse(early.stdout)).toMatchObject({ due: 0, posted: 0 });
    // After the lease: the crashed claim is retried, once.
    const restart = await child(SLOT + 7 * MINUTE);
    expect(JSON.parse(restart.stdout)).toMatchObject({ due: 1, posted: 1 });
    expect(await child(SLOT + 8 * MINUTE)).toMatchObject({ code: 0 });
    const lines = posted();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      scheduleId: 1,
      slot: iso(SLOT),
      target: { channelId: "ops" },
      card: { title: "Digest: volcano" },
    });
  }, 60_000);

  it("posts a slot missed by 90 minutes of downtime, records one missed by 5 hours as skipped", async () => {
    await schedule("late");
    await schedule("later");
    const afterNinety = await child(SLOT + 90 * MINUTE);
    expect(JSON.parse(afterNinety.stdout)).toMatchObject({ posted: 2, skipped: 0 });
    expect(posted()).toHaveLength(2);
    // The next day's slot, found 5 hours late.
    const afterFive = await child(SLOT + 24 * 60 * MINUTE + 5 * 60 * MINUTE);
    expect(JSON.parse(afterFive.stdout)).toMatchObject({ posted: 0, skipped: 2 });
    expect(posted()).toHaveLength(2);
    const io = captureIo(env, dir);
    await runCli(["digest", "list", "--as-of", iso(SLOT + 30 * 60 * MINUTE)], io);
    expect(io.stdout).toMatch(/last: skipped at 2026-01-15 07:30 UTC \(missed: .*beyond the 120-minute grace window\)/);
  }, 60_000);

  it("posts each slot once when several processes run the same minute", async () => {
    for (let i = 0; i < 12; i += 1) await schedule(`chan-${i}`);
    // Two mornings, three processes each: whether they overlap is up to the OS, exactly-once is not.
    for (const day of [0, 1]) {
      const at = SLOT + day * 24 * 60 * MINUTE + 30_000;
      const children = await Promise.all([child(at), child(at), child(at)]);
      const reports = children.map((c) => JSON.parse(c.stdout));
      expect(reports.reduce((n, r) => n + r.posted + r.quiet, 0)).toBe(12);
    }
    const lines = posted();
    expect(lines).toHaveLength(12); // the second morning has nothing new: quiet, not posted
    expect(new Set(lines.map((l) => `${l.scheduleId}@${l.slot}`)).size).toBe(12);
    expect((await child(SLOT + 24 * 60 * MINUTE + MINUTE)).stdout).toMatch(/"due":0/);
  }, 60_000);

  it("refuses a pass as of a time still to come, writing nothing, so no slot is used up early", async () => {
    await schedule("ahead");
    const future = new Date(Date.now() + 24 * 60 * MINUTE).toISOString();
    const io = captureIo(env, dir);
    expect(await runCli(["digest", "run-due", "--as-of", future], io)).toBe(1);
    expect(io.stderr).toMatch(/is later than now .*Leave out --as-of to run the pass for now/);
    expect(posted()).toHaveLength(0);
    const store = openSqliteStore(env.BRIEFBOT_DATABASE ?? "");
    try {
      expect(store.db.prepare("SELECT count(*) AS n FROM digest_slots").get()).toEqual({ n: 0 });
    } finally {
      store.close();
    }
  });

  it("refuses to run a pass with nowhere to post, naming the setting", async () => {
    const io = captureIo({ ...env, BRIEFBOT_DIGEST_OUTBOX: "" }, dir);
    expect(await runCli(["digest", "run-due"], io)).toBe(1);
    expect(io.stderr).toMatch(/set BRIEFBOT_DIGEST_OUTBOX=<file>/);
    const bad = captureIo({ ...env, BRIEFBOT_DIGEST_GRACE_MINUTES: "soon" }, dir);
    expect(await runCli(["digest", "run-due"], bad)).toBe(1);
    expect(bad.stderr).toMatch(/BRIEFBOT_DIGEST_GRACE_MINUTES must be a whole number/);
    const channel = captureIo(env, dir);
    expect(await runCli(["digest", "schedule", "07:30", "--channel", "irc:x:y"], channel)).toBe(1);
    expect(channel.stderr).toMatch(/--channel "irc:x:y" should be <platform>:<workspace id>/);
    const noChannel = captureIo(env, dir);
    expect(await runCli(["digest", "schedule", "07:30"], noChannel)).toBe(1);
    expect(noChannel.stdout).toMatch(/A digest belongs to a channel/);
  });
});
