// Correctness cases for robots.txt matching, from RFC 9309 and Google's robots.txt documentation
// (written out here, not copied): groups, longest match, Allow on ties, `*` and `$`, percent-encoding.
// Shared by the unit test (ours must pass them all) and test/bench/robots-bench.ts (scores both parsers).

export interface RobotsCase {
  name: string;
  robots: string;
  /** Path and query, as a URL's pathname + search gives them (already percent-encoded). */
  path: string;
  allowed: boolean;
}

const star = (lines: string) => `User-agent: *\n${lines}\n`;

export const ROBOTS_CASES: RobotsCase[] = [
  { name: "no rules", robots: "", path: "/a", allowed: true },
  { name: "prefix disallow", robots: star("Disallow: /fish"), path: "/fish.html", allowed: false },
  { name: "prefix is case-sensitive", robots: star("Disallow: /fish"), path: "/Fish.asp", allowed: true },
  { name: "empty disallow allows", robots: star("Disallow:"), path: "/x", allowed: true },
  {
    name: "longest match wins (allow longer)",
    robots: star("Disallow: /p\nAllow: /page"),
    path: "/page",
    allowed: true,
  },
  {
    name: "longest match wins (disallow longer)",
    robots: star("Allow: /page\nDisallow: /*.html"),
    path: "/page.html",
    allowed: false,
  },
  { name: "allow wins a tie", robots: star("Allow: /page\nDisallow: /page"), path: "/page", allowed: true },
  {
    name: "allow wins a tie, order reversed",
    robots: star("Disallow: /page\nAllow: /page"),
    path: "/page",
    allowed: true,
  },
  {
    name: "longer allow over wildcard",
    robots: star("Allow: /x/page.\nDisallow: /*.html"),
    path: "/x/page.html",
    allowed: true,
  },
  { name: "wildcard disallow", robots: star("Disallow: /*.php"), path: "/folder/any.php?x=1", allowed: false },
  {
    name: "wildcard in the middle",
    robots: star("Disallow: /fish*.php"),
    path: "/fishheads/catfish.php?p",
    allowed: false,
  },
  { name: "wildcard needs its tail", robots: star("Disallow: /fish*.php"), path: "/Fish.PHP", allowed: true },
  { name: "trailing wildcard is a prefix", robots: star("Disallow: /fish*"), path: "/fishheads", allowed: false },
  { name: "end anchor matches", robots: star("Disallow: /*.php$"), path: "/filename.php", allowed: false },
  { name: "end anchor refuses a query", robots: star("Disallow: /*.php$"), path: "/filename.php?p=1", allowed: true },
  {
    name: "end anchor refuses a longer path",
    robots: star("Disallow: /*.php$"),
    path: "/filename.php5",
    allowed: true,
  },
  { name: "root only with $", robots: star("Allow: /$\nDisallow: /"), path: "/", allowed: true },
  { name: "root only with $, elsewhere", robots: star("Allow: /$\nDisallow: /"), path: "/page", allowed: false },
  { name: "anchor without wildcard", robots: star("Disallow: /exact$"), path: "/exact/more", allowed: true },
  { name: "many wildcards", robots: star("Disallow: /*a*b*c"), path: "/xaxbxc", allowed: false },
  { name: "many wildcards, order matters", robots: star("Disallow: /*a*b*c"), path: "/xcxbxa", allowed: true },
  { name: "dollar in the middle is literal", robots: star("Disallow: /a$b"), path: "/a$b/c", allowed: false },
  { name: "robots.txt always allowed", robots: star("Disallow: /"), path: "/robots.txt", allowed: true },
  {
    name: "our group over *",
    robots: "User-agent: *\nDisallow: /\n\nUser-agent: briefbot\nDisallow: /private\n",
    path: "/news",
    allowed: true,
  },
  {
    name: "our group names the agent with a version",
    robots: "User-agent: *\nAllow: /\n\nUser-agent: BriefBot/1.0\nDisallow: /private\n",
    path: "/private/a",
    allowed: false,
  },
  {
    name: "our empty group allows all",
    robots: "User-agent: *\nDisallow: /\n\nUser-agent: briefbot\nDisallow:\n",
    path: "/x",
    allowed: true,
  },
  {
    name: "consecutive user-agent lines share a group",
    robots: "User-agent: other\nUser-agent: briefbot\nDisallow: /x\n",
    path: "/x/1",
    allowed: false,
  },
  {
    name: "two groups for us are merged",
    robots:
      "User-agent: briefbot\nDisallow: /a\n\nUser-agent: other\nDisallow: /\n\nUser-agent: briefbot\nDisallow: /b\n",
    path: "/b/1",
    allowed: false,
  },
  {
    name: "another agent's group does not apply",
    robots: "User-agent: otherbot\nDisallow: /\n\nUser-agent: *\nDisallow: /tmp/\n",
    path: "/news",
    allowed: true,
  },
  {
    name: "rules before any user-agent are ignored",
    robots: "Disallow: /\nUser-agent: *\nAllow: /\n",
    path: "/x",
    allowed: true,
  },
  {
    name: "percent-escapes compare case-insensitively",
    robots: star("Disallow: /caf%c3%a9"),
    path: "/caf%C3%A9/menu",
    allowed: false,
  },
  {
    name: "non-ASCII rule matches the encoded path",
    robots: star("Disallow: /foo/bar/ツ"),
    path: "/foo/bar/%E3%83%84",
    allowed: false,
  },
  {
    name: "encoded rule matches the encoded path",
    robots: star("Disallow: /foo/bar/%E3%83%84"),
    path: "/foo/bar/%E3%83%84",
    allowed: false,
  },
  {
    name: "escaped unreserved characters match (RFC 9309 2.2.2)",
    robots: star("Disallow: /foo/bar/%62%61%7A"),
    path: "/foo/bar/baz",
    allowed: false,
  },
  { name: "escaped tilde in the rule", robots: star("Disallow: /%7Euser"), path: "/~user/page", allowed: false },
  { name: "escaped tilde in the path", robots: star("Disallow: /~user"), path: "/%7Euser/page", allowed: false },
  {
    name: "comments and junk lines",
    robots: "# hi\nUser-agent: briefbot # us\nCrawl-delay: 5\nDisallow: /x # no\n\u0000junk\nSitemap: /s.xml\n",
    path: "/x/1",
    allowed: false,
  },
  { name: "directive keys are case-insensitive", robots: "USER-AGENT: *\nDISALLOW: /x\n", path: "/x", allowed: false },
  { name: "CR line endings", robots: "User-agent: *\rDisallow: /x\r", path: "/x", allowed: false },
];

/** `Disallow: /*a*a*a...*b` with `wildcards` stars: what froze the process with a RegExp matcher. */
export function hostileRobots(wildcards: number): string {
  return star(`Disallow: /${"*a".repeat(wildcards - 1)}*b`);
}

/** A path of `length` "a"s with no "b": a backtracking matcher tries every way to place the stars. */
export function hostilePath(length: number): string {
  return `/${"a".repeat(length - 1)}`;
}
