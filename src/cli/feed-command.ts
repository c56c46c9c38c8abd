// `briefbot feed ...`: the feed use cases from the command line, printed for a terminal or as JSON.

import { countNoun } from "../briefing/commands/count-noun.js";
import { FEED_KINDS, FULLTEXT_MODES } from "../briefing/feed.js";
import { addFeed } from "../briefing/feeds/add-feed.js";
import { enableFeed } from "../briefing/feeds/enable-feed.js";
import { channelOfOrigin } from "../briefing/feeds/feed-url.js";
import { feedStatus, listChannelFeeds, listFeeds } from "../briefing/feeds/list-feeds.js";
import { removeFeed } from "../briefing/feeds/remove-feed.js";
import { fulltextLine, setFeedFulltext } from "../briefing/feeds/set-feed-fulltext.js";
import { feedKindLine, feedKindScope, setFeedKind } from "../briefing/feeds/set-feed-kind.js";
import { channelKey } from "../briefing/schedule.js";
import type { App } from "../compose-app.js";
import { type CliIo, UsageError } from "./cli-io.js";
import { parseChannelOption } from "./digest-command.js";
import { formatChannelFeedList, formatFeedList, formatFeedStatus } from "./format-feed-status.js";

const CLI_ORIGIN = { platform: "cli", workspaceId: null, channelId: null, userId: null } as const;

export interface FeedCommandOptions {
  name?: string | undefined;
  json?: boolean | undefined;
  /** `feed fulltext <id> <mode>` and `feed kind <id> <kind>`: the mode or kind. */
  mode?: string | undefined;
  /** `feed list --channel platform:workspace:channel`: that channel's feeds first (import, export: that channel's). */
  channel?: string | undefined;
  /** `feed export --opml [--out FILE]`. */
  opml?: boolean | undefined;
  out?: string | undefined;
}

function need(arg: string | undefined, what: string): string {
  if (!arg)
    throw new UsageError(
      `Missing ${what}. For example: briefbot feed ${what === "<url>" ? "add https://example.com/feed.xml" : "status 1"}`,
    );
  return arg;
}

export async function feedCommand(
  app: App,
  io: CliIo,
  sub: string | undefined,
  arg: string | undefined,
  options: FeedCommandOptions,
): Promise<number> {
  const print = (value: unknown, text: string) => io.out(options.json ? `${JSON.stringify(value, null, 2)}\n` : text);
  switch (sub) {
    case "add": {
      const { feed, stored } = await addFeed(app.deps, {
        url: need(arg, "<url>"),
        name: options.name,
        origin: CLI_ORIGIN,
      });
      print(
        { feed, stored },
        `Added feed #${feed.id} ${feed.title ?? feed.url} with ${countNoun(stored, "article")}.\n`,
      );
      return 0;
    }
    case "list": {
      if (options.channel !== undefined) {
        const channel = channelOfOrigin(parseChannelOption(options.channel));
        if (channel === null)
          throw new UsageError(
            `--channel "${options.channel}" needs a channel id: <platform>:<workspace id>:<channel id>.`,
          );
        const { here, elsewhere } = await listChannelFeeds(app.deps, channel);
        print({ channel, here, elsewhere }, formatChannelFeedList(channelKey(channel), here, elsewhere));
        return 0;
      }
      const statuses = await listFeeds(app.deps);
      print(statuses, formatFeedList(statuses));
      return 0;
    }
    case "status": {
      if (!arg) {
        const statuses = await listFeeds(app.deps);
        print(
          statuses,
          statuses.length ? statuses.map((s) => formatFeedStatus(s)).join("\n") : formatFeedList(statuses),
        );
        return 0;
      }
      const status = await feedStatus(app.deps, arg);
      const subscribers = await app.deps.feeds.feedSubscribers(status.feed.id);
      print({ ...status, subscribers }, formatFeedStatus(status, subscribers));
      return 0;
    }
    case "remove": {
      const feed = await removeFeed(app.deps, need(arg, "<id|url>"));
      print({ removed: feed.id }, `Removed feed #${feed.id} ${feed.title ?? feed.url} and its articles.\n`);
      return 0;
    }
    case "enable": {
      const feed = await enableFeed(app.deps, need(arg, "<id|url>"));
      print(feed, `Enabled feed #${feed.id} ${feed.title ?? feed.url}; it is fetched on the next poll.\n`);
      return 0;
    }
    case "fulltext": {
      const mode = FULLTEXT_MODES.find((m) => m === options.mode?.toLowerCase());
      if (!arg || !mode) throw new UsageError("Use: briefbot feed fulltext <id|url> auto|always|never");
      const feed = await setFeedFulltext(app.deps, arg, mode);
      print(feed, `Feed #${feed.id} ${feed.title ?? feed.url}: full text ${fulltextLine(feed.fulltext)}.\n`);
      return 0;
    }
    case "kind": {
      const kind = FEED_KINDS.find((k) => k === options.mode?.toLowerCase());
      if (!arg || !kind) throw new UsageError("Use: briefbot feed kind <id|url> opinion|news|auto");
      const { feed, relabel } = await setFeedKind(app.deps, arg, kind);
      print(
        { ...feed, relabel },
        `Feed #${feed.id} ${feed.title ?? feed.url}: ${feedKindLine(feed.kind)}.\n${feedKindScope(feed.kind, relabel)}\n`,
      );
      return 0;
    }
    // OPML is read and written with feedsmith, which the other feed commands (and their peak
    // memory) need not load: imported here only (test/cli/startup-footprint.test.ts).
    case "import":
      return (await import("./feed-opml-command.js")).importOpmlCommand(app, io, arg, options);
    case "export":
      if (arg !== undefined) throw new UsageError(`Unexpected argument "${arg}"; write the file with --out ${arg}.`);
      return (await import("./feed-opml-command.js")).exportOpmlCommand(app, io, options);
    default:
      throw new UsageError(
        `Unknown feed command "${sub ?? ""}". Use one of: add, list, status, remove, enable, fulltext, kind, import, export, inspect.`,
      );
  }
}
