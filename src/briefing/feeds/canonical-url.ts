// Canonical article URLs for deduplication: the same article reached through a newsletter, a
// social share or an anchor link is one URL. Pure: uses only the WHATWG URL parser.

/** Query parameters that identify a campaign or a click, never the article. */
const TRACKING_PARAMS = new Set([
  "fbclid",
  "gclid",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid",
  "yclid",
  "mc_cid",
  "mc_eid",
  "igshid",
  "_hsenc",
  "_hsmi",
  "mkt_tok",
  "ref_src",
  "cmpid",
  "ocid",
  "smid",
  "sr_share",
]);

function isTracking(name: string): boolean {
  const key = name.toLowerCase();
  return key.startsWith("utm_") || key.startsWith("__twitter") || TRACKING_PARAMS.has(key);
}

/**
 * Returns the canonical form of an http(s) URL: lower-case host, default port dropped, fragment
 * dropped, tracking parameters removed (others keep their order). Null for anything else.
 */
export function canonicalizeUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  url.hash = "";
  url.username = "";
  url.password = "";
  const kept = [...url.searchParams.entries()].filter(([name]) => !isTracking(name));
  url.search = "";
  for (const [name, value] of kept) url.searchParams.append(name, value);
  return url.toString();
}
