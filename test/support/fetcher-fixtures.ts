// Shared pieces of the HTTP client's tests: a feed body, a fetcher with short timeouts that is
// closed after each test, a guard-on fetcher that may reach only 127.0.0.1, and `failure` to
// catch the error a fetch ends with. The servers are test/support/local-http-server.ts.
import type { ServerResponse } from "node:http";
import { expect } from "vitest";
import { GuardedFetcher, type GuardedFetcherOptions } from "../../src/adapters/http/guarded-fetcher.js";
import { HttpFetchError } from "../../src/adapters/http/http-fetch-error.js";
import type { AddressPolicy } from "../../src/adapters/http/ssrf-guard.js";

export const FEED =
  '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Café “news”</title></channel></rss>';
export const XML = "application/rss+xml; charset=utf-8";
export const TEST_USER_AGENT = "briefbot-test/0.1 (+https://github.com/briefbot/briefbot)";

const fetchers: GuardedFetcher[] = [];

/** A fetcher with private addresses allowed and 2 s timeouts; closed by `closeFetchers`. */
export function fetcher(options: Partial<GuardedFetcherOptions> = {}): GuardedFetcher {
  const created = new GuardedFetcher({
    userAgent: TEST_USER_AGENT,
    allowPrivate: true,
    connectTimeoutMs: 2_000,
    headersTimeoutMs: 2_000,
    bodyTimeoutMs: 2_000,
    deadlineMs: 5_000,
    ...options,
  });
  fetchers.push(created);
  return created;
}

/** Allows the loopback test servers' 127.0.0.1 and nothing else private (127.0.0.2 stays refused). */
export const LOOPBACK_ONLY: AddressPolicy = (ip) => ip === "127.0.0.1";

/** A fetcher with the guard ON that may reach only the test server's 127.0.0.1. */
export function guardedFetcher(options: Partial<GuardedFetcherOptions> = {}): GuardedFetcher {
  return fetcher({ allowPrivate: false, allowAddress: LOOPBACK_ONLY, ...options });
}

/** Closes every fetcher made since the last call (run it in `afterEach`). */
export async function closeFetchers(): Promise<void> {
  await Promise.all(fetchers.splice(0).map((created) => created.close()));
}

/** The error `promise` rejects with, which must be the client's HttpFetchError. */
export async function failure(promise: Promise<unknown>): Promise<HttpFetchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(HttpFetchError);
    return error as HttpFetchError;
  }
  throw new Error("expected the fetch to fail");
}

/** Answers 200 with `body` as an RSS feed (headers may override the type or add an encoding). */
export function send(response: ServerResponse, body: string | Buffer, headers: Record<string, string> = {}): void {
  response.writeHead(200, { "content-type": XML, ...headers }).end(body);
}
