// The briefbot command with a fault right after each digest slot is claimed, for the crash and hang
// tests: `exit` ends the process there (code 86) as a crash would; `hang` holds every claim unposted.
// Usage: node --import tsx test/support/briefbot-with-claim-fault.ts <exit|hang> <briefbot args...>
import { processIo } from "../../src/cli/cli-io.js";
import { runCli } from "../../src/cli/run-cli.js";
import { composeApp } from "../../src/compose-app.js";
import { faultAfterClaim } from "./fault-after-claim.js";

const [fault, ...argv] = process.argv.slice(2);
if (fault !== "exit" && fault !== "hang") throw new Error(`the fault must be exit or hang, not ${String(fault)}`);
process.exitCode = await runCli(argv, processIo(), {
  composeApp: async (...args) => {
    const app = await composeApp(...args);
    app.store.deliveries = faultAfterClaim(app.store.deliveries, fault);
    return app;
  },
});
