// WatchStore on PostgreSQL: as SQLite's (sqlite-watch-store.ts), with native arrays for the filters.
import type pg from "pg";
import type { WatchStore } from "../../briefing/alerts/alert-ports.js";
import type { AlertSettings, NewWatch, Watch, WatchPatch } from "../../briefing/alerts/watch.js";
import type { ChannelRef } from "../../briefing/schedule.js";
import { AlertSettingsRowSchema, WatchRowSchema } from "../alert-row-schemas.js";

export class PostgresWatchStore implements WatchStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async addWatch(w: NewWatch): Promise<Watch> {
    const c = w.channel;
    const { rows } = await this.#pool.query(
      `INSERT INTO watches (platform, workspace_id, channel_id, created_by, topic, sources, min_sources,
         include_words, exclude_words, opinion, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING *`,
      [
        c.platform,
        c.workspaceId,
        c.channelId,
        w.createdBy,
        w.topic,
        w.sources,
        w.minSources,
        w.include,
        w.exclude,
        w.opinion,
        w.createdAt,
      ],
    );
    return WatchRowSchema.parse(rows[0]);
  }

  async getWatch(id: number): Promise<Watch | undefined> {
    const { rows } = await this.#pool.query("SELECT * FROM watches WHERE id = $1", [id]);
    return rows[0] === undefined ? undefined : WatchRowSchema.parse(rows[0]);
  }

  async listWatches(channel?: ChannelRef): Promise<Watch[]> {
    const { rows } = channel
      ? await this.#pool.query(
          "SELECT * FROM watches WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3 ORDER BY id",
          [channel.platform, channel.workspaceId, channel.channelId],
        )
      : await this.#pool.query("SELECT * FROM watches ORDER BY id");
    return rows.map((row) => WatchRowSchema.parse(row));
  }

  async activeWatches(): Promise<Watch[]> {
    const { rows } = await this.#pool.query("SELECT * FROM watches WHERE paused_at IS NULL ORDER BY id");
    return rows.map((row) => WatchRowSchema.parse(row));
  }

  async updateWatch(id: number, patch: WatchPatch, at: number): Promise<Watch | undefined> {
    if (patch.pausedAt === undefined) return this.getWatch(id);
    const { rows } = await this.#pool.query(
      "UPDATE watches SET paused_at = $1, updated_at = $2 WHERE id = $3 RETURNING *",
      [patch.pausedAt, at, id],
    );
    return rows[0] === undefined ? undefined : WatchRowSchema.parse(rows[0]);
  }

  async removeWatch(id: number): Promise<boolean> {
    return (await this.#pool.query("DELETE FROM watches WHERE id = $1", [id])).rowCount === 1;
  }

  async getAlertSettings(channel: ChannelRef): Promise<AlertSettings | null> {
    const { rows } = await this.#pool.query(
      "SELECT * FROM alert_channels WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3",
      [channel.platform, channel.workspaceId, channel.channelId],
    );
    return rows[0] === undefined ? null : AlertSettingsRowSchema.parse(rows[0]);
  }

  async setAlertSettings(s: AlertSettings): Promise<void> {
    const c = s.channel;
    await this.#pool.query(
      `INSERT INTO alert_channels (platform, workspace_id, channel_id, per_minute, per_day, quiet_start, quiet_end,
         time_zone, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (platform, workspace_id, channel_id) DO UPDATE SET per_minute = excluded.per_minute,
         per_day = excluded.per_day, quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,
         time_zone = excluded.time_zone, updated_at = excluded.updated_at`,
      [
        c.platform,
        c.workspaceId,
        c.channelId,
        s.perMinute,
        s.perDay,
        s.quietStart,
        s.quietEnd,
        s.timeZone,
        s.updatedAt,
      ],
    );
  }
}
