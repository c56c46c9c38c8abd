// robots.txt as RFC 9309 reads it: the group for our product token (else `*`), Allow/Disallow
// rules with `*` and `$`, the longest match wins and Allow wins a tie. Pure parsing and matching;
// fetching and caching live in robots-cache.ts.

/** Our product token: `User-agent: briefbot` groups apply to us. */
export const ROBOTS_AGENT = "briefbot";

interface Rule {
  allow: boolean;
  /** The pattern as written (its length decides precedence). */
  path: string;
  /** The pattern's literal pieces between `*`s, escapes normalised. */
  pieces: readonly string[];
  /** Ends in `$`: the last piece must end the path. */
  anchored: boolean;
}

export interface RobotsRules {
  rules: readonly Rule[];
}

/** Everything allowed: what a missing or broken robots.txt means. */
export const ALLOW_ALL: RobotsRules = { rules: [] };

/** Parses robots.txt and keeps the rules for `agent` (its own groups, else the `*` groups). */
export function parseRobotsTxt(text: string, agent = ROBOTS_AGENT): RobotsRules {
  const own: Rule[] = [];
  const star: Rule[] = [];
  let agents: string[] = [];
  let inRules = false;
  let namesUs = false;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*$/, "").trim();
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === "user-agent") {
      // Consecutive user-agent lines share one group; one after rules starts a new group.
      if (inRules) agents = [];
      inRules = false;
      agents.push(value.toLowerCase());
      if (matchesAgent(value.toLowerCase(), agent)) namesUs = true;
      continue;
    }
    if (key !== "allow" && key !== "disallow") continue;
    inRules = true;
    // "Disallow:" with no path allows everything; it adds no rule.
    if (value === "") continue;
    const rule = compileRule(key === "allow", value);
    if (agents.some((a) => matchesAgent(a, agent))) own.push(rule);
    if (agents.includes("*")) star.push(rule);
  }
  // A group naming us with no rules still means "all allowed for us".
  return { rules: own.length > 0 || namesUs ? own : star };
}

function matchesAgent(name: string, agent: string): boolean {
  // RFC 9309: match the product token case-insensitively; "briefbot/0.1" names us too.
  return name === agent || name.split(/[/\s]/)[0] === agent;
}

function compileRule(allow: boolean, path: string): Rule {
  const anchored = path.endsWith("$");
  const body = anchored ? path.slice(0, -1) : path;
  return { allow, path, pieces: body.split("*").map(normalizeEscapes), anchored };
}

/**
 * Whether the rule matches from the start of `target`. Never a RegExp: each piece is placed at its
 * leftmost place after the one before (which is optimal for `*`-only patterns), so the work is
 * at most one scan of the path per piece, whatever the wildcards; nothing backtracks.
 */
function matchesRule(rule: Rule, target: string): boolean {
  const { pieces, anchored } = rule;
  const first = pieces[0] ?? "";
  if (!target.startsWith(first)) return false;
  if (pieces.length === 1) return !anchored || target.length === first.length;
  let cursor = first.length;
  const last = pieces.length - 1;
  for (let i = 1; i < last; i++) {
    const piece = pieces[i] ?? "";
    const at = target.indexOf(piece, cursor);
    if (at < 0) return false;
    cursor = at + piece.length;
  }
  const tail = pieces[last] ?? "";
  if (!anchored) return target.indexOf(tail, cursor) >= 0;
  return target.length - tail.length >= cursor && target.endsWith(tail);
}

const NEEDS_NORMALIZING = /[%\u0080-\uffff]/;

/**
 * Percent-escapes compare upper-case, unreserved characters unescaped, and characters outside
 * ASCII percent-encoded as UTF-8 (what a URL's path already is), on both sides (RFC 9309 2.2.2).
 */
function normalizeEscapes(path: string): string {
  if (!NEEDS_NORMALIZING.test(path)) return path;
  const decoded = path.replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : `%${hex.toUpperCase()}`;
  });
  return decoded.replace(/[\u0080-\uffff]+/g, (run) =>
    Array.from(new TextEncoder().encode(run), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join(
      "",
    ),
  );
}

/** Whether `pathAndQuery` ("/news/1?x=2") may be fetched. */
export function isAllowed(robots: RobotsRules, pathAndQuery: string): boolean {
  const target = normalizeEscapes(pathAndQuery);
  // /robots.txt itself is always allowed (RFC 9309 2.2.2).
  if (target === "/robots.txt") return true;
  let best: Rule | undefined;
  for (const rule of robots.rules) {
    if (!matchesRule(rule, target)) continue;
    if (
      best === undefined ||
      rule.path.length > best.path.length ||
      (rule.path.length === best.path.length && rule.allow)
    ) {
      best = rule;
    }
  }
  return best === undefined || best.allow;
}
