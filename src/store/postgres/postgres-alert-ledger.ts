// AlertLedger on PostgreSQL: as SQLite's (sqlite-alert-ledger.ts). Claims are single INSERT ... ON
// CONFLICT DO UPDATE ... WHERE statements and a round-up takes held rows with one UPDATE, so two
// instances never both win one story, reply or held story (row locks re-check the WHERE).
import type pg from "pg";
import type {
  AlertLedger,
  AlertOutcome,
  AlertReplyRecord,
  AlertSettlement,
  AlertStoryRecord,
  ClaimKey,
  ReplyClaim,
  RoundupRecord,
  StoryClaim,
} from "../../briefing/alerts/alert-ports.js";
import type { ChannelRef } from "../../briefing/schedule.js";
import {
  AlertOutcomeRowSchema,
  AlertReplyRowSchema,
  AlertStoryRowSchema,
  RoundupRowSchema,
} from "../alert-row-schemas.js";
import { withTransaction } from "./postgres-pool.js";

/** Channel columns are always $1..$3. */
const IN_CHANNEL = "platform = $1 AND workspace_id = $2 AND channel_id = $3";

function ch(c: ChannelRef): [string, string, string] {
  return [c.platform, c.workspaceId, c.channelId];
}

export class PostgresAlertLedger implements AlertLedger {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  #stories(rows: unknown[]): AlertStoryRecord[] {
    return rows.map((row) => AlertStoryRowSchema.parse(row));
  }

  async channelStories(channel: ChannelRef, since: number): Promise<AlertStoryRecord[]> {
    const { rows } = await this.#pool.query(`SELECT * FROM alert_stories WHERE ${IN_CHANNEL} AND updated_at >= $4`, [
      ...ch(channel),
      since,
    ]);
    return this.#stories(rows);
  }

  async storiesWithArticle(articleId: number): Promise<AlertStoryRecord[]> {
    const { rows } = await this.#pool.query("SELECT * FROM alert_stories WHERE $1 = ANY (article_ids)", [articleId]);
    return this.#stories(rows);
  }

  async claimStory(c: StoryClaim): Promise<boolean> {
    const result = await this.#pool.query(
      `INSERT INTO alert_stories (platform, workspace_id, channel_id, story_key, watch_id, status, attempts,
         claim_token, lease_until, headline, article_ids, outlets, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'claimed', 1, $6, $7, $8, $9::bigint[], $10::text[], $11, $11)
       ON CONFLICT (platform, workspace_id, channel_id, story_key) DO UPDATE SET
         attempts = alert_stories.attempts + 1, claim_token = excluded.claim_token,
         lease_until = excluded.lease_until, updated_at = excluded.updated_at
       WHERE alert_stories.status = 'claimed' AND alert_stories.lease_until <= $11`,
      [...ch(c.channel), c.storyKey, c.watchId, c.token, c.leaseUntil, c.headline, c.articleIds, c.outlets, c.now],
    );
    return result.rowCount === 1;
  }

  async settleStory(key: ClaimKey, at: number, s: AlertSettlement): Promise<boolean> {
    const result = await this.#pool.query(
      `UPDATE alert_stories SET status = $6, message_id = $7, reason = $8, claim_token = NULL, lease_until = NULL,
         posted_at = CASE WHEN $6 = 'posted' THEN $9 ELSE posted_at END, updated_at = $9,
         edited_sources = CASE WHEN $6 = 'posted' THEN cardinality(outlets) ELSE edited_sources END
       WHERE ${IN_CHANNEL} AND story_key = $4 AND status = 'claimed' AND claim_token = $5`,
      [
        ...ch(key.channel),
        key.storyKey,
        key.token,
        s.status,
        s.status === "posted" ? s.messageId : null,
        s.status === "failed" ? s.reason : null,
        at,
      ],
    );
    return result.rowCount === 1;
  }

  async releaseStory(key: ClaimKey, retryAt: number, reason: string): Promise<boolean> {
    const result = await this.#pool.query(
      `UPDATE alert_stories SET claim_token = NULL, lease_until = $6, reason = $7
       WHERE ${IN_CHANNEL} AND story_key = $4 AND status = 'claimed' AND claim_token = $5`,
      [...ch(key.channel), key.storyKey, key.token, retryAt, reason],
    );
    return result.rowCount === 1;
  }

  async holdStory(
    e: Omit<StoryClaim, "token" | "leaseUntil" | "now"> & { reason: string; now: number },
  ): Promise<boolean> {
    const result = await this.#pool.query(
      `INSERT INTO alert_stories (platform, workspace_id, channel_id, story_key, watch_id, status, headline,
         article_ids, outlets, reason, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'held', $6, $7::bigint[], $8::text[], $9, $10, $10)
       ON CONFLICT (platform, workspace_id, channel_id, story_key) DO NOTHING`,
      [...ch(e.channel), e.storyKey, e.watchId, e.headline, e.articleIds, e.outlets, e.reason, e.now],
    );
    return result.rowCount === 1;
  }

  async noteArticles(channel: ChannelRef, storyKey: string, articleIds: number[], at: number): Promise<void> {
    await this.#pool.query(
      `UPDATE alert_stories SET article_ids = ARRAY(SELECT DISTINCT unnest(article_ids || $5::bigint[])), updated_at = $6
       WHERE ${IN_CHANNEL} AND story_key = $4 AND NOT (article_ids @> $5::bigint[])`,
      [...ch(channel), storyKey, articleIds, at],
    );
  }

  async claimHeld(channel: ChannelRef, token: string, now: number, leaseUntil: number): Promise<AlertStoryRecord[]> {
    const { rows } = await this.#pool.query(
      `UPDATE alert_stories SET status = 'rounding', claim_token = $4, lease_until = $5, attempts = attempts + 1,
         updated_at = $6
       WHERE ${IN_CHANNEL} AND (status = 'held' OR (status = 'rounding' AND lease_until <= $6)) RETURNING *`,
      [...ch(channel), token, leaseUntil, now],
    );
    return this.#stories(rows);
  }

  async settleRoundup(channel: ChannelRef, token: string, at: number, s: AlertSettlement): Promise<number> {
    return withTransaction(this.#pool, async (client) => {
      const messageId = s.status === "posted" ? s.messageId : null;
      const result = await client.query(
        `UPDATE alert_stories SET status = $5, message_id = $6, reason = coalesce($7, reason), claim_token = NULL,
           lease_until = NULL, posted_at = $8, updated_at = $8
         WHERE ${IN_CHANNEL} AND status = 'rounding' AND claim_token = $4`,
        [
          ...ch(channel),
          token,
          s.status === "posted" ? "rounded" : "failed",
          messageId,
          s.status === "failed" ? s.reason : null,
          at,
        ],
      );
      const changed = result.rowCount ?? 0;
      if (changed > 0) {
        await client.query(
          `INSERT INTO alert_roundups (platform, workspace_id, channel_id, message_id, story_count, posted_at)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [...ch(channel), messageId, changed, at],
        );
      }
      return changed;
    });
  }

  async releaseRoundup(channel: ChannelRef, token: string, reason: string): Promise<number> {
    const result = await this.#pool.query(
      `UPDATE alert_stories SET status = 'held', claim_token = NULL, lease_until = NULL, reason = $5
       WHERE ${IN_CHANNEL} AND status = 'rounding' AND claim_token = $4`,
      [...ch(channel), token, reason],
    );
    return result.rowCount ?? 0;
  }

  async lastRoundup(channel: ChannelRef): Promise<RoundupRecord | null> {
    const { rows } = await this.#pool.query(
      `SELECT * FROM alert_roundups WHERE ${IN_CHANNEL} ORDER BY posted_at DESC, id DESC LIMIT 1`,
      ch(channel),
    );
    return rows[0] === undefined ? null : RoundupRowSchema.parse(rows[0]);
  }

  async countPosts(channel: ChannelRef, since: number): Promise<number> {
    const { rows } = await this.#pool.query(
      `SELECT count(*)::int AS count FROM alert_stories WHERE ${IN_CHANNEL}
         AND coalesce(posted_at, created_at) >= $4 AND status IN ('posted', 'claimed', 'failed')`,
      [...ch(channel), since],
    );
    return Number(rows[0]?.count ?? 0);
  }

  async replies(channel: ChannelRef, storyKeys: string[]): Promise<AlertReplyRecord[]> {
    if (storyKeys.length === 0) return [];
    const { rows } = await this.#pool.query(
      `SELECT * FROM alert_replies WHERE ${IN_CHANNEL} AND story_key = ANY ($4::text[])`,
      [...ch(channel), storyKeys],
    );
    return rows.map((row) => AlertReplyRowSchema.parse(row));
  }

  async claimReply(c: ReplyClaim): Promise<boolean> {
    const result = await this.#pool.query(
      `INSERT INTO alert_replies (platform, workspace_id, channel_id, story_key, outlet, article_id, status, attempts,
         claim_token, lease_until, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'claimed', 1, $7, $8, $9)
       ON CONFLICT (platform, workspace_id, channel_id, story_key, outlet) DO UPDATE SET
         attempts = alert_replies.attempts + 1, claim_token = excluded.claim_token,
         lease_until = excluded.lease_until, updated_at = excluded.updated_at
       WHERE alert_replies.status = 'claimed' AND alert_replies.lease_until <= $9`,
      [...ch(c.channel), c.storyKey, c.outlet, c.articleId, c.token, c.leaseUntil, c.now],
    );
    return result.rowCount === 1;
  }

  async settleReply(key: ClaimKey & { outlet: string }, at: number, s: AlertSettlement): Promise<boolean> {
    const result = await this.#pool.query(
      `UPDATE alert_replies SET status = $7, message_id = $8, reason = $9, claim_token = NULL, lease_until = NULL,
         updated_at = $10
       WHERE ${IN_CHANNEL} AND story_key = $4 AND outlet = $5 AND status = 'claimed' AND claim_token = $6`,
      [
        ...ch(key.channel),
        key.storyKey,
        key.outlet,
        key.token,
        s.status,
        s.status === "posted" ? s.messageId : null,
        s.status === "failed" ? s.reason : null,
        at,
      ],
    );
    return result.rowCount === 1;
  }

  async releaseReply(key: ClaimKey & { outlet: string }, retryAt: number, reason: string): Promise<boolean> {
    const result = await this.#pool.query(
      `UPDATE alert_replies SET claim_token = NULL, lease_until = $7, reason = $8
       WHERE ${IN_CHANNEL} AND story_key = $4 AND outlet = $5 AND status = 'claimed' AND claim_token = $6`,
      [...ch(key.channel), key.storyKey, key.outlet, key.token, retryAt, reason],
    );
    return result.rowCount === 1;
  }

  async stopReplies(channel: ChannelRef, storyKey: string, reason: string, at: number): Promise<void> {
    await this.#pool.query(
      `UPDATE alert_stories SET replies_stopped = coalesce(replies_stopped, $5), updated_at = $6
       WHERE ${IN_CHANNEL} AND story_key = $4`,
      [...ch(channel), storyKey, reason, at],
    );
  }

  async markEdited(channel: ChannelRef, storyKey: string, sources: number, at: number): Promise<void> {
    await this.#pool.query(
      `UPDATE alert_stories SET edited_sources = greatest(edited_sources, $5), updated_at = $6
       WHERE ${IN_CHANNEL} AND story_key = $4`,
      [...ch(channel), storyKey, sources, at],
    );
  }

  async recordOutcomes(outcomes: AlertOutcome[]): Promise<void> {
    // One row per article and watch (the last wins): ON CONFLICT may touch a row once per statement.
    outcomes = [...new Map(outcomes.map((o) => [`${o.articleId}:${o.watchId}`, o])).values()];
    if (outcomes.length === 0) return;
    // One statement for the batch; rows of articles or watches removed meanwhile are dropped.
    await this.#pool.query(
      `INSERT INTO alert_outcomes (article_id, watch_id, outcome, detail, story_key, at)
       SELECT o.article_id, o.watch_id, o.outcome, o.detail, o.story_key, o.at
       FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[])
         AS o (article_id, watch_id, outcome, detail, story_key, at)
       WHERE EXISTS (SELECT 1 FROM articles a WHERE a.id = o.article_id)
         AND EXISTS (SELECT 1 FROM watches w WHERE w.id = o.watch_id)
       ON CONFLICT (article_id, watch_id) DO UPDATE SET outcome = excluded.outcome, detail = excluded.detail,
         story_key = excluded.story_key, at = excluded.at
       WHERE alert_outcomes.outcome <> excluded.outcome OR alert_outcomes.detail <> excluded.detail
         OR alert_outcomes.story_key IS DISTINCT FROM excluded.story_key`,
      [
        outcomes.map((o) => o.articleId),
        outcomes.map((o) => o.watchId),
        outcomes.map((o) => o.outcome),
        outcomes.map((o) => o.detail),
        outcomes.map((o) => o.storyKey),
        outcomes.map((o) => o.at),
      ],
    );
  }

  async outcomesForArticle(articleId: number): Promise<AlertOutcome[]> {
    const { rows } = await this.#pool.query("SELECT * FROM alert_outcomes WHERE article_id = $1 ORDER BY watch_id", [
      articleId,
    ]);
    return rows.map((row) => AlertOutcomeRowSchema.parse(row));
  }

  async articleIdByUrl(url: string): Promise<number | null> {
    const { rows } = await this.#pool.query(
      `SELECT id FROM articles WHERE url = $1 OR canonical_url = $1
       ORDER BY duplicate_of IS NOT NULL, id LIMIT 1`,
      [url],
    );
    return rows[0] === undefined ? null : Number(rows[0].id);
  }

  async pruneLedger(before: number): Promise<number> {
    const result = await this.#pool.query(
      "DELETE FROM alert_stories WHERE updated_at < $1 AND status NOT IN ('claimed', 'rounding', 'held')",
      [before],
    );
    return result.rowCount ?? 0;
  }
}
