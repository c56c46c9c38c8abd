// Autocomplete for the `feed` option of /feed status|remove|enable, pure: the feeds whose id,
// title or URL match what was typed so far, as Discord choices (value: the feed id).
import type { Feed } from "../../briefing/feed.js";
import { DISCORD_LIMITS } from "./discord-limits.js";
import { plainDiscordText } from "./escape-discord-text.js";

export interface FeedChoice {
  name: string;
  value: string;
}

export function feedChoices(feeds: readonly Feed[], typed: string): FeedChoice[] {
  const query = typed.trim().replace(/^#/, "").toLowerCase();
  const matches = feeds.filter(
    (feed) =>
      query === "" ||
      String(feed.id).startsWith(query) ||
      (feed.title ?? "").toLowerCase().includes(query) ||
      feed.url.toLowerCase().includes(query),
  );
  return matches.slice(0, DISCORD_LIMITS.autocompleteChoices).map((feed) => {
    const state = feed.disabledReason ? " (disabled)" : "";
    const label = plainDiscordText(`#${feed.id} ${feed.title ?? feed.url}`, DISCORD_LIMITS.choiceName - state.length);
    return { name: `${label}${state}` || `#${feed.id}`, value: String(feed.id) };
  });
}
