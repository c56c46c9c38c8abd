// The SSRF guard of the HTTP client (feeds, article pages, robots.txt): which URLs may be fetched at
// all, and which IP addresses a request may connect to. Pure (no network); the client calls it for
// every hop and for every address DNS returns, before a socket is opened.
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { HttpFetchError } from "./http-fetch-error.js";

/** Decides whether a request may connect to one IP address (already unwrapped, normalized). */
export type AddressPolicy = (address: string) => boolean;

export interface AddressClass {
  /** The address as checked: IPv4-mapped IPv6 is unwrapped to IPv4, IPv6 is in canonical form. */
  address: string;
  /** ipaddr.js range name ("unicast" for public addresses), or our own name for extra refusals. */
  range: string;
}

// The only IPv6 addresses allocated for global unicast are in 2000::/3 (RFC 4291 2.4); everything
// else (IPv4-compatible ::/96, unallocated space) is refused even when ipaddr.js calls it unicast.
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3");

/** Strips the brackets the URL parser keeps around IPv6 literals ("[::1]" → "::1"). */
export function unbracket(hostname: string): string {
  return hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
}

/** True when `hostname` (as in `URL.hostname`, brackets allowed) is an IP literal rather than a name. */
export function isIpLiteral(hostname: string): boolean {
  return isIP(unbracket(hostname)) !== 0;
}

/** Names the range of an IP address. Throws an HttpFetchError for something that is not an IP address. */
export function classifyAddress(address: string): AddressClass {
  const bare = unbracket(address);
  if (isIP(bare) === 0) {
    throw new HttpFetchError(
      "blocked_address",
      `"${address}" is not an IP address, so it cannot be checked; refusing it.`,
    );
  }
  // process() unwraps IPv4-mapped IPv6 (::ffff:127.0.0.1), which would otherwise dodge the v4 ranges.
  const parsed = ipaddr.process(bare);
  const range = parsed.range();
  if (parsed.kind() === "ipv6" && range === "unicast" && !parsed.match(GLOBAL_UNICAST_V6)) {
    return { address: parsed.toString(), range: "reserved" };
  }
  return { address: parsed.toString(), range };
}

/** True for an address on the public internet: ipaddr.js's `unicast` range and nothing else. */
export function isPublicAddress(address: string): boolean {
  return classifyAddress(address).range === "unicast";
}

const RANGE_LABELS: Record<string, string> = {
  loopback: "loopback (this machine)",
  private: "private-network",
  linkLocal: "link-local",
  uniqueLocal: "unique-local (private IPv6)",
  carrierGradeNat: "carrier-grade NAT",
  unspecified: "unspecified",
  broadcast: "broadcast",
  multicast: "multicast",
  reserved: "reserved",
};

/** A readable name for a range; 169.254.169.254 gets its own because it is the usual SSRF target. */
function describeRange(checked: AddressClass): string {
  if (checked.address === "169.254.169.254") return "cloud metadata (link-local)";
  return RANGE_LABELS[checked.range] ?? `non-public (${checked.range})`;
}

export interface CheckAddressContext {
  /** The host name as written in the URL, when it differs from the address (DNS result). */
  host?: string;
  url?: string;
}

/**
 * Throws HttpFetchError `blocked_address` unless `policy` allows the address. `policy` receives the
 * unwrapped, canonical address, so "::ffff:127.0.0.1" is judged as "127.0.0.1".
 */
export function checkAddress(address: string, policy: AddressPolicy, context: CheckAddressContext = {}): void {
  const checked = classifyAddress(address);
  if (policy(checked.address)) return;
  const via = context.host !== undefined && unbracket(context.host) !== unbracket(address) ? ` (${context.host})` : "";
  const what = context.url === undefined ? "" : ` for ${context.url}`;
  throw new HttpFetchError(
    "blocked_address",
    `Refused to connect to ${checked.address}${via}${what}: it is a ${describeRange(checked)} address, and briefbot only ` +
      "fetches from public internet addresses by default. If this is an intranet server you trust, set " +
      "BRIEFBOT_ALLOW_PRIVATE_FEEDS=true.",
  );
}

/** The default policy: public addresses only, unless private ones are explicitly allowed. */
export function addressPolicy(allowPrivate: boolean, extraAllowed?: AddressPolicy): AddressPolicy {
  if (allowPrivate) return () => true;
  return (address) => isPublicAddress(address) || (extraAllowed?.(address) ?? false);
}

/**
 * Parses a URL to fetch: http and https only, no embedded credentials. Throws HttpFetchError `invalid_url`.
 * The WHATWG parser normalizes IP spellings (0x7f000001, 2130706433, 0177.0.0.1, 127.1 all become
 * 127.0.0.1), so checking `hostname` afterwards sees the real address.
 */
export function parseHttpUrl(input: string, base?: URL): URL {
  let url: URL;
  try {
    url = base === undefined ? new URL(input) : new URL(input, base);
  } catch {
    throw new HttpFetchError(
      "invalid_url",
      `"${truncate(input)}" is not a valid URL; give the full address, e.g. https://example.com/feed.xml.`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new HttpFetchError(
      "invalid_url",
      `"${truncate(input)}" uses ${url.protocol.replace(/:$/, "")}:, but briefbot fetches over http or https only.`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw new HttpFetchError(
      "invalid_url",
      `"${url.host}" is given with a user name or password in the URL; briefbot does not send credentials in URLs.`,
    );
  }
  return url;
}

/**
 * Checks a URL's host before any network work when it is an IP literal (DNS is skipped for those,
 * so this is the only check they get besides the connect-time one). Host names pass here; their
 * addresses are checked after resolution.
 */
export function assertAllowedUrl(url: URL, policy: AddressPolicy): void {
  if (isIpLiteral(url.hostname)) checkAddress(unbracket(url.hostname), policy, { url: url.href });
}

function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
