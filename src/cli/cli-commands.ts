// Every `briefbot` command with its arguments, options and one line on what it does: the source of
// `briefbot help`, of each command's `--help`, and of the options a command accepts.

export type CliOption =
  | "name"
  | "json"
  | "file"
  | "feed-url"
  | "since"
  | "stories"
  | "as-of"
  | "format"
  | "sentences"
  | "channel"
  | "guild"
  | "opml"
  | "out";

export interface CliCommand {
  /** The command's words: ["feed", "add"]. */
  words: readonly string[];
  /** What follows the words in the usage line. */
  args: string;
  summary: string;
  options: readonly CliOption[];
}

const CHANNEL = "--channel slack:T1:C1";

export const CLI_COMMANDS: readonly CliCommand[] = [
  {
    words: ["feed", "add"],
    args: "<url> [--name NAME]",
    summary: "subscribe (fetches once to validate; stores the backlog)",
    options: ["name", "json"],
  },
  {
    words: ["feed", "list"],
    args: `[${CHANNEL}] [--json]`,
    summary: "every feed with its health and article count (that channel's feeds first)",
    options: ["channel", "json"],
  },
  {
    words: ["feed", "status"],
    args: "[id|url] [--json]",
    summary: "health, last error, next fetch, article count",
    options: ["json"],
  },
  {
    words: ["feed", "remove"],
    args: "<id|url>",
    summary: "unsubscribe every channel and delete its articles",
    options: ["json"],
  },
  { words: ["feed", "enable"], args: "<id|url>", summary: "re-enable a disabled or failing feed", options: ["json"] },
  {
    words: ["feed", "fulltext"],
    args: "<id|url> auto|always|never",
    summary: "fetch article pages for teaser items (auto), always, or never",
    options: ["json"],
  },
  {
    words: ["feed", "kind"],
    args: "<id|url> opinion|news|auto",
    summary: "list every article of the feed as opinion or as news, or classify each (auto)",
    options: ["json"],
  },
  {
    words: ["feed", "import"],
    args: `<file.opml> [${CHANNEL}] [--json]`,
    summary: "subscribe to every feed of an OPML list (for that channel); broken entries are reported",
    options: ["channel", "json"],
  },
  {
    words: ["feed", "export"],
    args: `--opml [--out FILE] [${CHANNEL}]`,
    summary: "the feeds (of that channel) as an OPML list, to stdout or FILE",
    options: ["opml", "out", "channel"],
  },
  {
    words: ["feed", "inspect"],
    args: "<url|file> [--json]",
    summary: "fetch or read, parse and print a feed without storing it",
    options: ["json"],
  },
  {
    words: ["article", "inspect"],
    args: "<url|file> [--json]",
    summary: "fetch or read an article page and print what extraction yields",
    options: ["json"],
  },
  {
    words: ["ingest"],
    args: "[--file <path> [--feed-url URL]]",
    summary: "fetch every due feed once (progress on a terminal), or store a local feed file (under URL when given)",
    options: ["file", "feed-url"],
  },
  {
    words: ["brief"],
    args: "<topic> [--since 7d] [--stories N] [--as-of ISO] [--format text|markdown|json]",
    summary: "the /brief card for a topic",
    options: ["since", "stories", "as-of", "format"],
  },
  {
    words: ["digest", "schedule"],
    args: `<HH:MM> [topic] [tz:Area/City] [days:mon-fri] [stories:N] ${CHANNEL}`,
    summary: "post a digest in that channel at that local time",
    options: ["channel", "json", "as-of"],
  },
  {
    words: ["digest", "list"],
    args: `[${CHANNEL}]`,
    summary: "the workspace's digests",
    options: ["channel", "json", "as-of"],
  },
  {
    words: ["digest", "remove"],
    args: `<id> [${CHANNEL}]`,
    summary: "stop a digest",
    options: ["channel", "json", "as-of"],
  },
  {
    words: ["digest", "preview"],
    args: `<id> [${CHANNEL}]`,
    summary: "the card that digest would post now",
    options: ["channel", "json", "as-of"],
  },
  {
    words: ["digest", "resume"],
    args: `<id> [${CHANNEL}]`,
    summary: "restart a digest paused after failed posts",
    options: ["channel", "json", "as-of"],
  },
  {
    words: ["digest", "timezone"],
    args: `[Area/City] [${CHANNEL}]`,
    summary: "show or set the workspace's zone for new digests",
    options: ["channel", "json", "as-of"],
  },
  {
    words: ["digest", "run-due"],
    args: "[--as-of ISO] [--json]",
    summary: "one scheduler pass by hand, posting to BRIEFBOT_DIGEST_OUTBOX",
    options: ["as-of", "json"],
  },
  {
    words: ["watch"],
    args: `<topic> [min-sources:N] [exclude:word] | list | preview <id> | why <link> | remove|pause|resume <id> | limits ... [${CHANNEL}]`,
    summary: "the /watch story-alert commands for a channel (serve posts the alerts)",
    options: ["channel", "json"],
  },
  {
    words: ["console"],
    args: `[${CHANNEL}]`,
    summary: "type chat commands (/brief mexico, /feed list, help) at a prompt",
    options: ["channel"],
  },
  {
    words: ["summarize"],
    args: "[--sentences N]",
    summary: "JSON lines {id, text} or {id, documents} in, summaries out",
    options: ["sentences"],
  },
  {
    words: ["cluster"],
    args: "",
    summary: "JSON lines {id, title, text?, publishedAt?} in, {id, story} out",
    options: [],
  },
  { words: ["serve"], args: "", summary: "poll feeds and answer on every configured chat platform", options: [] },
  {
    words: ["migrate"],
    args: "",
    summary: "bring the database (SQLite file or PostgreSQL) to the latest schema",
    options: [],
  },
  {
    words: ["export"],
    args: "[--file F]",
    summary: "the whole database as JSON lines (to move SQLite to PostgreSQL)",
    options: ["file"],
  },
  {
    words: ["import"],
    args: "[--file F]",
    summary: "read an export into an empty database, ids and digest history kept",
    options: ["file"],
  },
  {
    words: ["discord", "register"],
    args: "[--guild ID]",
    summary: "register the Discord slash commands; prints the invite link",
    options: ["guild"],
  },
  {
    words: ["demo"],
    args: "",
    summary: "ingest the sample feeds into ./data/demo.db and show /brief mexico",
    options: [],
  },
];

/** The commands a word list names: one command ("feed add"), or a group ("feed" lists every feed command). */
export function findCliCommands(words: readonly (string | undefined)[]): CliCommand[] {
  const [first, second] = words;
  if (first === undefined) return [];
  const exact = CLI_COMMANDS.find((c) => c.words[0] === first && (c.words.length === 1 || c.words[1] === second));
  if (exact) return [exact];
  return CLI_COMMANDS.filter((c) => c.words[0] === first);
}

function usageLine(command: CliCommand): string {
  const head = `  briefbot ${[...command.words, command.args].filter(Boolean).join(" ")}`;
  // Long usage lines put their summary on the next line, aligned with the others.
  return head.length < 44 ? `${head.padEnd(44)}${command.summary}` : `${head}\n${" ".repeat(44)}${command.summary}`;
}

export function formatCliCommands(commands: readonly CliCommand[]): string {
  return `${commands.map(usageLine).join("\n")}\n`;
}
