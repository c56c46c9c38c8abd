// A tiny real HTTP server on loopback for tests: route handlers by path, counters of requests per
// path, connections and in-flight requests, so tests can assert what reached the wire (or that
// nothing did). Generic on purpose; feed, fetcher and platform tests share it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";

/** Handles one request; may be async. An exception becomes a 500. */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface RecordedRequest {
  method: string;
  /** Path with query string, as sent. */
  url: string;
  path: string;
  headers: IncomingMessage["headers"];
}

export interface LocalHttpServer {
  /** Origin without a trailing slash, e.g. "http://127.0.0.1:43567". */
  readonly origin: string;
  readonly host: string;
  readonly port: number;
  /** `origin + path`. */
  url(path: string): string;
  /** Adds or replaces the handler for an exact path (query string ignored). */
  route(path: string, handler: RouteHandler): void;
  /** Requests received for `path` (query string ignored), whether or not a route matched. */
  hits(path: string): number;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** TCP connections accepted so far (lets a test prove that nothing connected). */
  readonly connections: number;
  /** Requests currently being handled, and the most there ever were at once. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Forgets requests and counters (routes stay). */
  reset(): void;
  /** Stops listening and destroys open connections. */
  close(): Promise<void>;
}

export interface LocalHttpServerOptions {
  /** Loopback address to listen on; default 127.0.0.1. Never use a non-loopback address in tests. */
  host?: string;
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  tls?: { key: string; cert: string };
}

/**
 * Starts a server on `host` (127.0.0.1 by default), port 0 (the OS picks a free one). Unknown
 * paths answer 404. Close it in `afterAll`/`afterEach`.
 */
export async function startLocalHttpServer(
  routes: Record<string, RouteHandler> = {},
  options: LocalHttpServerOptions = {},
): Promise<LocalHttpServer> {
  const host = options.host ?? "127.0.0.1";
  const handlers = new Map<string, RouteHandler>(Object.entries(routes));
  const requests: RecordedRequest[] = [];
  const hitsByPath = new Map<string, number>();
  const sockets = new Set<Socket>();
  let connections = 0;
  let inFlight = 0;
  let maxInFlight = 0;

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const url = request.url ?? "/";
    const path = url.split("?")[0] ?? "/";
    requests.push({ method: request.method ?? "GET", url, path, headers: request.headers });
    hitsByPath.set(path, (hitsByPath.get(path) ?? 0) + 1);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    // "close" fires once the response is finished or the client went away, whichever comes first.
    response.once("close", () => {
      inFlight -= 1;
    });
    // Writes after the client hung up (a test that stops reading early) must not crash the server.
    response.on("error", () => {});
    const handler = handlers.get(path);
    if (handler === undefined) {
      response.writeHead(404, { "content-type": "text/plain" }).end(`no route for ${path}`);
      return;
    }
    Promise.resolve()
      .then(() => handler(request, response))
      .catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
        response.end(String(error));
      });
  };
  const server: Server = options.tls === undefined ? createServer(handle) : createHttpsServer(options.tls, handle);
  server.on("connection", (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on("error", () => {});
    socket.once("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const scheme = options.tls === undefined ? "http" : "https";
  const origin = `${scheme}://${host.includes(":") ? `[${host}]` : host}:${port}`;

  return {
    origin,
    host,
    port,
    url: (path) => `${origin}${path}`,
    route: (path, handler) => {
      handlers.set(path, handler);
    },
    hits: (path) => hitsByPath.get(path) ?? 0,
    get requests() {
      return requests;
    },
    get connections() {
      return connections;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    reset: () => {
      requests.length = 0;
      hitsByPath.clear();
      connections = 0;
      maxInFlight = inFlight;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
