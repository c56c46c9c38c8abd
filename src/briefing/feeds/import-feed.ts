// The entries of a subscription list (OPML) stored as feeds without fetching them: ten thousand
// entries must import in seconds, and the poller fetches each within its first refresh interval
// (spread, so an import never storms a host). That first fetch is stored as backlog (ingest-feed.ts).
// Each entry passes validateFeedUrl and the caller's address check; a broken one is reported and
// the others are stored, in batches of one transaction each.

import type { Feed, NewFeed, Origin } from "../feed.js";
import type { NewSubscription } from "../ports.js";
import { canonicalizeUrl } from "./canonical-url.js";
import type { FeedDeps } from "./feed-deps.js";
import { channelOfOrigin, validateFeedUrl } from "./feed-url.js";
import { firstFetchAt } from "./poll-policy.js";

/** Longer list titles are cut: a name is a label in a list, not a description. */
export const MAX_IMPORTED_TITLE_LENGTH = 200;
/** Entries per store transaction: short enough that the poller's writes are not held up long. */
export const IMPORT_BATCH = 500;

export interface ImportEntry {
  /** The feed's address as written in the list; null when the entry has none. */
  url: string | null;
  title: string | null;
  /** The site's own address (OPML `htmlUrl`); dropped unless it is http(s). */
  siteLink: string | null;
}

export type ImportOutcome =
  /** `added`: a new feed; `joined`: a stored feed this channel now follows too. */
  | { status: "added" | "joined"; feed: Feed }
  /** Stored and already followed here (or no channel was given). */
  | { status: "exists"; feed: Feed }
  /** The same feed as entry number `of` (0-based) of the list. */
  | { status: "duplicate"; url: string; of: number }
  | { status: "invalid"; reason: string };

export interface ImportOptions {
  /** Who imports, and for which channel (its channel subscribes); the CLI's own origin has none. */
  origin: Origin | null;
  /** The fetcher's address policy for a URL (the SSRF guard); throws an Error saying why not. */
  checkUrl?: (url: string) => void;
  /** Called after each batch with how many entries are done. */
  onProgress?: (done: number, total: number) => void;
}

/** One outcome per entry, in the list's order. */
export async function importFeeds(
  deps: Pick<FeedDeps, "feeds" | "clock" | "random" | "policy">,
  entries: readonly ImportEntry[],
  options: ImportOptions,
): Promise<ImportOutcome[]> {
  const channel = channelOfOrigin(options.origin);
  const now = deps.clock.now();
  const subscription: NewSubscription | null =
    channel === null ? null : { channel, addedBy: options.origin?.userId ?? null, at: now };
  const refreshMinutes = deps.policy.refreshMinutes;
  const outcomes: ImportOutcome[] = [];
  const seen = new Map<string, number>();
  for (let start = 0; start < entries.length; start += IMPORT_BATCH) {
    const batch: NewFeed[] = [];
    const slots: number[] = [];
    for (let index = start; index < Math.min(entries.length, start + IMPORT_BATCH); index += 1) {
      const entry = entries[index] as ImportEntry;
      const checked = checkEntry(entry, options.checkUrl);
      if (typeof checked !== "string") {
        outcomes[index] = checked;
        continue;
      }
      const first = seen.get(checked);
      if (first !== undefined) {
        outcomes[index] = { status: "duplicate", url: checked, of: first };
        continue;
      }
      seen.set(checked, index);
      slots.push(index);
      batch.push({
        url: checked,
        title: cleanTitle(entry.title),
        siteLink: entry.siteLink === null ? null : canonicalizeUrl(entry.siteLink),
        origin: options.origin,
        refreshMinutes,
        createdAt: now,
        nextFetchAt: firstFetchAt(now, refreshMinutes, deps.random),
      });
    }
    const stored = await deps.feeds.importFeeds(batch, subscription);
    stored.forEach((result, i) => {
      outcomes[slots[i] as number] = result;
    });
    options.onProgress?.(Math.min(entries.length, start + IMPORT_BATCH), entries.length);
  }
  return outcomes;
}

/** The canonical URL, or the outcome that says why the entry cannot be stored. */
function checkEntry(entry: ImportEntry, checkUrl: ImportOptions["checkUrl"]): string | ImportOutcome {
  if (entry.url === null) {
    return {
      status: "invalid",
      reason: 'no xmlUrl: not a feed address (a feed\'s entry carries xmlUrl="https://...")',
    };
  }
  try {
    const url = validateFeedUrl(entry.url);
    checkUrl?.(url);
    return url;
  } catch (error) {
    return { status: "invalid", reason: error instanceof Error ? error.message : String(error) };
  }
}

function cleanTitle(title: string | null): string | null {
  // Whitespace runs become one space and other control characters go: a title is one line of text.
  const spaced = title?.replace(/\s+/g, " ") ?? "";
  const trimmed = [...spaced]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join("")
    .trim();
  if (trimmed === "") return null;
  return trimmed.length > MAX_IMPORTED_TITLE_LENGTH ? `${trimmed.slice(0, MAX_IMPORTED_TITLE_LENGTH - 1)}…` : trimmed;
}
