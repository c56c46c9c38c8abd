// EventStore on SQLite: an outbox of things chat adapters must announce (a feed was disabled).
// Delivery is at least once: an event stays pending until an adapter marks it delivered.
import type { Database, Statement } from "better-sqlite3";
import type { BotEvent, EventStore } from "../../briefing/ports.js";
import { EventRowSchema, originColumnsOf } from "../row-schemas.js";

export class SqliteEventStore implements EventStore {
  readonly #db: Database;
  readonly #insert: Statement;
  readonly #pending: Statement;
  readonly #deliver: Statement;

  constructor(db: Database) {
    this.#db = db;
    this.#insert = db.prepare(
      `INSERT INTO events (kind, feed_id, origin_platform, origin_workspace_id, origin_channel_id, origin_user_id,
         message, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    );
    this.#pending = db.prepare("SELECT * FROM events WHERE delivered_at IS NULL ORDER BY created_at, id LIMIT ?");
    // The first delivery time wins: a redelivery after a crash does not rewrite history.
    this.#deliver = db.prepare("UPDATE events SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL");
  }

  async recordEvent(event: Omit<BotEvent, "id" | "deliveredAt">): Promise<BotEvent> {
    const row = this.#db
      .transaction((): unknown =>
        this.#insert.get(event.kind, event.feedId, ...originColumnsOf(event.origin), event.message, event.createdAt),
      )
      .immediate();
    return EventRowSchema.parse(row);
  }

  async pendingEvents(limit: number): Promise<BotEvent[]> {
    return this.#pending.all(limit).map((row) => EventRowSchema.parse(row));
  }

  async markEventDelivered(id: number, at: number): Promise<void> {
    this.#db.transaction(() => this.#deliver.run(at, id)).immediate();
  }
}
