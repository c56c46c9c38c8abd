// ScheduleStore on PostgreSQL: digest schedules (weekdays as a smallint[]) and each workspace's
// default time zone. Removing a schedule removes its ledger through ON DELETE CASCADE.
import type pg from "pg";
import type { ScheduleStore, WorkspaceRef } from "../../briefing/ports.js";
import type { NewSchedule, Schedule, SchedulePatch } from "../../briefing/schedule.js";
import { schedulePatchAssignments } from "../schedule-row-schemas.js";
import { PgScheduleRowSchema } from "./postgres-row-schemas.js";

function parseSchedule(row: unknown): Schedule {
  return PgScheduleRowSchema.parse(row);
}

export class PostgresScheduleStore implements ScheduleStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async addSchedule(s: NewSchedule): Promise<Schedule> {
    const days = [...new Set(s.days)].sort((a, b) => a - b);
    const { rows } = await this.#pool.query(
      `INSERT INTO digest_schedules (platform, workspace_id, channel_id, created_by, minute_of_day, days, time_zone,
         topic, max_stories, quiet, created_at, active_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
      [
        s.target.platform,
        s.target.workspaceId,
        s.target.channelId,
        s.createdBy,
        s.minuteOfDay,
        days,
        s.timeZone,
        s.topic,
        s.maxStories,
        s.quiet,
        s.createdAt,
        s.activeFrom,
      ],
    );
    return parseSchedule(rows[0]);
  }

  async getSchedule(id: number): Promise<Schedule | undefined> {
    const { rows } = await this.#pool.query("SELECT * FROM digest_schedules WHERE id = $1", [id]);
    return rows[0] === undefined ? undefined : parseSchedule(rows[0]);
  }

  async listSchedules(workspace?: WorkspaceRef): Promise<Schedule[]> {
    const { rows } = workspace
      ? await this.#pool.query("SELECT * FROM digest_schedules WHERE platform = $1 AND workspace_id = $2 ORDER BY id", [
          workspace.platform,
          workspace.workspaceId,
        ])
      : await this.#pool.query("SELECT * FROM digest_schedules ORDER BY id");
    return rows.map(parseSchedule);
  }

  async activeSchedules(): Promise<Schedule[]> {
    const { rows } = await this.#pool.query("SELECT * FROM digest_schedules WHERE paused_at IS NULL ORDER BY id");
    return rows.map(parseSchedule);
  }

  async updateSchedule(id: number, patch: SchedulePatch): Promise<Schedule | undefined> {
    const { columns, values } = schedulePatchAssignments(patch);
    if (columns.length === 0) return this.getSchedule(id);
    const sets = columns.map((c, i) => `${c} = $${i + 1}`).join(", ");
    const { rows } = await this.#pool.query(
      `UPDATE digest_schedules SET ${sets} WHERE id = $${columns.length + 1} RETURNING *`,
      [...values, id],
    );
    return rows[0] === undefined ? undefined : parseSchedule(rows[0]);
  }

  async recordScheduleFailure(id: number): Promise<number> {
    const { rows } = await this.#pool.query<{ consecutive_failures: number }>(
      `UPDATE digest_schedules SET consecutive_failures = consecutive_failures + 1 WHERE id = $1
       RETURNING consecutive_failures`,
      [id],
    );
    return rows[0]?.consecutive_failures ?? 0;
  }

  async removeSchedule(id: number): Promise<boolean> {
    const result = await this.#pool.query("DELETE FROM digest_schedules WHERE id = $1", [id]);
    return (result.rowCount ?? 0) > 0;
  }

  async getWorkspaceTimeZone(workspace: WorkspaceRef): Promise<string | null> {
    const { rows } = await this.#pool.query<{ time_zone: string | null }>(
      "SELECT time_zone FROM workspace_settings WHERE platform = $1 AND workspace_id = $2",
      [workspace.platform, workspace.workspaceId],
    );
    return rows[0]?.time_zone ?? null;
  }

  async setWorkspaceTimeZone(workspace: WorkspaceRef, timeZone: string, at: number): Promise<void> {
    await this.#pool.query(
      `INSERT INTO workspace_settings (platform, workspace_id, time_zone, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (platform, workspace_id) DO UPDATE SET time_zone = excluded.time_zone, updated_at = excluded.updated_at`,
      [workspace.platform, workspace.workspaceId, timeZone, at],
    );
  }
}
