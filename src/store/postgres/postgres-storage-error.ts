// Turns what PostgreSQL (or the connection to it) reports about the server itself (down, full,
// read-only, overloaded, timed out) into a StorageError naming the database and the fix; errors
// that mean a bug in our SQL (syntax, constraints) pass unchanged.
import { StorageError } from "../../briefing/errors.js";

/** Socket errors: the server is down, unreachable or dropped the connection. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"]);

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function unavailable(location: string, error: unknown): StorageError {
  const why = error instanceof Error ? error.message : String(error);
  return new StorageError(
    "unavailable",
    `PostgreSQL at ${location} is not answering (${why}). Start the server (or fix BRIEFBOT_DATABASE), then run the command again.`,
  );
}

function explain(error: unknown, location: string): StorageError | null {
  const code = errorCode(error);
  if (code === undefined) {
    // pg's own pool and connection errors carry no code: a dropped or unmade connection.
    const message = error instanceof Error ? error.message : "";
    return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      message,
    )
      ? unavailable(location, error)
      : null;
  }
  if (NETWORK_CODES.has(code) || code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03") {
    return unavailable(location, error);
  }
  if (code === "53100") {
    return new StorageError(
      "full",
      `PostgreSQL at ${location} has no disk space left. Free space on the server's disk, then run the command again.`,
    );
  }
  if (code === "53200" || code === "53300" || code === "53400") {
    return new StorageError(
      "unavailable",
      `PostgreSQL at ${location} is out of resources (${code}: ${(error as Error).message}). Lower BRIEFBOT_DB_POOL_SIZE or give the server more, then try again.`,
    );
  }
  if (code === "25006") {
    return new StorageError(
      "read_only",
      `PostgreSQL at ${location} is read-only (a standby, or default_transaction_read_only). Point BRIEFBOT_DATABASE at the primary server.`,
    );
  }
  if (code === "57014") {
    return new StorageError(
      "timeout",
      `PostgreSQL at ${location} cancelled a statement after BRIEFBOT_DB_STATEMENT_TIMEOUT_MS. The server is overloaded or a lock is held for long; try again, or raise the timeout.`,
    );
  }
  if (code === "55P03" || code === "40P01") {
    return new StorageError(
      "locked",
      `PostgreSQL at ${location} could not take a lock (${code}). Another process holds it; try again once it is done.`,
    );
  }
  if (code.startsWith("28") || code === "3D000" || code === "42501") {
    return new StorageError(
      "refused",
      `PostgreSQL at ${location} refused briefbot (${code}: ${(error as Error).message}). Check BRIEFBOT_DATABASE (user, password, database name) and that the role may connect and write.`,
    );
  }
  return null;
}

/** `error` as a StorageError when the server or the connection failed; otherwise `error` itself. */
export function postgresStorageError(error: unknown, location: string): unknown {
  const translated = explain(error, location);
  if (translated === null) return error;
  translated.cause = error;
  return translated;
}
