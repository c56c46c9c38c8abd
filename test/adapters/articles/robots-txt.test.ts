// robots.txt parsing and matching (RFC 9309): our own group over `*`, longest match, Allow on
// ties, wildcards and `$`, percent-escapes, and the lenient reading of broken files.
import { describe, expect, it } from "vitest";
import { ALLOW_ALL, isAllowed, parseRobotsTxt } from "../../../src/adapters/articles/robots-txt.js";
import { hostilePath, hostileRobots, ROBOTS_CASES } from "./robots-cases.js";

describe("robots.txt", () => {
  it("uses the briefbot group when there is one, else the * group", () => {
    const text = "User-agent: *\nDisallow: /\n\nUser-agent: BriefBot/1.0\nDisallow: /private\n";
    const ours = parseRobotsTxt(text);
    expect(isAllowed(ours, "/news/1")).toBe(true);
    expect(isAllowed(ours, "/private/x")).toBe(false);
    const star = parseRobotsTxt("User-agent: otherbot\nDisallow: /\n\nUser-agent: *\nDisallow: /tmp/\n");
    expect(isAllowed(star, "/news")).toBe(true);
    expect(isAllowed(star, "/tmp/a")).toBe(false);
  });

  it("an empty briefbot group allows everything even when * disallows", () => {
    const rules = parseRobotsTxt("User-agent: *\nDisallow: /\n\nUser-agent: briefbot\nDisallow:\n");
    expect(isAllowed(rules, "/anything")).toBe(true);
  });

  it("picks the longest match, Allow winning a tie, with * and $ patterns", () => {
    const rules = parseRobotsTxt(
      "User-agent: *\nDisallow: /news/\nAllow: /news/public\nDisallow: /*.pdf$\nAllow: /page\nDisallow: /page\n",
    );
    expect(isAllowed(rules, "/news/secret")).toBe(false);
    expect(isAllowed(rules, "/news/public/1")).toBe(true);
    expect(isAllowed(rules, "/files/a.pdf")).toBe(false);
    expect(isAllowed(rules, "/files/a.pdf?x=1")).toBe(true);
    expect(isAllowed(rules, "/page")).toBe(true);
    expect(isAllowed(rules, "/robots.txt")).toBe(true);
  });

  it("groups consecutive user-agent lines and ignores comments, junk and unknown fields", () => {
    const rules = parseRobotsTxt(
      "# hello\nUser-agent: a\nUser-agent: briefbot # us\nCrawl-delay: 5\nDisallow: /x # no\n\u0000garbage line\nSitemap: /s.xml\n",
    );
    expect(isAllowed(rules, "/x/1")).toBe(false);
    expect(isAllowed(rules, "/y")).toBe(true);
    expect(isAllowed(parseRobotsTxt("<html>not robots</html>"), "/")).toBe(true);
    expect(isAllowed(ALLOW_ALL, "/anything")).toBe(true);
  });

  it("compares percent-escapes case-insensitively and unescapes unreserved characters", () => {
    const rules = parseRobotsTxt("User-agent: *\nDisallow: /caf%c3%a9\nDisallow: /%7Euser\n");
    expect(isAllowed(rules, "/caf%C3%A9/menu")).toBe(false);
    expect(isAllowed(rules, "/~user/page")).toBe(false);
  });

  it.each(ROBOTS_CASES)("$name", ({ robots, path, allowed }) => {
    expect(isAllowed(parseRobotsTxt(robots), path)).toBe(allowed);
  });

  it("matches hostile wildcard rules without backtracking", () => {
    // The case (22 wildcards, 60 characters) took minutes with a RegExp; these sizes would
    // take longer than the universe has existed for any backtracking matcher, so finishing at all
    // (before the test timeout) shows the work is bounded by the path, not the ways to place stars.
    expect(isAllowed(parseRobotsTxt(hostileRobots(22)), hostilePath(60))).toBe(true);
    expect(isAllowed(parseRobotsTxt(hostileRobots(400)), hostilePath(5_000))).toBe(true);
    expect(isAllowed(parseRobotsTxt(hostileRobots(400)), `${hostilePath(5_000)}b`)).toBe(false);
    const anchored = `User-agent: *\nDisallow: /${"*a".repeat(400)}*b$\n`;
    expect(isAllowed(parseRobotsTxt(anchored), `${hostilePath(5_000)}ba`)).toBe(true);
  });
});
