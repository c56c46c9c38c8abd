// `briefbot watch ...`: the /watch commands as the operator (a topic, list, preview, why, remove,
// pause, resume, limits; --channel names the chat channel a watch belongs to). Posting is serve's.
import { renderTextReply } from "../adapters/render/render-text-reply.js";
import { handleCommand } from "../briefing/commands/handle-command.js";
import type { App } from "../compose-app.js";
import { type CliIo, UsageError } from "./cli-io.js";
import { parseChannelOption } from "./digest-command.js";

export async function watchCommand(
  app: App,
  io: CliIo,
  args: string[],
  options: { channel?: string | undefined; json?: boolean | undefined },
): Promise<number> {
  if (args.length === 0)
    throw new UsageError(
      "Missing the watch: a topic, or list, preview <id>, why <link>, remove, pause, resume or limits.",
    );
  const reply = await handleCommand(
    app.deps,
    { kind: "watch", args },
    { origin: parseChannelOption(options.channel), isAdmin: true, operator: true },
  );
  if (options.json) io.out(`${JSON.stringify(reply, null, 2)}\n`);
  else io.out(renderTextReply(reply, { colour: io.isTty }));
  return reply.kind === "notice" && reply.tone === "error" ? 1 : 0;
}
