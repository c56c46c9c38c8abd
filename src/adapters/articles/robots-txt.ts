// robots.txt as RFC 9309 reads it: the group for our product token (else `*`), Allow/Disallow
// rules with `*` and `$`, the longest match wins and Allow wins a tie. Pure parsing and matching;
// fetching and caching live in robots-cache.ts.

/** Our product token: `User-agent: briefbot` groups apply to us. */
export const ROBOTS_AGENT = "briefbot";

interface Rule {
  allow: boolean;
  /** The pattern as written (its length decides precedence). */
  path: string;
  regex: RegExp;
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
      continue;
    }
    if (key !== "allow" && key !== "disallow") continue;
    inRules = true;
    // "Disallow:" with no path allows everything; it adds no rule.
    if (value === "") continue;
    const rule = { allow: key === "allow", path: value, regex: patternRegex(value) };
    if (agents.some((a) => matchesAgent(a, agent))) own.push(rule);
    if (agents.includes("*")) star.push(rule);
  }
  return { rules: own.length > 0 || hasGroup(text, agent) ? own : star };
}

/** Whether a group names our agent (a group with no rules still means "all allowed for us"). */
function hasGroup(text: string, agent: string): boolean {
  return new RegExp(`^\\s*user-agent\\s*:\\s*${agent}\\b`, "im").test(text);
}

function matchesAgent(name: string, agent: string): boolean {
  // RFC 9309: match the product token case-insensitively; "briefbot/0.1" names us too.
  return name === agent || name.split(/[/\s]/)[0] === agent;
}

function patternRegex(path: string): RegExp {
  const anchored = path.endsWith("$");
  const body = (anchored ? path.slice(0, -1) : path)
    .split("*")
    .map((part) => normalizeEscapes(part).replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}${anchored ? "$" : ""}`);
}

/** Percent-escapes compare upper-case, and unreserved characters unescaped, on both sides. */
function normalizeEscapes(path: string): string {
  return path.replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/** Whether `pathAndQuery` ("/news/1?x=2") may be fetched. */
export function isAllowed(robots: RobotsRules, pathAndQuery: string): boolean {
  const target = normalizeEscapes(pathAndQuery);
  // /robots.txt itself is always allowed (RFC 9309 2.2.2).
  if (target === "/robots.txt") return true;
  let best: Rule | undefined;
  for (const rule of robots.rules) {
    if (!rule.regex.test(target)) continue;
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
