// ScheduleStore on SQLite: digest schedules (one row each, weekdays as "1,2,3") and each
// workspace's default time zone. Removing a schedule removes its ledger through ON DELETE CASCADE.
import type { Database, Statement } from "better-sqlite3";
import type { ScheduleStore, WorkspaceRef } from "../../briefing/ports.js";
import type { NewSchedule, Schedule, SchedulePatch } from "../../briefing/schedule.js";
import { ScheduleRowSchema, schedulePatchAssignments, TimeZoneRowSchema } from "../schedule-row-schemas.js";

function parseSchedule(row: unknown): Schedule {
  return ScheduleRowSchema.parse(row);
}

export class SqliteScheduleStore implements ScheduleStore {
  readonly #db: Database;
  readonly #insert: Statement;
  readonly #get: Statement;
  readonly #listAll: Statement;
  readonly #listWorkspace: Statement;
  readonly #active: Statement;
  readonly #fail: Statement;
  readonly #remove: Statement;
  readonly #getZone: Statement;
  readonly #setZone: Statement;

  constructor(db: Database) {
    this.#db = db;
    this.#insert = db.prepare(
      `INSERT INTO digest_schedules (platform, workspace_id, channel_id, created_by, minute_of_day, days, time_zone,
         topic, max_stories, quiet, created_at, active_from)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    );
    this.#get = db.prepare("SELECT * FROM digest_schedules WHERE id = ?");
    this.#listAll = db.prepare("SELECT * FROM digest_schedules ORDER BY id");
    this.#listWorkspace = db.prepare(
      "SELECT * FROM digest_schedules WHERE platform = ? AND workspace_id = ? ORDER BY id",
    );
    this.#active = db.prepare("SELECT * FROM digest_schedules WHERE paused_at IS NULL ORDER BY id");
    this.#fail = db.prepare(
      "UPDATE digest_schedules SET consecutive_failures = consecutive_failures + 1 WHERE id = ? RETURNING consecutive_failures",
    );
    this.#remove = db.prepare("DELETE FROM digest_schedules WHERE id = ?");
    this.#getZone = db.prepare("SELECT time_zone FROM workspace_settings WHERE platform = ? AND workspace_id = ?");
    this.#setZone = db.prepare(
      `INSERT INTO workspace_settings (platform, workspace_id, time_zone, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (platform, workspace_id) DO UPDATE SET time_zone = excluded.time_zone, updated_at = excluded.updated_at`,
    );
  }

  async addSchedule(s: NewSchedule): Promise<Schedule> {
    const days = [...new Set(s.days)].sort((a, b) => a - b).join(",");
    const row = this.#db
      .transaction((): unknown =>
        this.#insert.get(
          s.target.platform,
          s.target.workspaceId,
          s.target.channelId,
          s.createdBy,
          s.minuteOfDay,
          days,
          s.timeZone,
          s.topic,
          s.maxStories,
          s.quiet ? 1 : 0,
          s.createdAt,
          s.activeFrom,
        ),
      )
      .immediate();
    return parseSchedule(row);
  }

  async getSchedule(id: number): Promise<Schedule | undefined> {
    const row = this.#get.get(id);
    return row === undefined ? undefined : parseSchedule(row);
  }

  async listSchedules(workspace?: WorkspaceRef): Promise<Schedule[]> {
    const rows = workspace ? this.#listWorkspace.all(workspace.platform, workspace.workspaceId) : this.#listAll.all();
    return rows.map(parseSchedule);
  }

  async activeSchedules(): Promise<Schedule[]> {
    return this.#active.all().map(parseSchedule);
  }

  async updateSchedule(id: number, patch: SchedulePatch): Promise<Schedule | undefined> {
    const { columns, values } = schedulePatchAssignments(patch);
    return this.#db
      .transaction(() => {
        if (columns.length > 0) {
          const sets = columns.map((c) => `${c} = ?`).join(", ");
          this.#db.prepare(`UPDATE digest_schedules SET ${sets} WHERE id = ?`).run(...values, id);
        }
        const row = this.#get.get(id);
        return row === undefined ? undefined : parseSchedule(row);
      })
      .immediate();
  }

  async recordScheduleFailure(id: number): Promise<number> {
    const row = this.#db
      .transaction(() => this.#fail.get(id) as { consecutive_failures: number } | undefined)
      .immediate();
    return row?.consecutive_failures ?? 0;
  }

  async removeSchedule(id: number): Promise<boolean> {
    return this.#db.transaction(() => this.#remove.run(id).changes > 0).immediate();
  }

  async getWorkspaceTimeZone(workspace: WorkspaceRef): Promise<string | null> {
    const row = this.#getZone.get(workspace.platform, workspace.workspaceId);
    return row === undefined ? null : TimeZoneRowSchema.parse(row).time_zone;
  }

  async setWorkspaceTimeZone(workspace: WorkspaceRef, timeZone: string, at: number): Promise<void> {
    this.#db.transaction(() => this.#setZone.run(workspace.platform, workspace.workspaceId, timeZone, at)).immediate();
  }
}
