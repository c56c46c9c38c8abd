// A name for this process among the instances sharing a database: host, pid and a random suffix,
// so feed leases and logs say who holds what (pids repeat across hosts and containers).
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

export function instanceId(role: string): string {
  return `${role}@${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}
