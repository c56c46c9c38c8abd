// The help every door shows: the commands a person can type, in the one shared grammar.

export const HELP_LINES = [
  "/brief [topic] [since:3d] [stories:5] — a card of the top stories on a topic (or the latest news), each quoted from its sources",
  '/feed add <url> [name:"Name"] — follow a feed in this channel (admins); a site\'s address works when it links its feed, and a feed another channel follows is shared',
  "/feed list — this channel's feeds first, then the rest of the install, with health and article count",
  "/feed status [id] — when a feed was last fetched, its last error and its next fetch",
  "/feed remove <id> [everywhere] — stop following a feed in this channel; it and its articles are deleted once no channel follows it, or at once with everywhere (admins)",
  "/feed enable <id> — re-enable a feed that was disabled after failures (admins)",
  "/feed fulltext <id> auto|always|never — fetch each article's page when the feed carries only a teaser (auto, the default), for every item, or never (admins)",
  "/feed kind <id> opinion|news|auto — mark every article of a feed as opinion (listed apart, never quoted as fact beside news) or as news, or let briefbot classify each one (auto, the default) (admins)",
  "/digest schedule <HH:MM> [topic] [tz:Area/City] [days:mon-fri|daily|sat,sun] [stories:N] [quiet:off] — post a digest in this channel at that local time: what is new since the previous one (admins)",
  "/digest list — this workspace's digests: time, zone, days, topic, next and last run",
  "/digest preview <id> — the card that digest would post now, shown only to you",
  "/digest remove <id> — stop a digest (admins)",
  "/digest resume <id> — restart a digest paused after failed posts (admins)",
  "/digest timezone [Area/City] — show or set this workspace's default zone for new digests (admins to set)",
  "help — this list",
];
