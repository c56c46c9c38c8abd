// DeliveryLedger on PostgreSQL: a slot is claimed with one INSERT ... ON CONFLICT DO UPDATE ... WHERE
// (atomic under concurrency: the primary key makes the claim unique across every instance, and an
// ended lease can be taken over), settled by the claim's token only; posted articles kept per channel.
import type pg from "pg";
import type { DeliveryLedger, SlotClaim, SlotHistory, SlotRecord, SlotSettlement } from "../../briefing/ports.js";
import type { ChannelRef } from "../../briefing/schedule.js";
import { withTransaction } from "./postgres-pool.js";
import { PgSlotHistoryRowSchema, PgSlotRowSchema } from "./postgres-row-schemas.js";

/** How long a channel's posted articles are remembered: as SQLite (well beyond the 8-day digest span). */
const POSTED_RETENTION_MS = 30 * 86_400_000;

export class PostgresDeliveryLedger implements DeliveryLedger {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async slotHistory(scheduleIds: number[]): Promise<SlotHistory[]> {
    if (scheduleIds.length === 0) return [];
    const { rows } = await this.#pool.query(
      `SELECT j.id,
         (SELECT max(slot_at) FROM digest_slots WHERE schedule_id = j.id) AS latest_slot_at,
         (SELECT max(slot_at) FROM digest_slots WHERE schedule_id = j.id AND status IN ('posted', 'quiet'))
           AS latest_delivered_at
       FROM unnest($1::bigint[]) WITH ORDINALITY AS j (id, ord) ORDER BY j.ord`,
      [scheduleIds],
    );
    return rows.map((row) => PgSlotHistoryRowSchema.parse(row));
  }

  async claimSlot(claim: SlotClaim): Promise<boolean> {
    // Inserts the claim, or takes over a claimed row whose lease has ended. The EXISTS check refuses
    // a schedule that was removed or paused meanwhile.
    const result = await this.#pool.query(
      `INSERT INTO digest_slots (schedule_id, slot_at, status, attempts, claim_token, lease_until, updated_at)
       SELECT $1, $2, 'claimed', 1, $3, $4, $5
       WHERE EXISTS (SELECT 1 FROM digest_schedules WHERE id = $1 AND paused_at IS NULL)
       ON CONFLICT (schedule_id, slot_at) DO UPDATE SET
         attempts = digest_slots.attempts + 1, claim_token = excluded.claim_token,
         lease_until = excluded.lease_until, updated_at = excluded.updated_at
       WHERE digest_slots.status = 'claimed' AND digest_slots.lease_until <= $5`,
      [claim.scheduleId, claim.slotAt, claim.token, claim.leaseUntil, claim.now],
    );
    return result.rowCount === 1;
  }

  async settleSlot(
    key: { scheduleId: number; slotAt: number; token: string; at: number },
    settlement: SlotSettlement,
  ): Promise<boolean> {
    return withTransaction(this.#pool, async (client) => {
      const messageId = settlement.status === "posted" ? settlement.messageId : null;
      const reason = settlement.status === "failed" ? settlement.reason : null;
      const result = await client.query(
        `UPDATE digest_slots SET status = $1, message_id = $2, reason = $3, claim_token = NULL, lease_until = NULL,
           updated_at = $4
         WHERE schedule_id = $5 AND slot_at = $6 AND status = 'claimed' AND claim_token = $7`,
        [settlement.status, messageId, reason, key.at, key.scheduleId, key.slotAt, key.token],
      );
      const changed = result.rowCount === 1;
      if (changed && settlement.status === "posted") {
        const c: ChannelRef = settlement.channel;
        if (settlement.articleIds.length > 0) {
          await client.query(
            `INSERT INTO digest_posted (platform, workspace_id, channel_id, posted_at, article_ids)
             VALUES ($1, $2, $3, $4, $5::bigint[])`,
            [c.platform, c.workspaceId, c.channelId, key.at, [...settlement.articleIds]],
          );
        }
        await client.query(
          "DELETE FROM digest_posted WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3 AND posted_at < $4",
          [c.platform, c.workspaceId, c.channelId, key.at - POSTED_RETENTION_MS],
        );
      }
      return changed;
    });
  }

  async releaseSlot(
    key: { scheduleId: number; slotAt: number; token: string },
    retryAt: number,
    reason: string,
  ): Promise<boolean> {
    const result = await this.#pool.query(
      `UPDATE digest_slots SET claim_token = NULL, lease_until = $1, reason = $2
       WHERE schedule_id = $3 AND slot_at = $4 AND status = 'claimed' AND claim_token = $5`,
      [retryAt, reason, key.scheduleId, key.slotAt, key.token],
    );
    return result.rowCount === 1;
  }

  async skipSlot(key: { scheduleId: number; slotAt: number }, reason: string, at: number): Promise<boolean> {
    const result = await this.#pool.query(
      `INSERT INTO digest_slots (schedule_id, slot_at, status, attempts, reason, updated_at)
       SELECT $1, $2, 'skipped', 0, $3, $4 WHERE EXISTS (SELECT 1 FROM digest_schedules WHERE id = $1)
       ON CONFLICT (schedule_id, slot_at) DO UPDATE SET
         status = 'skipped', reason = excluded.reason, claim_token = NULL, lease_until = NULL,
         updated_at = excluded.updated_at
       WHERE digest_slots.status = 'claimed' AND digest_slots.lease_until <= $4`,
      [key.scheduleId, key.slotAt, reason, at],
    );
    return result.rowCount === 1;
  }

  async expiredClaims(now: number): Promise<SlotRecord[]> {
    const { rows } = await this.#pool.query(
      "SELECT * FROM digest_slots WHERE status = 'claimed' AND lease_until <= $1 ORDER BY slot_at, schedule_id",
      [now],
    );
    return rows.map((row) => PgSlotRowSchema.parse(row));
  }

  async listSlots(scheduleId: number, limit: number): Promise<SlotRecord[]> {
    const { rows } = await this.#pool.query(
      "SELECT * FROM digest_slots WHERE schedule_id = $1 ORDER BY slot_at DESC LIMIT $2",
      [scheduleId, Math.max(0, Math.floor(limit))],
    );
    return rows.map((row) => PgSlotRowSchema.parse(row));
  }

  async postedArticleIds(channel: ChannelRef, since: number): Promise<number[]> {
    const { rows } = await this.#pool.query<{ id: number }>(
      `SELECT DISTINCT unnest(article_ids) AS id FROM digest_posted
       WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3 AND posted_at >= $4 ORDER BY 1`,
      [channel.platform, channel.workspaceId, channel.channelId, since],
    );
    return rows.map((row) => row.id);
  }
}
