// The checks every feed address passes before it is stored, whichever door it came through
// (`/feed add`, the CLI, an OPML import): http(s) only, a sane length, canonical form.
import { UserError } from "../errors.js";
import type { Origin } from "../feed.js";
import type { ChannelRef } from "../schedule.js";
import { canonicalizeUrl } from "./canonical-url.js";

/**
 * Longer addresses are refused: 2,048 characters is what browsers, CDNs and Slack's link
 * unfurling keep working with; a feed address beyond it is a paste gone wrong.
 */
export const MAX_FEED_URL_LENGTH = 2_048;

/** The canonical address of a feed, or a UserError naming what is wrong with it. */
export function validateFeedUrl(raw: string, allowFileUrl = false): string {
  const trimmed = raw.trim().replace(/^<(.*)>$/, "$1"); // Slack wraps links as <url>
  if (trimmed.length > MAX_FEED_URL_LENGTH) {
    throw new UserError(
      "feed_url_too_long",
      `That address is ${trimmed.length} characters long; a feed address may have at most ${MAX_FEED_URL_LENGTH}. Check that only the feed's address was pasted.`,
    );
  }
  if (allowFileUrl && trimmed.startsWith("file:")) return trimmed;
  const url = canonicalizeUrl(trimmed);
  if (!url) {
    const shown = trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed;
    throw new UserError(
      "invalid_feed_url",
      `"${shown}" is not an http(s) URL. Give the feed's full address, for example https://example.com/feed.xml.`,
    );
  }
  return url;
}

/** The channel a command came from, when it came from one (the CLI and a bare console have none). */
export function channelOfOrigin(origin: Origin | null): ChannelRef | null {
  if (origin === null || origin.platform === "cli") return null;
  if (!origin.workspaceId || !origin.channelId) return null;
  return { platform: origin.platform, workspaceId: origin.workspaceId, channelId: origin.channelId };
}
