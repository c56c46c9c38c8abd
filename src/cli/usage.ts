// The `briefbot help` text: every command with its arguments, as the README also lists them.
export const USAGE = `briefbot — news briefings for Slack and Discord

Usage:
  briefbot feed add <url> [--name NAME]     subscribe (fetches once to validate; stores the backlog)
  briefbot feed list [--json]               every feed with its health and article count
  briefbot feed status [id|url] [--json]    health, last error, next fetch, article count
  briefbot feed remove <id|url>             unsubscribe and delete its articles
  briefbot feed enable <id|url>             re-enable a disabled or failing feed
  briefbot feed fulltext <id|url> auto|always|never
                                            fetch article pages for teaser items (auto), always, or never
  briefbot feed inspect <url|file> [--json] fetch or read, parse and print a feed without storing it
  briefbot article inspect <url|file> [--json]
                                            fetch or read an article page and print what extraction yields
  briefbot ingest                           fetch every due feed once (progress on a terminal)
  briefbot ingest --file <path> [--feed-url URL]
                                            store a local feed file (under URL when given)
  briefbot brief <topic> [--since 7d] [--stories N] [--as-of ISO] [--format text|markdown|json]
                                            the /brief card for a topic
  briefbot digest schedule <HH:MM> [topic] [tz:Area/City] [days:mon-fri] [stories:N] --channel slack:T1:C1
  briefbot digest list | remove <id> | preview <id> | resume <id> | timezone <Area/City> [--channel ...]
                                            the /digest commands as the operator
  briefbot digest run-due [--as-of ISO] [--json]
                                            one scheduler pass by hand, posting to BRIEFBOT_DIGEST_OUTBOX
  briefbot console                          type chat commands (/brief mexico, /feed list, help) at a prompt
  briefbot summarize [--sentences N]        JSON lines {id, text} or {id, documents} in, summaries out
  briefbot cluster                          JSON lines {id, title, text?, publishedAt?} in, {id, story} out
  briefbot serve                            poll feeds and answer on every configured chat platform
  briefbot migrate                          bring the database (SQLite file or PostgreSQL) to the latest schema
  briefbot export [--file F]                the whole database as JSON lines (to move SQLite to PostgreSQL)
  briefbot import [--file F]                read an export into an empty database, ids and digest history kept
  briefbot discord register [--guild ID]    register the Discord slash commands; prints the invite link
  briefbot demo                             ingest the sample feeds into ./data/demo.db and show /brief mexico
  briefbot help | --version

Configuration comes from the environment or ./.env (see .env.example).
Exit codes: 0 done, 1 wrong input (the message says what to do), 2 internal error.
`;
