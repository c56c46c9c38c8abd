// EventStore on PostgreSQL: the outbox of announcements chat adapters deliver at least once.
import type pg from "pg";
import type { BotEvent, EventStore } from "../../briefing/ports.js";
import { originColumnsOf, PgEventRowSchema } from "./postgres-row-schemas.js";

export class PostgresEventStore implements EventStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async recordEvent(event: Omit<BotEvent, "id" | "deliveredAt">): Promise<BotEvent> {
    const { rows } = await this.#pool.query(
      `INSERT INTO events (kind, feed_id, origin_platform, origin_workspace_id, origin_channel_id, origin_user_id,
         message, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [event.kind, event.feedId, ...originColumnsOf(event.origin), event.message, event.createdAt],
    );
    return PgEventRowSchema.parse(rows[0]);
  }

  async pendingEvents(limit: number): Promise<BotEvent[]> {
    const { rows } = await this.#pool.query(
      "SELECT * FROM events WHERE delivered_at IS NULL ORDER BY created_at, id LIMIT $1",
      [Math.max(0, Math.floor(limit))],
    );
    return rows.map((row) => PgEventRowSchema.parse(row));
  }

  async markEventDelivered(id: number, at: number): Promise<void> {
    // The first delivery time wins: a redelivery after a crash does not rewrite history.
    await this.#pool.query("UPDATE events SET delivered_at = $1 WHERE id = $2 AND delivered_at IS NULL", [at, id]);
  }
}
