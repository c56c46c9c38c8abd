// The report of an alert pass that did nothing, for tests of what runs passes (timers, the
// leadership seat) rather than of the pass itself.
import { type AlertPassReport, emptyAlertPassReport } from "../../src/briefing/alerts/run-alert-pass.js";

/** No watches, no posts, no failures. */
export const EMPTY_ALERT_PASS: AlertPassReport = emptyAlertPassReport();
