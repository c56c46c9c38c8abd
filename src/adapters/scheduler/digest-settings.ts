// The environment variables of scheduled digests, parsed with zod: the grace window for late
// slots, the JSON-lines outbox publisher's file, and a test-only crash hook. The lead may fold
// these into config.ts; until then the CLI and serve read them here.
import { z } from "zod";

const MAX_GRACE_MINUTES = 24 * 60;

export const DigestSettingsSchema = z.object({
  /** How late a missed slot may still be posted after downtime (minutes; the default 2 h). */
  BRIEFBOT_DIGEST_GRACE_MINUTES: z
    .string()
    .regex(/^\d+$/, {
      error: `BRIEFBOT_DIGEST_GRACE_MINUTES must be a whole number of minutes, 1 to ${MAX_GRACE_MINUTES}`,
    })
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_GRACE_MINUTES))
    .default(120),
  /** When set, digests are appended to this file as JSON lines instead of posted to a chat platform. */
  BRIEFBOT_DIGEST_OUTBOX: z.string().min(1).optional(),
  /** TEST ONLY: "1" exits the process right after a slot is claimed (crash-recovery tests). */
  BRIEFBOT_TEST_CRASH_AFTER_CLAIM: z.enum(["0", "1"]).optional(),
});

export interface DigestSettings {
  graceMs: number;
  outboxPath: string | null;
  crashAfterClaim: boolean;
}

export function parseDigestSettings(env: Record<string, string | undefined>): DigestSettings {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = DigestSettingsSchema.safeParse(present);
  if (!result.success) throw new DigestSettingsError(z.prettifyError(result.error));
  return {
    graceMs: result.data.BRIEFBOT_DIGEST_GRACE_MINUTES * 60_000,
    outboxPath: result.data.BRIEFBOT_DIGEST_OUTBOX ?? null,
    crashAfterClaim: result.data.BRIEFBOT_TEST_CRASH_AFTER_CLAIM === "1",
  };
}

export class DigestSettingsError extends Error {
  constructor(message: string) {
    super(`briefbot's digest settings are wrong:\n${message}`);
    this.name = "DigestSettingsError";
  }
}
