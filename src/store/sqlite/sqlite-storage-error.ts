// Turns what SQLite reports about the file itself (full, read-only, locked, not a database) into a
// StorageError naming the file and the fix; SQLite errors that mean a bug (constraints, SQL) pass.
import { StorageError } from "../../briefing/errors.js";

/** What each primary result code means for an operator, and what to do about it. */
function explain(primary: string, location: string, busyTimeoutMs: number): StorageError | null {
  switch (primary) {
    case "SQLITE_FULL":
      return new StorageError(
        "full",
        `The database ${location} is full: the disk (or its quota) has no room left. Free some space, or move BRIEFBOT_DATABASE to a bigger disk, then run the command again.`,
      );
    case "SQLITE_READONLY":
    case "SQLITE_PERM":
      return new StorageError(
        "read_only",
        `The database ${location} is read-only for briefbot. Give the user running briefbot write access to the file and to its folder (SQLite writes ${location}-wal and -shm beside it), or point BRIEFBOT_DATABASE at a writable copy.`,
      );
    case "SQLITE_BUSY":
    case "SQLITE_LOCKED":
      return new StorageError(
        "locked",
        `The database ${location} stayed locked by another process for more than ${busyTimeoutMs / 1000} s. Let that process (a long ingest or import) finish, or stop it, then run the command again.`,
      );
    case "SQLITE_CANTOPEN":
      return new StorageError(
        "cannot_open",
        `Cannot open the database ${location}. BRIEFBOT_DATABASE must name a SQLite file (created if missing) in a folder briefbot can write, not a directory.`,
      );
    case "SQLITE_NOTADB":
      return new StorageError(
        "not_a_database",
        `${location} is not a SQLite database. Point BRIEFBOT_DATABASE at a briefbot database, or at a new file name to create one.`,
      );
    case "SQLITE_CORRUPT":
      return new StorageError(
        "corrupt",
        `The database ${location} is damaged. Restore it from a backup (or the last \`briefbot export\`, with \`briefbot import\` into a new file).`,
      );
    case "SQLITE_IOERR":
    case "SQLITE_NOLFS":
    case "SQLITE_PROTOCOL":
      return new StorageError(
        "io",
        `The disk holding the database ${location} reported an input/output error. Check the disk and the file system, then run the command again.`,
      );
    default:
      return null;
  }
}

/** `error` as a StorageError when SQLite blames the file or disk; otherwise `error` itself. */
export function sqliteStorageError(error: unknown, location: string, busyTimeoutMs: number): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !code.startsWith("SQLITE_")) return error;
  // Extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED) share their primary's meaning.
  const primary = code.split("_", 2).join("_");
  const translated = explain(primary, location, busyTimeoutMs);
  if (translated === null) return error;
  translated.cause = error;
  return translated;
}
