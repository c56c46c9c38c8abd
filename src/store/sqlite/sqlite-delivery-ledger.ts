// DeliveryLedger on SQLite: slots are claimed with one INSERT ... ON CONFLICT in a BEGIN IMMEDIATE
// transaction (the primary key makes a claim unique across processes; an ended lease can be taken
// over), settled by the claim's token only, and each channel's posted articles are kept for novelty.
import type { Database, Statement } from "better-sqlite3";
import type { DeliveryLedger, SlotClaim, SlotHistory, SlotRecord, SlotSettlement } from "../../briefing/ports.js";
import type { ChannelRef } from "../../briefing/schedule.js";
import { SlotHistoryRowSchema, SlotRowSchema } from "../schedule-row-schemas.js";

/** How long a channel's posted articles are remembered: well beyond the longest digest span (8 days). */
const POSTED_RETENTION_MS = 30 * 86_400_000;

export class SqliteDeliveryLedger implements DeliveryLedger {
  readonly #db: Database;
  readonly #history: Statement;
  readonly #claim: Statement;
  readonly #settle: Statement;
  readonly #posted: Statement;
  readonly #forget: Statement;
  readonly #release: Statement;
  readonly #skip: Statement;
  readonly #expired: Statement;
  readonly #list: Statement;
  readonly #postedIds: Statement;

  constructor(db: Database) {
    this.#db = db;
    // One index probe per schedule and column; json_each keeps the statement one prepared query.
    this.#history = db.prepare(
      `SELECT j.value AS id,
         (SELECT max(slot_at) FROM digest_slots WHERE schedule_id = j.value) AS latest_slot_at,
         (SELECT max(slot_at) FROM digest_slots WHERE schedule_id = j.value AND status IN ('posted', 'quiet'))
           AS latest_delivered_at
       FROM json_each(?) j`,
    );
    // Inserts the claim, or takes over a claimed row whose lease has ended (a crash, or a retry
    // that is due). The EXISTS check refuses a schedule that was removed or paused meanwhile.
    this.#claim = db.prepare(
      `INSERT INTO digest_slots (schedule_id, slot_at, status, attempts, claim_token, lease_until, updated_at)
       SELECT @scheduleId, @slotAt, 'claimed', 1, @token, @leaseUntil, @now
       WHERE EXISTS (SELECT 1 FROM digest_schedules WHERE id = @scheduleId AND paused_at IS NULL)
       ON CONFLICT (schedule_id, slot_at) DO UPDATE SET
         attempts = digest_slots.attempts + 1, claim_token = excluded.claim_token,
         lease_until = excluded.lease_until, updated_at = excluded.updated_at
       WHERE digest_slots.status = 'claimed' AND digest_slots.lease_until <= @now`,
    );
    this.#settle = db.prepare(
      `UPDATE digest_slots SET status = ?, message_id = ?, reason = ?, claim_token = NULL, lease_until = NULL,
         updated_at = ?
       WHERE schedule_id = ? AND slot_at = ? AND status = 'claimed' AND claim_token = ?`,
    );
    this.#posted = db.prepare(
      "INSERT INTO digest_posted (platform, workspace_id, channel_id, posted_at, article_ids) VALUES (?, ?, ?, ?, ?)",
    );
    this.#forget = db.prepare(
      "DELETE FROM digest_posted WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND posted_at < ?",
    );
    this.#release = db.prepare(
      `UPDATE digest_slots SET claim_token = NULL, lease_until = ?, reason = ?
       WHERE schedule_id = ? AND slot_at = ? AND status = 'claimed' AND claim_token = ?`,
    );
    this.#skip = db.prepare(
      `INSERT INTO digest_slots (schedule_id, slot_at, status, attempts, reason, updated_at)
       SELECT @scheduleId, @slotAt, 'skipped', 0, @reason, @at WHERE EXISTS (SELECT 1 FROM digest_schedules WHERE id = @scheduleId)
       ON CONFLICT (schedule_id, slot_at) DO UPDATE SET
         status = 'skipped', reason = excluded.reason, claim_token = NULL, lease_until = NULL,
         updated_at = excluded.updated_at
       WHERE digest_slots.status = 'claimed' AND digest_slots.lease_until <= @at`,
    );
    this.#expired = db.prepare(
      "SELECT * FROM digest_slots WHERE status = 'claimed' AND lease_until <= ? ORDER BY slot_at, schedule_id",
    );
    this.#list = db.prepare("SELECT * FROM digest_slots WHERE schedule_id = ? ORDER BY slot_at DESC LIMIT ?");
    this.#postedIds = db
      .prepare(
        `SELECT DISTINCT j.value FROM digest_posted p, json_each(p.article_ids) j
         WHERE p.platform = ? AND p.workspace_id = ? AND p.channel_id = ? AND p.posted_at >= ? ORDER BY j.value`,
      )
      .pluck();
  }

  async slotHistory(scheduleIds: number[]): Promise<SlotHistory[]> {
    if (scheduleIds.length === 0) return [];
    return this.#history.all(JSON.stringify(scheduleIds)).map((row) => SlotHistoryRowSchema.parse(row));
  }

  async claimSlot(claim: SlotClaim): Promise<boolean> {
    return this.#db
      .transaction(
        () =>
          this.#claim.run({
            scheduleId: claim.scheduleId,
            slotAt: claim.slotAt,
            token: claim.token,
            leaseUntil: claim.leaseUntil,
            now: claim.now,
          }).changes === 1,
      )
      .immediate();
  }

  async settleSlot(
    key: { scheduleId: number; slotAt: number; token: string; at: number },
    settlement: SlotSettlement,
  ): Promise<boolean> {
    return this.#db
      .transaction(() => {
        const messageId = settlement.status === "posted" ? settlement.messageId : null;
        const reason = settlement.status === "failed" ? settlement.reason : null;
        const changed = this.#settle.run(
          settlement.status,
          messageId,
          reason,
          key.at,
          key.scheduleId,
          key.slotAt,
          key.token,
        ).changes;
        if (changed === 1 && settlement.status === "posted") {
          const c: ChannelRef = settlement.channel;
          if (settlement.articleIds.length > 0) {
            this.#posted.run(c.platform, c.workspaceId, c.channelId, key.at, JSON.stringify(settlement.articleIds));
          }
          // Digests look back a week at most; older records only cost space.
          this.#forget.run(c.platform, c.workspaceId, c.channelId, key.at - POSTED_RETENTION_MS);
        }
        return changed === 1;
      })
      .immediate();
  }

  async releaseSlot(
    key: { scheduleId: number; slotAt: number; token: string },
    retryAt: number,
    reason: string,
  ): Promise<boolean> {
    return this.#db
      .transaction(() => this.#release.run(retryAt, reason, key.scheduleId, key.slotAt, key.token).changes === 1)
      .immediate();
  }

  async skipSlot(key: { scheduleId: number; slotAt: number }, reason: string, at: number): Promise<boolean> {
    return this.#db
      .transaction(() => this.#skip.run({ scheduleId: key.scheduleId, slotAt: key.slotAt, reason, at }).changes === 1)
      .immediate();
  }

  async expiredClaims(now: number): Promise<SlotRecord[]> {
    return this.#expired.all(now).map((row) => SlotRowSchema.parse(row));
  }

  async listSlots(scheduleId: number, limit: number): Promise<SlotRecord[]> {
    return this.#list.all(scheduleId, Math.max(0, Math.floor(limit))).map((row) => SlotRowSchema.parse(row));
  }

  async postedArticleIds(channel: ChannelRef, since: number): Promise<number[]> {
    return this.#postedIds
      .all(channel.platform, channel.workspaceId, channel.channelId, since)
      .map((id) => (typeof id === "number" ? id : Number(id)));
  }
}
