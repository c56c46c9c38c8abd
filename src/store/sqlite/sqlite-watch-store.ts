// WatchStore on SQLite: watches with their filters as JSON lists, and each channel's flood-control
// settings. Removing a watch removes its recorded outcomes (foreign key); the ledger stays.
import type { Database, Statement } from "better-sqlite3";
import type { WatchStore } from "../../briefing/alerts/alert-ports.js";
import type { AlertSettings, NewWatch, Watch, WatchPatch } from "../../briefing/alerts/watch.js";
import type { ChannelRef } from "../../briefing/schedule.js";
import { AlertSettingsRowSchema, WatchRowSchema } from "../alert-row-schemas.js";

export class SqliteWatchStore implements WatchStore {
  readonly #insert: Statement;
  readonly #get: Statement;
  readonly #all: Statement;
  readonly #inChannel: Statement;
  readonly #active: Statement;
  readonly #pause: Statement;
  readonly #remove: Statement;
  readonly #settings: Statement;
  readonly #setSettings: Statement;

  constructor(db: Database) {
    this.#insert = db.prepare(
      `INSERT INTO watches (platform, workspace_id, channel_id, created_by, topic, sources, min_sources,
         include_words, exclude_words, opinion, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    );
    this.#get = db.prepare("SELECT * FROM watches WHERE id = ?");
    this.#all = db.prepare("SELECT * FROM watches ORDER BY id");
    this.#inChannel = db.prepare(
      "SELECT * FROM watches WHERE platform = ? AND workspace_id = ? AND channel_id = ? ORDER BY id",
    );
    this.#active = db.prepare("SELECT * FROM watches WHERE paused_at IS NULL ORDER BY id");
    this.#pause = db.prepare("UPDATE watches SET paused_at = ?, updated_at = ? WHERE id = ? RETURNING *");
    this.#remove = db.prepare("DELETE FROM watches WHERE id = ?");
    this.#settings = db.prepare(
      "SELECT * FROM alert_channels WHERE platform = ? AND workspace_id = ? AND channel_id = ?",
    );
    this.#setSettings = db.prepare(
      `INSERT INTO alert_channels (platform, workspace_id, channel_id, per_minute, per_day, quiet_start, quiet_end,
         time_zone, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (platform, workspace_id, channel_id) DO UPDATE SET per_minute = excluded.per_minute,
         per_day = excluded.per_day, quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,
         time_zone = excluded.time_zone, updated_at = excluded.updated_at`,
    );
  }

  async addWatch(w: NewWatch): Promise<Watch> {
    const c = w.channel;
    return WatchRowSchema.parse(
      this.#insert.get(
        c.platform,
        c.workspaceId,
        c.channelId,
        w.createdBy,
        w.topic,
        JSON.stringify(w.sources),
        w.minSources,
        JSON.stringify(w.include),
        JSON.stringify(w.exclude),
        w.opinion ? 1 : 0,
        w.createdAt,
        w.createdAt,
      ),
    );
  }

  async getWatch(id: number): Promise<Watch | undefined> {
    const row = this.#get.get(id);
    return row === undefined ? undefined : WatchRowSchema.parse(row);
  }

  async listWatches(channel?: ChannelRef): Promise<Watch[]> {
    const rows = channel
      ? this.#inChannel.all(channel.platform, channel.workspaceId, channel.channelId)
      : this.#all.all();
    return rows.map((row) => WatchRowSchema.parse(row));
  }

  async activeWatches(): Promise<Watch[]> {
    return this.#active.all().map((row) => WatchRowSchema.parse(row));
  }

  async updateWatch(id: number, patch: WatchPatch, at: number): Promise<Watch | undefined> {
    if (patch.pausedAt === undefined) return this.getWatch(id);
    const row = this.#pause.get(patch.pausedAt, at, id);
    return row === undefined ? undefined : WatchRowSchema.parse(row);
  }

  async removeWatch(id: number): Promise<boolean> {
    return this.#remove.run(id).changes === 1;
  }

  async getAlertSettings(channel: ChannelRef): Promise<AlertSettings | null> {
    const row = this.#settings.get(channel.platform, channel.workspaceId, channel.channelId);
    return row === undefined ? null : AlertSettingsRowSchema.parse(row);
  }

  async setAlertSettings(s: AlertSettings): Promise<void> {
    const c = s.channel;
    this.#setSettings.run(
      c.platform,
      c.workspaceId,
      c.channelId,
      s.perMinute,
      s.perDay,
      s.quietStart,
      s.quietEnd,
      s.timeZone,
      s.updatedAt,
    );
  }
}
