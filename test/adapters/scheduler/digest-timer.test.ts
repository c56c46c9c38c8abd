// The digest timer: ticks once a minute through a scheduler (a fake here, node-cron in serve),
// runs a pass at start, never overlaps passes, survives a failing pass, and stops cleanly.
// Also the JSON-lines outbox publisher and the digest settings.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nodeCron from "node-cron";
import { describe, expect, it } from "vitest";
import { parseDigestSettings } from "../../../src/adapters/scheduler/digest-settings.js";
import { DigestTimer, type MinuteScheduler } from "../../../src/adapters/scheduler/digest-timer.js";
import { JsonLinesPublisher } from "../../../src/adapters/scheduler/json-lines-publisher.js";
import type { DigestCard } from "../../../src/briefing/digest-card.js";
import type { DigestRunReport } from "../../../src/briefing/digests/run-due-digests.js";
import { parseConfig } from "../../../src/config.js";

const REPORT: DigestRunReport = {
  due: 1,
  posted: 1,
  quiet: 0,
  failed: 0,
  retrying: 0,
  skipped: 0,
  contended: 0,
  paused: 0,
  pools: 1,
};

class FakeScheduler implements MinuteScheduler {
  expression = "";
  tick: (() => Promise<void>) | null = null;
  stopped = false;
  schedule(expression: string, tick: () => Promise<void>) {
    this.expression = expression;
    this.tick = tick;
    return {
      stop: () => {
        this.stopped = true;
      },
      destroy: () => {},
    };
  }
}

function recordingLogger() {
  const lines: string[] = [];
  const log = (_: Record<string, unknown>, message: string) => {
    lines.push(message);
  };
  return { lines, logger: { debug: log, info: log, warn: log, error: log } };
}

describe("DigestTimer", () => {
  it("runs a pass at start and on every minute tick, one at a time", async () => {
    const scheduler = new FakeScheduler();
    let passes = 0;
    let release: () => void = () => {};
    const { logger } = recordingLogger();
    const timer = new DigestTimer({
      scheduler,
      logger,
      run: async () => {
        passes += 1;
        await new Promise<void>((r) => {
          release = r;
        });
        return REPORT;
      },
    });
    timer.start();
    expect(scheduler.expression).toBe("* * * * *");
    expect(passes).toBe(1);
    // A tick while the first pass runs joins it instead of starting a second one.
    const joined = scheduler.tick?.();
    expect(passes).toBe(1);
    release();
    await joined;
    const second = scheduler.tick?.();
    expect(passes).toBe(2);
    release();
    await second;
    await timer.stop();
    expect(scheduler.stopped).toBe(true);
  });

  it("logs a failing pass and keeps ticking", async () => {
    const scheduler = new FakeScheduler();
    const { lines, logger } = recordingLogger();
    let fail = true;
    const timer = new DigestTimer({
      scheduler,
      logger,
      run: async () => {
        if (fail) throw new Error("database is locked");
        return REPORT;
      },
    });
    timer.start();
    await scheduler.tick?.();
    expect(lines).toContain("digest pass failed");
    fail = false;
    await scheduler.tick?.();
    expect(lines).toContain("digest pass");
    await timer.stop();
  });

  it("uses an expression node-cron accepts", () => {
    expect(nodeCron.validate("* * * * *")).toBe(true);
  });
});

describe("JsonLinesPublisher", () => {
  it("appends one JSON line per digest and announcement", async () => {
    const dir = mkdtempSync(join(tmpdir(), "briefbot-outbox-"));
    try {
      const path = join(dir, "nested", "outbox.jsonl");
      const publisher = new JsonLinesPublisher(path);
      const target = { platform: "slack", workspaceId: "T1", channelId: "C1" } as const;
      const card = { title: "Digest: x", stories: [] } as unknown as DigestCard;
      const slotAt = Date.UTC(2026, 0, 14, 7, 30);
      expect(await publisher.publish(target, card, { scheduleId: 3, slotAt })).toEqual({
        ok: true,
        messageId: "digest:3:2026-01-14T07:30:00.000Z",
      });
      await publisher.announce(target, { title: "Paused", lines: ["why"], tone: "error" });
      const lines = readFileSync(path, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(lines).toEqual([
        { scheduleId: 3, slot: "2026-01-14T07:30:00.000Z", slotAt, target, card },
        { target, announcement: { title: "Paused", lines: ["why"], tone: "error" } },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("parseDigestSettings", () => {
  it("defaults the grace window to 2 hours and reads the outbox and the lease", () => {
    expect(parseDigestSettings(parseConfig({}))).toEqual({ graceMs: 7_200_000, outboxPath: null, leaseMs: null });
    const env = {
      BRIEFBOT_DIGEST_GRACE_MINUTES: "30",
      BRIEFBOT_DIGEST_OUTBOX: "/tmp/o.jsonl",
      BRIEFBOT_DIGEST_LEASE_MS: "3000",
    };
    expect(parseDigestSettings(parseConfig(env))).toEqual({
      graceMs: 1_800_000,
      outboxPath: "/tmp/o.jsonl",
      leaseMs: 3000,
    });
    expect(() => parseConfig({ BRIEFBOT_DIGEST_GRACE_MINUTES: "0" })).toThrow(/BRIEFBOT_DIGEST_GRACE_MINUTES/);
  });
});
