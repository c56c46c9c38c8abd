// The report of an alert pass that did nothing, for tests of what runs passes (timers, the
// leadership seat) rather than of the pass itself.
import type { AlertPassReport } from "../../src/briefing/alerts/run-alert-pass.js";

/** No watches, no posts, no failures. */
export const EMPTY_ALERT_PASS: AlertPassReport = {
  watches: 0,
  channels: 0,
  posted: 0,
  replied: 0,
  edited: 0,
  held: 0,
  roundups: 0,
  failed: 0,
  contended: 0,
  paused: 0,
};
