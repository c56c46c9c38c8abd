// Runs a command's work, then closes what it opened, without letting the closing replace the
// outcome: a result stays the result and an error stays the error; a failed close is only logged.
import type { Logger } from "../briefing/ports.js";

export async function closeAfter<T>(work: () => Promise<T>, close: () => Promise<void>, logger: Logger): Promise<T> {
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await close().catch((closeError: unknown) =>
      logger.warn({ err: closeError }, "closing after a failed command failed too"),
    );
    throw error;
  }
  await close().catch((closeError: unknown) => logger.warn({ err: closeError }, "closing failed after the command"));
  return result;
}
