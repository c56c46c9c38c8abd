// The SSRF-checked half of the HTTP client: an undici connector that resolves the host itself,
// refuses the connection if any resolved address is disallowed, then connects to exactly a checked
// address. Knows nothing of requests, redirects or bodies; guarded-fetcher.ts gives it to its Agent.
import { lookup } from "node:dns/promises";
import { buildConnector } from "undici";
import { HttpFetchError } from "./http-fetch-error.js";
import { dnsError, errorCode } from "./map-fetch-error.js";
import { type AddressPolicy, checkAddress, isIpLiteral, unbracket } from "./ssrf-guard.js";

/** Every address of `hostname` (as node:dns `lookup` with `all: true` gives them). */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export interface GuardedConnectorParams {
  policy: AddressPolicy;
  resolve: ResolveHost;
  timeoutMs: number;
  /** Extra trusted CA certificates (PEM); undefined trusts Node's default set only. */
  ca: string | undefined;
}

type Connector = buildConnector.connector;

/**
 * An undici connector that resolves the host itself, refuses the connection if ANY address is
 * disallowed (a name with one public and one private address is an SSRF trick), and then connects
 * to the checked IP. `host` is passed through unchanged so TLS SNI, certificate checks and the
 * Host header still use the name; only the TCP destination is pinned, which closes the DNS
 * rebinding gap between check and connect.
 */
export function createGuardedConnector(params: GuardedConnectorParams): Connector {
  const connectTo = buildConnector(
    params.ca === undefined ? { timeout: params.timeoutMs } : { timeout: params.timeoutMs, ca: params.ca },
  );
  return (options, callback) => {
    const host = unbracket(options.hostname);
    resolveAllowed(host, params).then(
      (addresses) => {
        const attempt = (index: number): void => {
          const address = addresses[index] as string;
          connectTo({ ...options, hostname: address }, (...result) => {
            const [error] = result;
            // Try the next address (e.g. localhost's ::1 when the server listens on 127.0.0.1 only).
            if (error !== null && index + 1 < addresses.length && isRetryableConnectError(error)) attempt(index + 1);
            else callback(...result);
          });
        };
        attempt(0);
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  };
}

/** The system resolver: node:dns `lookup`, every address. */
export async function resolveWithDns(hostname: string): Promise<string[]> {
  const results = await lookup(hostname, { all: true });
  return results.map((result) => result.address);
}

async function resolveAllowed(host: string, params: GuardedConnectorParams): Promise<string[]> {
  const addresses = isIpLiteral(host) ? [host] : await resolveWithin(host, params);
  if (addresses.length === 0) {
    throw new HttpFetchError("dns", `The host name ${host} has no addresses; check the URL for typos.`);
  }
  for (const address of addresses) checkAddress(address, params.policy, { host });
  return [...new Set(addresses)];
}

/** DNS counts toward the connect timeout: a lookup that hangs is a connection that never starts. */
async function resolveWithin(host: string, params: GuardedConnectorParams): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new HttpFetchError(
            "timeout",
            `Timed out connecting to ${host}: the DNS lookup took longer than the connect timeout of ${params.timeoutMs} ms.`,
            { temporary: true },
          ),
        ),
      params.timeoutMs,
    );
  });
  try {
    return await Promise.race([params.resolve(host), timeout]);
  } catch (error) {
    if (error instanceof HttpFetchError) throw error;
    throw dnsError(host, error);
  } finally {
    clearTimeout(timer);
  }
}

function isRetryableConnectError(error: Error): boolean {
  const code = errorCode(error);
  return code === "ECONNREFUSED" || code === "EHOSTUNREACH" || code === "ENETUNREACH" || code === "EADDRNOTAVAIL";
}
