// `briefbot digest ...`: the /digest commands as the operator (schedule, list, remove, timezone,
// preview, resume; --channel names the chat channel a schedule belongs to) and `digest run-due`,
// one pass of the scheduler by hand, posting through the JSON-lines outbox (BRIEFBOT_DIGEST_OUTBOX).

import { renderTextReply } from "../adapters/render/render-text-reply.js";
import { createDigestRunDeps } from "../adapters/scheduler/create-digest-run-deps.js";
import { parseDigestSettings } from "../adapters/scheduler/digest-settings.js";
import { JsonLinesPublisher } from "../adapters/scheduler/json-lines-publisher.js";
import { handleCommand } from "../briefing/commands/handle-command.js";
import { runDueDigests } from "../briefing/digests/run-due-digests.js";
import { UserError } from "../briefing/errors.js";
import { type Origin, PlatformSchema } from "../briefing/feed.js";
import type { Clock, Logger, Publisher } from "../briefing/ports.js";
import type { App } from "../compose-app.js";
import { type CliIo, UsageError } from "./cli-io.js";

export interface DigestCliOptions {
  asOf?: string | undefined;
  channel?: string | undefined;
  json?: boolean | undefined;
}

const CLI_ORIGIN: Origin = { platform: "cli", workspaceId: null, channelId: null, userId: null };

function parseAsOf(value: string | undefined): number | null {
  if (value === undefined) return null;
  const ms = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw new UsageError(`--as-of "${value}" is not an ISO 8601 time; write for example --as-of 2026-01-14T08:00:00Z.`);
  return ms;
}

/**
 * A pass "as of" a time still to come would claim and settle slots before they are due: they would
 * be recorded as done and never posted when their time comes. Past times replay missed minutes.
 */
function refuseFuturePass(asOf: number | null, now: number): void {
  if (asOf === null || asOf <= now) return;
  throw new UserError(
    "digest_as_of_future",
    `digest run-due --as-of ${new Date(asOf).toISOString()} is later than now (${new Date(now).toISOString()}); a pass in the future would use up slots before they are due. Leave out --as-of to run the pass for now, or give a time that has passed.`,
  );
}

/** `slack:T123:C456` → the origin of a command typed in that channel (workspace alone for timezone). */
export function parseChannelOption(value: string | undefined): Origin {
  if (value === undefined) return CLI_ORIGIN;
  const [platform, workspaceId, channelId, ...rest] = value.split(":");
  const parsed = PlatformSchema.safeParse(platform);
  if (!parsed.success || !workspaceId || rest.length > 0) {
    throw new UsageError(
      `--channel "${value}" should be <platform>:<workspace id>[:<channel id>], such as slack:T0123:C0456 or discord:<guild id>:<channel id>.`,
    );
  }
  return { platform: parsed.data, workspaceId, channelId: channelId || null, userId: null };
}

/** The publisher of a by-hand pass: only the outbox file, so a pass never posts to chat by surprise. */
function cliPublisher(outboxPath: string | null): Publisher {
  if (outboxPath === null) {
    throw new UsageError(
      "briefbot digest run-due needs somewhere to post: set BRIEFBOT_DIGEST_OUTBOX=<file> to append each digest there as a JSON line. (`briefbot serve` posts to Slack and Discord.)",
    );
  }
  return new JsonLinesPublisher(outboxPath);
}

export async function digestCommand(
  app: App,
  io: CliIo,
  logger: Logger,
  args: string[],
  options: DigestCliOptions,
): Promise<number> {
  const asOf = parseAsOf(options.asOf);
  const clock: Clock = asOf === null ? app.deps.clock : { now: () => asOf };
  const [action, ...rest] = args;
  if (action === undefined)
    throw new UsageError("Missing the digest action: run-due, schedule, list, remove, timezone, preview or resume.");
  if (action === "run-due") {
    if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest.join(" ")}".`);
    refuseFuturePass(asOf, app.deps.clock.now());
    const settings = parseDigestSettings(app.config);
    const deps = createDigestRunDeps(app.store, cliPublisher(settings.outboxPath), settings, clock, logger);
    const report = await runDueDigests(deps);
    if (options.json) io.out(`${JSON.stringify(report)}\n`);
    else {
      io.out(
        `Digest pass at ${new Date(clock.now()).toISOString()}: ${report.due} due, ${report.posted} posted, ${report.quiet} quiet, ` +
          `${report.failed} failed, ${report.retrying} retrying, ${report.skipped} skipped, ${report.contended} taken by another process, ` +
          `${report.paused} paused (${report.pools} story pools).\n`,
      );
    }
    return 0;
  }
  const reply = await handleCommand(
    { ...app.deps, clock, digests: { schedules: app.store.schedules, deliveries: app.store.deliveries } },
    { kind: "digest", args: [action, ...rest] },
    { origin: parseChannelOption(options.channel), isAdmin: true, operator: true },
  );
  if (options.json) io.out(`${JSON.stringify(reply, null, 2)}\n`);
  else io.out(renderTextReply(reply, { colour: io.isTty }));
  return reply.kind === "notice" && reply.tone === "error" ? 1 : 0;
}
