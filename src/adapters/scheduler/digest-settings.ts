// What the digest timer and `digest run-due` need from the configuration: the grace window for
// late slots, the claim lease and the JSON-lines outbox file (all validated with the rest in config.ts).
import type { Config } from "../../config.js";

export interface DigestSettings {
  graceMs: number;
  outboxPath: string | null;
  /** How long a claim keeps other instances off (ms); null: the core's default (5 minutes). */
  leaseMs: number | null;
}

export function parseDigestSettings(
  config: Pick<Config, "BRIEFBOT_DIGEST_GRACE_MINUTES" | "BRIEFBOT_DIGEST_OUTBOX" | "BRIEFBOT_DIGEST_LEASE_MS">,
): DigestSettings {
  return {
    graceMs: config.BRIEFBOT_DIGEST_GRACE_MINUTES * 60_000,
    outboxPath: config.BRIEFBOT_DIGEST_OUTBOX ?? null,
    leaseMs: config.BRIEFBOT_DIGEST_LEASE_MS ?? null,
  };
}
