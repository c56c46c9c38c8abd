// What the digest timer and `digest run-due` need from the configuration: the grace window for
// late slots and the JSON-lines outbox file (both validated with the rest in config.ts), plus a
// test-only crash hook read straight from the environment.
import type { Config } from "../../config.js";

export interface DigestSettings {
  graceMs: number;
  outboxPath: string | null;
  crashAfterClaim: boolean;
}

export function parseDigestSettings(
  config: Pick<Config, "BRIEFBOT_DIGEST_GRACE_MINUTES" | "BRIEFBOT_DIGEST_OUTBOX">,
  env: Record<string, string | undefined>,
): DigestSettings {
  return {
    graceMs: config.BRIEFBOT_DIGEST_GRACE_MINUTES * 60_000,
    outboxPath: config.BRIEFBOT_DIGEST_OUTBOX ?? null,
    // TEST ONLY: "1" exits the process right after a slot is claimed (crash-recovery tests).
    crashAfterClaim: env.BRIEFBOT_TEST_CRASH_AFTER_CLAIM === "1",
  };
}
