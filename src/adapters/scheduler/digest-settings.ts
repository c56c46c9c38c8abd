// What the digest timer and `digest run-due` need from the configuration: the grace window for
// late slots and the JSON-lines outbox file (both validated with the rest in config.ts), plus a
// test-only crash hook read straight from the environment.
import type { Config } from "../../config.js";

export interface DigestSettings {
  graceMs: number;
  outboxPath: string | null;
  crashAfterClaim: boolean;
  /** How long a claim keeps other instances off (ms); null: the core's default (5 minutes). */
  leaseMs: number | null;
  /** TEST ONLY: the pass stops right after claiming and never posts (a SIGKILL test's victim). */
  hangAfterClaim: boolean;
}

export function parseDigestSettings(
  config: Pick<Config, "BRIEFBOT_DIGEST_GRACE_MINUTES" | "BRIEFBOT_DIGEST_OUTBOX" | "BRIEFBOT_DIGEST_LEASE_MS">,
  env: Record<string, string | undefined>,
): DigestSettings {
  return {
    graceMs: config.BRIEFBOT_DIGEST_GRACE_MINUTES * 60_000,
    outboxPath: config.BRIEFBOT_DIGEST_OUTBOX ?? null,
    // TEST ONLY: "1" exits the process right after a slot is claimed (crash-recovery tests).
    crashAfterClaim: env.BRIEFBOT_TEST_CRASH_AFTER_CLAIM === "1",
    leaseMs: config.BRIEFBOT_DIGEST_LEASE_MS ?? null,
    // TEST ONLY: "1" holds every claim without posting, until the process is killed.
    hangAfterClaim: env.BRIEFBOT_TEST_HANG_AFTER_CLAIM === "1",
  };
}
