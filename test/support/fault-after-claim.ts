// A delivery ledger that fails right after a successful claim, before anything is posted: the
// process exits (a crash), hangs (a stuck holder until it is killed) or throws (in-process tests).
import type { DeliveryLedger } from "../../src/briefing/ports.js";

/** The exit code of the `exit` fault, distinct from 0/1/2 so tests can tell it happened. */
export const CRASH_AFTER_CLAIM_EXIT = 86;

export type ClaimFault = "exit" | "hang" | "throw";

export function faultAfterClaim(ledger: DeliveryLedger, fault: ClaimFault): DeliveryLedger {
  const claimSlot: DeliveryLedger["claimSlot"] = async (claim) => {
    const claimed = await ledger.claimSlot(claim);
    if (!claimed) return claimed;
    if (fault === "exit") process.exit(CRASH_AFTER_CLAIM_EXIT);
    if (fault === "hang") return new Promise<boolean>(() => {});
    throw new Error("simulated crash after claim");
  };
  // A proxy, not a copy: the ledgers keep their connection in private fields.
  return new Proxy(ledger, {
    get(target, property) {
      if (property === "claimSlot") return claimSlot;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
