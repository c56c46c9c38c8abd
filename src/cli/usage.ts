// The `briefbot help` text: every command with its arguments, as the README also lists them.
export const USAGE = `briefbot — news briefings for Slack and Discord

Usage:
  briefbot feed add <url> [--name NAME]     subscribe (fetches once to validate; stores the backlog)
  briefbot feed list [--json]               every feed with its health and article count
  briefbot feed status [id|url] [--json]    health, last error, next fetch, article count
  briefbot feed remove <id|url>             unsubscribe and delete its articles
  briefbot feed enable <id|url>             re-enable a disabled or failing feed
  briefbot feed inspect <url|file> [--json] fetch or read, parse and print a feed without storing it
  briefbot ingest                           fetch every due feed once (progress on a terminal)
  briefbot ingest --file <path> [--feed-url URL]
                                            store a local feed file (under URL when given)
  briefbot serve                            run the feed poller until interrupted
  briefbot demo                             ingest the sample feed into ./data/demo.db and show it
  briefbot help | --version

Configuration comes from the environment or ./.env (see .env.example).
Exit codes: 0 done, 1 wrong input (the message says what to do), 2 internal error.
`;
