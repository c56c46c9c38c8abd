// Keeps V8's young generation at its starting size while briefbot loads its modules (and, for
// serve, starts its chat SDKs), so start-up does not leave an idle serve with a grown, empty nursery.
import { setFlagsFromString } from "node:v8";

/** V8's own default for --semi-space-growth-factor (`node --v8-options`), restored by release. */
export const V8_SEMI_SPACE_GROWTH_FACTOR = 2;

/**
 * Turns the young generation's growth off (factor 1: a scavenge never enlarges it). Loading a
 * module graph is the worst case for V8's growth rule: nearly everything allocated survives (the
 * modules' code and data), so after a few scavenges V8 grows the two semi-spaces to 8 MB each,
 * 16 MB with discord.js, which helps nothing (those objects move to the old generation anyway)
 * and stays committed until V8's memory reducer runs, about 25 s after the last collection. In
 * an idle serve with Discord that was 25-28 MB of 122 MB (docs/decisions/020).
 */
export function holdYoungGeneration(): void {
  setFlagsFromString("--semi-space-growth-factor=1");
}

/**
 * V8's default growth again: the factor is read at each growth, so it applies to all the work
 * that follows (polls, briefs, ingest), which is what the young generation's growth is for. The
 * flag is process-wide (worker threads too), which is why the hold covers start-up only.
 */
export function releaseYoungGeneration(): void {
  setFlagsFromString(`--semi-space-growth-factor=${V8_SEMI_SPACE_GROWTH_FACTOR}`);
}
