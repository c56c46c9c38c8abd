// Who spent the CPU during a benchmark run, from /proc (Linux only; elsewhere null): the ingest
// processes (this process's exited children), the PostgreSQL server and the feed server.
import { readdirSync, readFileSync } from "node:fs";

/** CPU seconds so far (user + system), by who spent them. */
export interface CpuTimes {
  /** Children of this process that have exited and been reaped: the finished ingest processes. */
  ingest: number;
  /** Every postgres process alive now, plus the backends that exited (the postmaster's reaped children). */
  postgres: number;
  /** The feed server child, which stays up for the whole benchmark. */
  feeds: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface ProcStat {
  ppid: number;
  own: number;
  children: number;
}

function procStat(pid: number | "self"): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: fields start after the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const field = (n: number) => Number(fields[n - 3]);
    return { ppid: field(4), own: field(14) + field(15), children: field(16) + field(17) };
  } catch {
    return null; // the process ended between listing and reading
  }
}

function postgresTicks(): number {
  const stats = new Map<number, ProcStat>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let name: string;
    try {
      name = readFileSync(`/proc/${entry}/comm`, "utf8").trim();
    } catch {
      continue;
    }
    const stat = name === "postgres" ? procStat(Number(entry)) : null;
    if (stat !== null) stats.set(Number(entry), stat);
  }
  let ticks = 0;
  for (const stat of stats.values()) {
    ticks += stat.own;
    // The postmaster (the one whose parent is not postgres) has reaped every backend that exited.
    if (!stats.has(stat.ppid)) ticks += stat.children;
  }
  return ticks;
}

export function cpuTimes(feedServerPid: number | undefined): CpuTimes | null {
  const self = procStat("self");
  if (self === null) return null;
  const feeds = feedServerPid === undefined ? null : procStat(feedServerPid);
  return {
    ingest: self.children / TICKS_PER_SECOND,
    postgres: postgresTicks() / TICKS_PER_SECOND,
    feeds: (feeds?.own ?? 0) / TICKS_PER_SECOND,
  };
}

/** "ingest 41.2 s, PostgreSQL 70.3 s, feed server 3.1 s of CPU" between two snapshots. */
export function describeCpuSplit(before: CpuTimes | null, after: CpuTimes | null): string {
  if (before === null || after === null) return "CPU split: not available (needs Linux /proc)";
  const d = (k: keyof CpuTimes) => (after[k] - before[k]).toFixed(1);
  return `CPU time: ingest ${d("ingest")} s, PostgreSQL ${d("postgres")} s, feed server ${d("feeds")} s`;
}
