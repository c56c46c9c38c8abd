// AlertLedger on SQLite: a story is claimed per channel with one INSERT ... ON CONFLICT in a BEGIN
// IMMEDIATE transaction (the key makes it unique across processes; an ended lease can be taken
// over), settled by its token only; replies likewise per outlet; held stories taken for a round-up in one UPDATE.
import type { Database, Statement } from "better-sqlite3";
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

const IN_CHANNEL = "platform = @platform AND workspace_id = @workspaceId AND channel_id = @channelId";

function ch(c: ChannelRef) {
  return { platform: c.platform, workspaceId: c.workspaceId, channelId: c.channelId };
}

export class SqliteAlertLedger implements AlertLedger {
  readonly #db: Database;
  readonly #stories: Statement;
  readonly #withArticle: Statement;
  readonly #claim: Statement;
  readonly #settle: Statement;
  readonly #release: Statement;
  readonly #hold: Statement;
  readonly #articles: Statement;
  readonly #setArticles: Statement;
  readonly #claimHeld: Statement;
  readonly #settleHeld: Statement;
  readonly #releaseHeld: Statement;
  readonly #addRoundup: Statement;
  readonly #lastRoundup: Statement;
  readonly #countPosts: Statement;
  readonly #replies: Statement;
  readonly #claimReply: Statement;
  readonly #settleReply: Statement;
  readonly #releaseReply: Statement;
  readonly #stop: Statement;
  readonly #edited: Statement;
  readonly #outcome: Statement;
  readonly #outcomes: Statement;
  readonly #byUrl: Statement;
  readonly #prune: Statement;

  constructor(db: Database) {
    this.#db = db;
    this.#stories = db.prepare(`SELECT * FROM alert_stories WHERE ${IN_CHANNEL} AND updated_at >= @since`);
    this.#withArticle = db.prepare(
      "SELECT * FROM alert_stories s WHERE EXISTS (SELECT 1 FROM json_each(s.article_ids) j WHERE j.value = ?)",
    );
    this.#claim = db.prepare(
      `INSERT INTO alert_stories (platform, workspace_id, channel_id, story_key, watch_id, status, attempts,
         claim_token, lease_until, headline, article_ids, outlets, created_at, updated_at)
       VALUES (@platform, @workspaceId, @channelId, @storyKey, @watchId, 'claimed', 1, @token, @leaseUntil,
         @headline, @articleIds, @outlets, @now, @now)
       ON CONFLICT (platform, workspace_id, channel_id, story_key) DO UPDATE SET
         attempts = alert_stories.attempts + 1, claim_token = excluded.claim_token,
         lease_until = excluded.lease_until, updated_at = excluded.updated_at
       WHERE alert_stories.status = 'claimed' AND alert_stories.lease_until <= @now`,
    );
    this.#settle = db.prepare(
      `UPDATE alert_stories SET status = @status, message_id = @messageId, reason = @reason, claim_token = NULL,
         lease_until = NULL, posted_at = CASE WHEN @status = 'posted' THEN @at ELSE posted_at END, updated_at = @at,
         edited_sources = CASE WHEN @status = 'posted' THEN json_array_length(outlets) ELSE edited_sources END
       WHERE ${IN_CHANNEL} AND story_key = @storyKey AND status = 'claimed' AND claim_token = @token`,
    );
    this.#release = db.prepare(
      `UPDATE alert_stories SET claim_token = NULL, lease_until = @retryAt, reason = @reason
       WHERE ${IN_CHANNEL} AND story_key = @storyKey AND status = 'claimed' AND claim_token = @token`,
    );
    this.#hold = db.prepare(
      `INSERT INTO alert_stories (platform, workspace_id, channel_id, story_key, watch_id, status, headline,
         article_ids, outlets, reason, created_at, updated_at)
       VALUES (@platform, @workspaceId, @channelId, @storyKey, @watchId, 'held', @headline, @articleIds, @outlets,
         @reason, @now, @now)
       ON CONFLICT (platform, workspace_id, channel_id, story_key) DO NOTHING`,
    );
    this.#articles = db
      .prepare(`SELECT article_ids FROM alert_stories WHERE ${IN_CHANNEL} AND story_key = @storyKey`)
      .pluck();
    this.#setArticles = db.prepare(
      `UPDATE alert_stories SET article_ids = @articleIds, updated_at = @at WHERE ${IN_CHANNEL} AND story_key = @storyKey`,
    );
    this.#claimHeld = db.prepare(
      `UPDATE alert_stories SET status = 'rounding', claim_token = @token, lease_until = @leaseUntil,
         attempts = attempts + 1, updated_at = @now
       WHERE ${IN_CHANNEL} AND (status = 'held' OR (status = 'rounding' AND lease_until <= @now)) RETURNING *`,
    );
    this.#settleHeld = db.prepare(
      `UPDATE alert_stories SET status = @status, message_id = @messageId, reason = coalesce(@reason, reason),
         claim_token = NULL, lease_until = NULL, posted_at = @at, updated_at = @at
       WHERE ${IN_CHANNEL} AND status = 'rounding' AND claim_token = @token`,
    );
    this.#releaseHeld = db.prepare(
      `UPDATE alert_stories SET status = 'held', claim_token = NULL, lease_until = NULL, reason = @reason
       WHERE ${IN_CHANNEL} AND status = 'rounding' AND claim_token = @token`,
    );
    this.#addRoundup = db.prepare(
      `INSERT INTO alert_roundups (platform, workspace_id, channel_id, message_id, story_count, posted_at)
       VALUES (@platform, @workspaceId, @channelId, @messageId, @storyCount, @at)`,
    );
    this.#lastRoundup = db.prepare(
      `SELECT * FROM alert_roundups WHERE ${IN_CHANNEL} ORDER BY posted_at DESC, id DESC LIMIT 1`,
    );
    this.#countPosts = db
      .prepare(
        `SELECT count(*) FROM alert_stories WHERE ${IN_CHANNEL} AND coalesce(posted_at, created_at) >= @since
           AND status IN ('posted', 'claimed', 'failed')`,
      )
      .pluck();
    this.#replies = db.prepare(
      `SELECT r.* FROM alert_replies r, json_each(@storyKeys) k WHERE r.story_key = k.value AND
         r.platform = @platform AND r.workspace_id = @workspaceId AND r.channel_id = @channelId`,
    );
    this.#claimReply = db.prepare(
      `INSERT INTO alert_replies (platform, workspace_id, channel_id, story_key, outlet, article_id, status, attempts,
         claim_token, lease_until, updated_at)
       VALUES (@platform, @workspaceId, @channelId, @storyKey, @outlet, @articleId, 'claimed', 1, @token, @leaseUntil, @now)
       ON CONFLICT (platform, workspace_id, channel_id, story_key, outlet) DO UPDATE SET
         attempts = alert_replies.attempts + 1, claim_token = excluded.claim_token,
         lease_until = excluded.lease_until, updated_at = excluded.updated_at
       WHERE alert_replies.status = 'claimed' AND alert_replies.lease_until <= @now`,
    );
    this.#settleReply = db.prepare(
      `UPDATE alert_replies SET status = @status, message_id = @messageId, reason = @reason, claim_token = NULL,
         lease_until = NULL, updated_at = @at
       WHERE ${IN_CHANNEL} AND story_key = @storyKey AND outlet = @outlet AND status = 'claimed' AND claim_token = @token`,
    );
    this.#releaseReply = db.prepare(
      `UPDATE alert_replies SET claim_token = NULL, lease_until = @retryAt, reason = @reason
       WHERE ${IN_CHANNEL} AND story_key = @storyKey AND outlet = @outlet AND status = 'claimed' AND claim_token = @token`,
    );
    this.#stop = db.prepare(
      `UPDATE alert_stories SET replies_stopped = coalesce(replies_stopped, @reason), updated_at = @at
       WHERE ${IN_CHANNEL} AND story_key = @storyKey`,
    );
    this.#edited = db.prepare(
      `UPDATE alert_stories SET edited_sources = max(edited_sources, @sources), updated_at = @at
       WHERE ${IN_CHANNEL} AND story_key = @storyKey`,
    );
    this.#outcome = db.prepare(
      `INSERT INTO alert_outcomes (article_id, watch_id, outcome, detail, story_key, at)
       SELECT @articleId, @watchId, @outcome, @detail, @storyKey, @at
       WHERE EXISTS (SELECT 1 FROM articles WHERE id = @articleId) AND EXISTS (SELECT 1 FROM watches WHERE id = @watchId)
       ON CONFLICT (article_id, watch_id) DO UPDATE SET outcome = excluded.outcome, detail = excluded.detail,
         story_key = excluded.story_key, at = excluded.at
       WHERE alert_outcomes.outcome <> excluded.outcome OR alert_outcomes.detail <> excluded.detail
         OR alert_outcomes.story_key IS NOT excluded.story_key`,
    );
    this.#outcomes = db.prepare("SELECT * FROM alert_outcomes WHERE article_id = ? ORDER BY watch_id");
    this.#byUrl = db
      .prepare(
        "SELECT id FROM articles WHERE url = @url OR canonical_url = @url ORDER BY duplicate_of IS NOT NULL, id LIMIT 1",
      )
      .pluck();
    this.#prune = db.prepare(
      "DELETE FROM alert_stories WHERE updated_at < ? AND status NOT IN ('claimed', 'rounding', 'held')",
    );
  }

  #parseStories(rows: unknown[]): AlertStoryRecord[] {
    return rows.map((row) => AlertStoryRowSchema.parse(row));
  }

  async channelStories(channel: ChannelRef, since: number): Promise<AlertStoryRecord[]> {
    return this.#parseStories(this.#stories.all({ ...ch(channel), since }));
  }

  async storiesWithArticle(articleId: number): Promise<AlertStoryRecord[]> {
    return this.#parseStories(this.#withArticle.all(articleId));
  }

  async claimStory(c: StoryClaim): Promise<boolean> {
    return this.#db
      .transaction(
        () =>
          this.#claim.run({
            ...ch(c.channel),
            storyKey: c.storyKey,
            watchId: c.watchId,
            token: c.token,
            leaseUntil: c.leaseUntil,
            headline: c.headline,
            articleIds: JSON.stringify(c.articleIds),
            outlets: JSON.stringify(c.outlets),
            now: c.now,
          }).changes === 1,
      )
      .immediate();
  }

  async settleStory(key: ClaimKey, at: number, s: AlertSettlement): Promise<boolean> {
    return this.#db
      .transaction(
        () =>
          this.#settle.run({
            ...ch(key.channel),
            storyKey: key.storyKey,
            token: key.token,
            status: s.status,
            messageId: s.status === "posted" ? s.messageId : null,
            reason: s.status === "failed" ? s.reason : null,
            at,
          }).changes === 1,
      )
      .immediate();
  }

  async releaseStory(key: ClaimKey, retryAt: number, reason: string): Promise<boolean> {
    return (
      this.#release.run({ ...ch(key.channel), storyKey: key.storyKey, token: key.token, retryAt, reason }).changes === 1
    );
  }

  async holdStory(
    e: Omit<StoryClaim, "token" | "leaseUntil" | "now"> & { reason: string; now: number },
  ): Promise<boolean> {
    return (
      this.#hold.run({
        ...ch(e.channel),
        storyKey: e.storyKey,
        watchId: e.watchId,
        headline: e.headline,
        articleIds: JSON.stringify(e.articleIds),
        outlets: JSON.stringify(e.outlets),
        reason: e.reason,
        now: e.now,
      }).changes === 1
    );
  }

  async noteArticles(channel: ChannelRef, storyKey: string, articleIds: number[], at: number): Promise<void> {
    this.#db
      .transaction(() => {
        const stored = this.#articles.get({ ...ch(channel), storyKey });
        if (typeof stored !== "string") return;
        const known = new Set<number>(JSON.parse(stored) as number[]);
        const before = known.size;
        for (const id of articleIds) known.add(id);
        if (known.size === before) return;
        this.#setArticles.run({ ...ch(channel), storyKey, articleIds: JSON.stringify([...known]), at });
      })
      .immediate();
  }

  async claimHeld(channel: ChannelRef, token: string, now: number, leaseUntil: number): Promise<AlertStoryRecord[]> {
    return this.#db
      .transaction(() => this.#parseStories(this.#claimHeld.all({ ...ch(channel), token, now, leaseUntil })))
      .immediate();
  }

  async settleRoundup(channel: ChannelRef, token: string, at: number, s: AlertSettlement): Promise<number> {
    return this.#db
      .transaction(() => {
        const changed = this.#settleHeld.run({
          ...ch(channel),
          token,
          at,
          status: s.status === "posted" ? "rounded" : "failed",
          messageId: s.status === "posted" ? s.messageId : null,
          reason: s.status === "failed" ? s.reason : null,
        }).changes;
        if (changed > 0) {
          this.#addRoundup.run({
            ...ch(channel),
            messageId: s.status === "posted" ? s.messageId : null,
            storyCount: changed,
            at,
          });
        }
        return changed;
      })
      .immediate();
  }

  async releaseRoundup(channel: ChannelRef, token: string, reason: string): Promise<number> {
    return this.#releaseHeld.run({ ...ch(channel), token, reason }).changes;
  }

  async lastRoundup(channel: ChannelRef): Promise<RoundupRecord | null> {
    const row = this.#lastRoundup.get(ch(channel));
    return row === undefined ? null : RoundupRowSchema.parse(row);
  }

  async countPosts(channel: ChannelRef, since: number): Promise<number> {
    return Number(this.#countPosts.get({ ...ch(channel), since }));
  }

  async replies(channel: ChannelRef, storyKeys: string[]): Promise<AlertReplyRecord[]> {
    if (storyKeys.length === 0) return [];
    return this.#replies
      .all({ ...ch(channel), storyKeys: JSON.stringify(storyKeys) })
      .map((row) => AlertReplyRowSchema.parse(row));
  }

  async claimReply(c: ReplyClaim): Promise<boolean> {
    return this.#db
      .transaction(
        () =>
          this.#claimReply.run({
            ...ch(c.channel),
            storyKey: c.storyKey,
            outlet: c.outlet,
            articleId: c.articleId,
            token: c.token,
            leaseUntil: c.leaseUntil,
            now: c.now,
          }).changes === 1,
      )
      .immediate();
  }

  async settleReply(key: ClaimKey & { outlet: string }, at: number, s: AlertSettlement): Promise<boolean> {
    return (
      this.#settleReply.run({
        ...ch(key.channel),
        storyKey: key.storyKey,
        outlet: key.outlet,
        token: key.token,
        status: s.status,
        messageId: s.status === "posted" ? s.messageId : null,
        reason: s.status === "failed" ? s.reason : null,
        at,
      }).changes === 1
    );
  }

  async releaseReply(key: ClaimKey & { outlet: string }, retryAt: number, reason: string): Promise<boolean> {
    return (
      this.#releaseReply.run({
        ...ch(key.channel),
        storyKey: key.storyKey,
        outlet: key.outlet,
        token: key.token,
        retryAt,
        reason,
      }).changes === 1
    );
  }

  async stopReplies(channel: ChannelRef, storyKey: string, reason: string, at: number): Promise<void> {
    this.#stop.run({ ...ch(channel), storyKey, reason, at });
  }

  async markEdited(channel: ChannelRef, storyKey: string, sources: number, at: number): Promise<void> {
    this.#edited.run({ ...ch(channel), storyKey, sources, at });
  }

  async recordOutcomes(outcomes: AlertOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    this.#db
      .transaction(() => {
        for (const o of outcomes) this.#outcome.run(o);
      })
      .immediate();
  }

  async outcomesForArticle(articleId: number): Promise<AlertOutcome[]> {
    return this.#outcomes.all(articleId).map((row) => AlertOutcomeRowSchema.parse(row));
  }

  async articleIdByUrl(url: string): Promise<number | null> {
    const id = this.#byUrl.get({ url });
    return id === undefined ? null : Number(id);
  }

  async pruneLedger(before: number): Promise<number> {
    return this.#prune.run(before).changes;
  }
}
