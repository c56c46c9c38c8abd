// The benchmark servers' listening side: one HTTP server per loopback address (127.0.0.1, .2, ...),
// as real feeds and pages live on many sites and the fetcher keeps one request per host.
import { createServer, type RequestListener } from "node:http";

/** Starts `hosts` keep-alive servers sharing `handler`; resolves with their base URLs. */
export function listenOnLoopbackHosts(hosts: number, handler: RequestListener): Promise<string[]> {
  return Promise.all(
    Array.from({ length: hosts }, (_, i) => {
      const host = `127.0.0.${i + 1}`;
      const server = createServer({ keepAlive: true }, handler);
      return new Promise<string>((resolve) =>
        server.listen(0, host, () => {
          const address = server.address();
          resolve(address && typeof address === "object" ? `http://${host}:${address.port}` : "");
        }),
      );
    }),
  );
}
