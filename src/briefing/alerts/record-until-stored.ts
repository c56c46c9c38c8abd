// Stores the record of an alert the platform took (or may have taken): tried until the store takes
// it, with a growing pause, because an unrecorded post would be sent again (decision 005).
import type { Logger } from "../ports.js";

export async function recordUntilStored(
  deps: { logger: Logger; wait: (ms: number) => Promise<void> },
  options: { recordRetryMs: number; recordRetryMaxMs: number },
  context: Record<string, unknown>,
  what: string,
  record: () => Promise<boolean>,
): Promise<boolean> {
  let pause = options.recordRetryMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await record();
    } catch (error) {
      deps.logger.error(
        { ...context, attempt, retryInMs: pause, err: error },
        `could not record a ${what}; trying again (it is not sent again)`,
      );
    }
    await deps.wait(pause);
    pause = Math.min(pause * 2, options.recordRetryMaxMs);
  }
}
